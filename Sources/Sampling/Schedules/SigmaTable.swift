import Foundation

/// The discrete noise levels a model was trained on, and the maps between a noise level σ and
/// the model's timestep. Schedulers that A1111 marks `need_inner_model` read these.
public protocol SigmaTable: Sendable {
    /// Noise levels in ascending order (float32, as the reference keeps them).
    var sigmas: [Float] { get }
    /// The timestep the model is called with at σ (may be fractional).
    func timestep(forSigma sigma: Float) -> Float
    /// The inverse: σ at a (fractional) timestep.
    func sigma(atTimestep t: Float) -> Float
}

extension SigmaTable {
    public var sigmaMin: Float { sigmas[0] }
    public var sigmaMax: Float { sigmas[sigmas.count - 1] }
}

/// k-diffusion's `DiscreteSchedule` maps, on a table of ascending log-sigmas, in float32.
struct LogSigmaInterpolation: Sendable {
    let logSigmas: [Float]

    init(sigmas: [Float]) {
        logSigmas = sigmas.map { Foundation.log($0) }
    }

    /// Fractional index by linear interpolation of log σ between the two bracketing entries.
    func timestep(forSigma sigma: Float) -> Float {
        let logSigma = Foundation.log(sigma)
        let nonNegative = logSigmas.lastIndex { logSigma - $0 >= 0 } ?? 0
        let low = min(nonNegative, logSigmas.count - 2)
        let lowValue = logSigmas[low], highValue = logSigmas[low + 1]
        let w = min(max((lowValue - logSigma) / (lowValue - highValue), 0), 1)
        return (1 - w) * Float(low) + w * Float(low + 1)
    }

    /// Index of the nearest entry in log space (k-diffusion's `quantize=True`).
    func nearestIndex(forSigma sigma: Float) -> Int {
        let logSigma = Foundation.log(sigma)
        var best = 0
        for i in logSigmas.indices where abs(logSigma - logSigmas[i]) < abs(logSigma - logSigmas[best]) {
            best = i
        }
        return best
    }

    func sigma(atTimestep t: Float) -> Float {
        let lowIndex = Int(t.rounded(.down)), highIndex = Int(t.rounded(.up))
        let w = t - t.rounded(.down)
        return Foundation.exp((1 - w) * logSigmas[lowIndex] + w * logSigmas[highIndex])
    }
}
