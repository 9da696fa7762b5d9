import Foundation
import Generation

/// The A1111 shapes of the model listings (`/sd-models`, `/sd-vae`, `/loras`, `/embeddings`).
enum ModelListings {
    static func sdModel(_ file: ModelFile) -> JSONValue {
        let config = file.url.deletingPathExtension().appendingPathExtension("yaml")
        return [
            "title": .string(file.title),
            "model_name": .string(file.modelName),
            "hash": .string(file.shortHash),
            "sha256": .string(file.sha256),
            "filename": .string(file.url.path),
            "config": .string(FileManager.default.fileExists(atPath: config.path) ? config.path : nil),
        ]
    }

    static let sdModelSchema = Schema.object("SDModelItem", [
        ("title", Schema.string), ("model_name", Schema.string), ("hash", Schema.nullable(Schema.string)),
        ("sha256", Schema.nullable(Schema.string)), ("filename", Schema.string), ("config", Schema.nullable(Schema.string)),
    ])

    static func vae(_ file: ModelFile) -> JSONValue {
        ["model_name": .string(file.fileName), "filename": .string(file.url.path)]
    }

    static let vaeSchema = Schema.object("SDVaeItem", [("model_name", Schema.string), ("filename", Schema.string)])

    /// `alias` is the training run's `ss_output_name` when the file has one.
    static func lora(_ file: ModelFile) -> JSONValue {
        let metadata = file.url.pathExtension.lowercased() == "safetensors"
            ? (try? SafetensorsHeader.read(from: file.url))?.metadata ?? [] : []
        let alias = metadata.first(where: { $0.key == "ss_output_name" })?.value ?? file.stem
        return [
            "name": .string(file.stem), "alias": .string(alias), "path": .string(file.url.path),
            "metadata": .object(metadata.map { (key: $0.key, value: .string($0.value)) }),
        ]
    }

    static let loraSchema = Schema.object("LoraItem", [
        ("name", Schema.string), ("alias", Schema.string), ("path", Schema.string), ("metadata", Schema.map(Schema.string)),
    ])

    /// `{loaded: {name: item}, skipped: {name: item}}`: safetensors embeddings are described
    /// from their header; other formats need the checkpoint loader and are listed as skipped.
    static func embeddings(_ files: [ModelFile]) -> JSONValue {
        var loaded: [(key: String, value: JSONValue)] = []
        var skipped: [(key: String, value: JSONValue)] = []
        for file in files {
            if let header = try? SafetensorsHeader.read(from: file.url), let shape = vectorShape(header) {
                let metadata = Dictionary(header.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
                loaded.append((key: file.stem, value: [
                    "step": .int(metadata["step"].flatMap { Int($0) }),
                    "sd_checkpoint": .string(metadata["sd_checkpoint"]),
                    "sd_checkpoint_name": .string(metadata["sd_checkpoint_name"]),
                    "shape": .int(shape.last ?? 0),
                    "vectors": .int(shape.count > 1 ? shape[0] : 1),
                ]))
            } else {
                skipped.append((key: file.stem, value: [
                    "step": nil, "sd_checkpoint": nil, "sd_checkpoint_name": nil, "shape": 0, "vectors": 0,
                ]))
            }
        }
        return ["loaded": .object(loaded), "skipped": .object(skipped)]
    }

    /// The vector tensor of an embedding: `emb_params` (SD1/SD2), else `clip_l` (SDXL), else the only one.
    static func vectorShape(_ header: SafetensorsHeader) -> [Int]? {
        for name in ["emb_params", "clip_l"] {
            if let shape = header.tensorShapes[name] { return shape }
        }
        return header.tensorShapes.count == 1 ? header.tensorShapes.first?.value : nil
    }

    static let embeddingItemSchema = Schema.object("EmbeddingItem", [
        ("step", Schema.nullable(Schema.integer)), ("sd_checkpoint", Schema.nullable(Schema.string)),
        ("sd_checkpoint_name", Schema.nullable(Schema.string)), ("shape", Schema.integer), ("vectors", Schema.integer),
    ])

    static let embeddingsSchema = Schema.object("EmbeddingsResponse", [
        ("loaded", Schema.map(embeddingItemSchema)), ("skipped", Schema.map(embeddingItemSchema)),
    ])
}
