/// The timesteps A1111 gives its timestep samplers (`CompVisSampler.get_timesteps`): every
/// ⌊1000/steps⌋-th timestep starting at 1, i.e. 1, 1+c, 1+2c, … clipped to 999.
public enum A1111Timesteps {
    public static func txt2img(steps: Int, trainingSteps: Int = 1000) -> [Int] {
        let stride = max(trainingSteps / max(steps, 1), 1)
        return Swift.stride(from: 0, to: trainingSteps, by: stride).map { min($0 + 1, trainingSteps - 1) }
    }
}
