/// The discrete variance-preserving schedule of SD1.x, SD2.x and SDXL: 1000 scaled-linear betas
/// from 0.00085 to 0.012, ᾱ kept in float32 and σ = √((1−ᾱ)/ᾱ) computed in float32, as
/// A1111's LDM models and k-diffusion's `CompVisDenoiser` hold them (engine-notes §3.1).
public struct DiscreteSchedule: SigmaTable {
    public let alphasCumprod: [Float]
    public let sigmas: [Float]
    private let interpolation: LogSigmaInterpolation

    public init(alphasCumprod: [Float]) {
        self.alphasCumprod = alphasCumprod
        sigmas = alphasCumprod.map { (((1 - $0) / $0)).squareRoot() }
        interpolation = LogSigmaInterpolation(sigmas: sigmas)
    }

    /// β_i = (√start + i/(n−1)·(√end − √start))², ᾱ = ∏(1 − β) in double, stored as float32.
    public static func scaledLinear(betaStart: Double = 0.00085, betaEnd: Double = 0.012, count: Int = 1000) -> DiscreteSchedule {
        let rootStart = betaStart.squareRoot(), rootEnd = betaEnd.squareRoot()
        var product = 1.0
        let alphas = (0..<count).map { i -> Float in
            let root = rootStart + Double(i) / Double(count - 1) * (rootEnd - rootStart)
            product *= 1 - root * root
            return Float(product)
        }
        return DiscreteSchedule(alphasCumprod: alphas)
    }

    /// Stable Diffusion 1.x / 2.x / SDXL.
    public static let stableDiffusion = scaledLinear()

    public func timestep(forSigma sigma: Float) -> Float { interpolation.timestep(forSigma: sigma) }
    public func sigma(atTimestep t: Float) -> Float { interpolation.sigma(atTimestep: t) }
}
