import Checkpoint
import Tensor

/// A fixture model file plus tensors generated in the test instead of stored, such as CLIP's
/// 49408-row token tables (`tokenTable`).
public struct AugmentedSource: TensorSource {
    public let base: any TensorSource
    public let generated: [String: Tensor]
    public let infos: [String: TensorInfo]
    public var fileName: String { base.fileName }

    public init(base: any TensorSource, generated: [String: Tensor]) {
        self.base = base
        self.generated = generated
        infos = base.infos.merging(generated.mapValues { TensorInfo(dtype: .f32, shape: $0.shape) }) { _, new in new }
    }

    public func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        if let tensor = generated[key] { return tensor }
        return try base.tensor(key)
    }

    /// The deterministic `[vocab, width]` table of `tools/fixtures/clip/make_fixtures.py`'s
    /// `token_table`: `((i·7919 + j·104729 + salt·15485863) mod 2003 − 1001) / 2048`, exact in f32.
    public static func tokenTable(vocab: Int, width: Int, salt: Int) throws -> Tensor {
        var values = [Float](repeating: 0, count: vocab * width)
        for i in 0..<vocab {
            for j in 0..<width {
                values[i * width + j] = Float((i * 7919 + j * 104729 + salt * 15485863) % 2003 - 1001) / 2048
            }
        }
        return try Tensor(shape: [vocab, width], values: values)
    }
}
