/// A1111's `LCMCompVisDenoiser` table: the 50 "original" LCM timesteps 19, 39, …, 999 of a
/// 1000-step schedule. Timesteps are quantised (nearest entry ·20 + 19) and the denoised
/// output gets LCM's boundary-condition scalings (σ_data 0.5, timestep ·10).
public struct LCMSchedule: SigmaTable {
    public static let originalSteps = 50

    public let sigmas: [Float]
    public let skipSteps: Int
    private let interpolation: LogSigmaInterpolation

    public init(base: DiscreteSchedule = .stableDiffusion) {
        let total = base.alphasCumprod.count
        let skip = total / Self.originalSteps
        skipSteps = skip
        let alphas = (0..<Self.originalSteps).map { k in
            base.alphasCumprod[total - 1 - (Self.originalSteps - 1 - k) * skip]
        }
        sigmas = DiscreteSchedule(alphasCumprod: alphas).sigmas
        interpolation = LogSigmaInterpolation(sigmas: sigmas)
    }

    public func timestep(forSigma sigma: Float) -> Float {
        Float(interpolation.nearestIndex(forSigma: sigma) * skipSteps + skipSteps - 1)
    }

    public func sigma(atTimestep t: Float) -> Float {
        let index = min(max((t - Float(skipSteps - 1)) / Float(skipSteps), 0), Float(sigmas.count - 1))
        return interpolation.sigma(atTimestep: index)
    }

    /// (c_skip, c_out) applied to the ε-model's denoised estimate.
    func boundaryScalings(sigma: Float) -> (skip: Float, out: Float) {
        let sigmaData: Float = 0.5
        let scaled = timestep(forSigma: sigma) * 10
        let skip = sigmaData * sigmaData / (scaled * scaled + sigmaData * sigmaData)
        let out = scaled / (scaled * scaled + sigmaData * sigmaData).squareRoot()
        return (skip, out)
    }
}
