import Foundation
@testable import Sampling

/// The fixtures' toy denoiser: D(x, σ) = x/(1+σ²) + b·tanh(x)·σ/(1+σ), elementwise. Guided
/// calls combine b = 0.3 (conditional) and b = −0.2 (unconditional) at CFG scale 7.
actor ToyDenoiser: Denoiser {
    private(set) var calls = 0
    let cfgScale: Double

    init(cfgScale: Double = 7) { self.cfgScale = cfgScale }

    static func toy(_ x: [Float], sigma: Float, b: Double) -> [Double] {
        let s = Double(sigma)
        return x.map { Double($0) / (1 + s * s) + b * tanh(Double($0)) * s / (1 + s) }
    }

    func denoise(_ x: [Float], sigma: Float) async throws -> [Float] {
        calls += 1
        return Self.toy(x, sigma: sigma, b: 0.3).map { Float($0) }
    }

    func denoiseWithUnconditional(_ x: [Float], sigma: Float, guidanceScaleMultiplier: Float) async throws -> (guided: [Float], unconditional: [Float]) {
        calls += 1
        let conditional = Self.toy(x, sigma: sigma, b: 0.3), unconditional = Self.toy(x, sigma: sigma, b: -0.2)
        let scale = cfgScale * Double(guidanceScaleMultiplier)
        let guided = zip(conditional, unconditional).map { Float($1 + ($0 - $1) * scale) }
        return (guided, unconditional.map { Float($0) })
    }
}

/// Replays the recorded noise pool in order.
actor RecordedNoise: NoiseSampler {
    private let pool: [[Float]]
    private(set) var used = 0

    init(pool: [[Float]]) { self.pool = pool }

    func noise(from sigma: Float, to sigmaNext: Float) async throws -> [Float] {
        defer { used += 1 }
        return pool[used]
    }
}

/// Keeps every step's denoised estimate; can stop the run at a given step.
actor RecordingObserver: StepObserver {
    private(set) var denoised: [[Float]] = []
    private(set) var indices: [Int] = []
    let stopAt: Int?

    init(stopAt: Int? = nil) { self.stopAt = stopAt }

    func didStep(_ step: SamplerStep) async -> StepDecision {
        denoised.append(step.denoised)
        indices.append(step.index)
        return step.index == stopAt ? .interrupt : .proceed
    }
}
