import Sampling

/// A1111's refiner hand-over (`apply_refiner`): before each model call the progress is read off
/// the noise level (the model timestep t nearest σ; progress (999 − t) / 1000), and from the
/// first call where it reaches `switchAt` on, the refiner's guidance answers: its own prompt
/// encoding and aesthetic-score `y`, with prompt-editing steps counted on from where they were.
actor RefinerSwitch: Denoiser {
    let base: any Denoiser
    let switchAt: Double?
    let table: any SigmaTable
    /// DDIM, PLMS, UniPC: A1111 reads the timestep directly.
    let usesTimesteps: Bool
    /// The refiner's guidance, starting at the given model-call count.
    let makeRefiner: @Sendable (_ step: Int) throws -> any Denoiser
    private var calls = 0
    private var refiner: (any Denoiser)?

    init(
        base: any Denoiser, switchAt: Double?, table: any SigmaTable, usesTimesteps: Bool,
        makeRefiner: @escaping @Sendable (_ step: Int) throws -> any Denoiser
    ) {
        self.base = base
        self.switchAt = switchAt
        self.table = table
        self.usesTimesteps = usesTimesteps
        self.makeRefiner = makeRefiner
    }

    /// Whether the refiner has taken over.
    var switched: Bool { refiner != nil }

    func denoise(_ x: [Float], sigma: Float) async throws -> [Float] {
        try await denoiseWithUnconditional(x, sigma: sigma, guidanceScaleMultiplier: 1).guided
    }

    func denoiseWithUnconditional(
        _ x: [Float], sigma: Float, guidanceScaleMultiplier: Float
    ) async throws -> (guided: [Float], unconditional: [Float]) {
        let denoiser = try current(sigma: sigma)
        calls += 1
        return try await denoiser.denoiseWithUnconditional(x, sigma: sigma, guidanceScaleMultiplier: guidanceScaleMultiplier)
    }

    private func current(sigma: Float) throws -> any Denoiser {
        if let refiner { return refiner }
        if let switchAt, Self.progress(sigma: sigma, table: table, usesTimesteps: usesTimesteps) < Float(switchAt) { return base }
        let refiner = try makeRefiner(calls)
        self.refiner = refiner
        return refiner
    }

    /// `(999 − t) / 1000` in float32 as A1111 compares it; t is the index of the table's σ
    /// nearest `sigma` (timestep samplers: the timestep itself).
    static func progress(sigma: Float, table: any SigmaTable, usesTimesteps: Bool) -> Float {
        let timestep: Int
        if usesTimesteps {
            timestep = Int(table.timestep(forSigma: sigma).rounded())
        } else {
            let sigmas = table.sigmas
            timestep = sigmas.indices.min { abs(sigmas[$0] - sigma) < abs(sigmas[$1] - sigma) } ?? 0
        }
        return Float(999 - timestep) / 1000
    }
}
