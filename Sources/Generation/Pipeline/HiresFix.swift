/// txt2img's hires fix (A1111 `enable_hr`): the request's fields for the second pass.
public struct HiresFix: Sendable {
    public var scale = 2.0
    /// `hr_resize_x` / `hr_resize_y`; both 0 uses `scale`.
    public var resizeWidth = 0
    public var resizeHeight = 0
    /// `hr_upscaler`: a latent mode (`Latent`, `Latent (antialiased)`, `Latent (bicubic)`,
    /// `Latent (bicubic antialiased)`, `Latent (nearest)`, `Latent (nearest-exact)`) or a pixel upscaler (`None`, `Lanczos`, `Nearest`); nil is `Latent`.
    public var upscaler: String?
    /// 0 runs `steps`.
    public var secondPassSteps = 0
    public var denoisingStrength: Double
    /// Nil or empty: the first pass's sampler / scheduler / prompts.
    public var samplerName: String?
    public var scheduler: String?
    public var prompt = ""
    public var negativePrompt = ""

    public init(denoisingStrength: Double) {
        self.denoisingStrength = denoisingStrength
    }

    /// The hires size and how many latent cells to crop (A1111 `init` of the txt2img
    /// processing): by scale; by one given side keeping the aspect; by both, covering the box
    /// and cropping the excess.
    func target(width: Int, height: Int, factor: Int) -> (width: Int, height: Int, truncateX: Int, truncateY: Int) {
        switch (resizeWidth, resizeHeight) {
        case (0, 0): return (Int(Double(width) * scale), Int(Double(height) * scale), 0, 0)
        case (let x, 0): return (x, x * height / width, 0, 0)
        case (0, let y): return (y * width / height, y, 0, 0)
        case (let x, let y):
            let (toX, toY) = Double(width) / Double(height) < Double(x) / Double(y)
                ? (x, x * height / width) : (y * width / height, y)
            return (toX, toY, (toX - x) / factor, (toY - y) / factor)
        }
    }

    /// Infotext extras in A1111's order (`StableDiffusionProcessingTxt2Img.init` inserts the
    /// checkpoint, sampler, prompts and schedule type before the target size, steps and
    /// upscaler); `checkpoint` is the hires checkpoint's short title, and the hires sampler and
    /// prompts are shown only when they differ from the job's.
    func extras(
        checkpoint: String?, sampler mainSampler: String, prompt mainPrompt: String, negativePrompt mainNegative: String
    ) -> [(key: String, value: JSONValue)] {
        var extras: [(key: String, value: JSONValue)] = []
        if let checkpoint { extras.append(("Hires checkpoint", .string(checkpoint))) }
        if let samplerName, !samplerName.isEmpty, samplerName != mainSampler { extras.append(("Hires sampler", .string(samplerName))) }
        if !prompt.isEmpty, prompt != mainPrompt { extras.append(("Hires prompt", .string(prompt))) }
        if !negativePrompt.isEmpty, negativePrompt != mainNegative { extras.append(("Hires negative prompt", .string(negativePrompt))) }
        if let scheduler, !scheduler.isEmpty { extras.append(("Hires schedule type", .string(scheduler))) }
        if resizeWidth == 0, resizeHeight == 0 {
            extras.append(("Hires upscale", .double(scale)))
        } else {
            extras.append(("Hires resize", .string("\(resizeWidth)x\(resizeHeight)")))
        }
        if secondPassSteps > 0 { extras.append(("Hires steps", .int(secondPassSteps))) }
        extras.append(("Hires upscaler", .string(upscaler ?? "Latent")))
        return extras
    }
}
