/// Why a checkpoint or VAE could not be made ready. The previously loaded model keeps serving.
public struct ModelLoadFailure: Error, Sendable, CustomStringConvertible {
    /// The file that failed.
    public let file: String
    /// What went wrong, from the layer that noticed it (detection, weights, tokenizer).
    public let reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String {
        "could not load model '\(file)': \(reason). The previously loaded model is still in use; "
            + "check that the file is a complete SD1.x, SD2.x or SDXL checkpoint (or pick another one)."
    }
}
