/// Errors at the Sampling module boundary. Each says what was wrong and how to fix it; the API
/// layer maps the name errors to 422.
public enum SamplingError: Error, Equatable, CustomStringConvertible {
    case unknownSampler(String, known: [String])
    case unknownScheduler(String, known: [String])
    case invalidSteps(Int)
    case invalidDenoisingStrength(Double)
    case scheduleTooShort(sampler: String, sigmaCount: Int)
    case modelOutputShape(expected: Int, actual: Int)
    case noiseShape(expected: Int, actual: Int)
    case lcmNeedsLCMSchedule
    case noPositiveConditioning
    case invalidBetaParameters(alpha: Double, beta: Double)
    case invalidLatentShape([Int])
    case singularUniPCSystem
    case brownianTreeTooDeep(Double, Double)
    case maskShape(latent: Int, mask: Int)

    public var description: String {
        switch self {
        case .unknownSampler(let name, let known):
            "Sampler '\(name)' not found; use one of: \(known.joined(separator: ", "))"
        case .unknownScheduler(let name, let known):
            "Scheduler '\(name)' not found; use one of: \(known.joined(separator: ", "))"
        case .invalidSteps(let steps):
            "steps must be at least 1 (got \(steps))"
        case .invalidDenoisingStrength(let value):
            "denoising_strength must be between 0 and 1 (got \(value))"
        case .scheduleTooShort(let sampler, let count):
            "\(sampler) needs at least 2 noise levels, the schedule has \(count); raise steps"
        case .modelOutputShape(let expected, let actual):
            "the model returned \(actual) values for a latent of \(expected); its output must match the latent shape"
        case .noiseShape(let expected, let actual):
            "a noise source returned \(actual) values for a latent of \(expected)"
        case .lcmNeedsLCMSchedule:
            "the latentConsistency parameterisation needs an LCMSchedule as its sigma table"
        case .noPositiveConditioning:
            "guidance needs at least one positive conditioning"
        case .invalidBetaParameters(let alpha, let beta):
            "beta scheduler parameters must be positive (alpha \(alpha), beta \(beta)); check beta_dist_alpha/beta_dist_beta"
        case .invalidLatentShape(let shape):
            "latent shape \(shape) must be [batch, channels, height, width] with positive sizes"
        case .maskShape(let latent, let mask):
            "an inpainting mask of \(mask) values does not tile a latent of \(latent); resize the mask to the latent's height × width"
        case .brownianTreeTooDeep(let a, let b):
            "the Brownian tree could not resolve the interval [\(a), \(b)]; noise levels must lie on the schedule's range"
        case .singularUniPCSystem:
            "UniPC's order conditions are singular for this schedule; use fewer steps' order or another sampler"
        }
    }
}
