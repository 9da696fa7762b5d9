import Checkpoint
import Tensor

extension PromptEncoder {
    /// The `embeddings` argument from loaded textual-inversion files, by prompt name. A later
    /// file with the same name replaces an earlier one, as A1111's registration does.
    public static func embeddingVectors(_ inversions: [TextualInversion]) -> [String: [TextEncoderRole: Tensor]] {
        var vectors: [String: [TextEncoderRole: Tensor]] = [:]
        for inversion in inversions { vectors[inversion.name] = inversion.vectors }
        return vectors
    }
}
