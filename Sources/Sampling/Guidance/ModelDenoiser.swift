/// What the network predicts, and how its output becomes D(x, σ) (engine-notes §3.2).
public enum Parameterization: Sendable, Equatable {
    /// ε-prediction: D = x − σ·F.
    case epsilon
    /// v-prediction: D = x/(σ²+1) − F·σ/√(σ²+1).
    case velocity
    /// An ε-model distilled for LCM: the ε result gets LCM's boundary scalings (A1111's
    /// `LCMCompVisDenoiser`); use with an `LCMSchedule`.
    case latentConsistency
}

/// Wraps a `NoisePredictor` into D(x, σ) for one conditioning: scales the input by
/// c_in = 1/√(σ²+1), converts σ to the model timestep through the sigma table, and combines
/// the output with c_skip/c_out.
public struct ModelDenoiser<Model: NoisePredictor>: Sendable {
    public let model: Model
    public let table: any SigmaTable
    public let parameterization: Parameterization

    public init(model: Model, table: any SigmaTable, parameterization: Parameterization) {
        self.model = model
        self.table = table
        self.parameterization = parameterization
    }

    public func denoise(_ x: [Float], sigma: Float, conditioning: Model.Conditioning) async throws -> [Float] {
        let inputScale = 1 / (sigma * sigma + 1).squareRoot()
        let output = try await model.predict(
            x.map { $0 * inputScale }, timestep: table.timestep(forSigma: sigma), conditioning: conditioning)
        guard output.count == x.count else {
            throw SamplingError.modelOutputShape(expected: x.count, actual: output.count)
        }
        switch parameterization {
        case .epsilon:
            return zip(x, output).map { $0 - sigma * $1 }
        case .velocity:
            let skip = 1 / (sigma * sigma + 1), out = -sigma * inputScale
            return zip(x, output).map { $0 * skip + $1 * out }
        case .latentConsistency:
            guard let lcm = table as? LCMSchedule else { throw SamplingError.lcmNeedsLCMSchedule }
            let (skip, out) = lcm.boundaryScalings(sigma: sigma)
            return zip(x, output).map { x, eps in out * (x - sigma * eps) + skip * x }
        }
    }
}
