/// Why a job could not run. SDAPI maps each case to A1111's status and message.
public enum GenerationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `samples_format` is not png, jpg, jpeg or webp (A1111: 500 `Invalid image format`).
    case invalidImageFormat(String)
    /// The sampler or scheduler name did not resolve.
    case invalidSampler(String)
    /// A prompt A1111 would reject or sdserve cannot run (for example `AND`).
    case invalidPrompt(String)
    /// img2img without `init_images` (A1111: 404 `Init image not found`).
    case missingInitImage
    /// More init images than `batch_size`.
    case tooManyInitImages(count: Int, batchSize: Int)
    /// The queue already holds `--queue-size` jobs.
    case queueFull(capacity: Int)
    /// The job was cancelled before it started (its client went away).
    case cancelled

    public var description: String {
        switch self {
        case .invalidImageFormat(let format): "Invalid image format '\(format)': samples_format must be png, jpg, jpeg or webp"
        case .invalidSampler(let reason): "bad sampler or scheduler: \(reason)"
        case .invalidPrompt(let reason): "the prompt cannot be used: \(reason)"
        case .missingInitImage: "Init image not found"
        case .tooManyInitImages(let count, let batchSize):
            "\(count) init images but batch_size is \(batchSize): send at most batch_size images, or raise batch_size"
        case .queueFull(let capacity): "the generation queue is full (\(capacity) jobs waiting); retry later or raise --queue-size"
        case .cancelled: "the job was cancelled before it started"
        }
    }
}
