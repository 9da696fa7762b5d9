import Checkpoint
import Diffusion
import Prompting
import Tensor

/// A model's text encoders with AUTOMATIC1111's prompt semantics: chunking, emphasis, clip
/// skip, textual inversion, and for SDXL the joined context, pooled output and size vector.
/// Build one per loaded checkpoint; call `encode(schedule:…)` per prompt of a job.
public struct PromptEncoder: Sendable {
    public let family: ModelFamily
    let encoders: [(role: TextEncoderRole, model: CLIPTextTransformer)]
    public let tokenizer: CLIPTokenizer
    /// Textual-inversion vectors by prompt name and encoder role: those of the given
    /// embeddings that fit every encoder of this model (A1111 skips the others, and their names
    /// stay plain text).
    public let embeddings: [String: [TextEncoderRole: Tensor]]
    private let embeddingVocabulary: EmbeddingVocabulary

    /// Loads the detected text encoders from `source` (canonical keys).
    public init(
        model: DetectedModel, source: any TensorSource, backend: any Backend, tokenizer: CLIPTokenizer,
        embeddings: [String: [TextEncoderRole: Tensor]] = [:]
    ) throws {
        let roles = model.textEncoders.map(\.role)
        let family = model.architecture.family
        guard roles == family.textEncoderSlots.map(\.role) else { throw ConditioningError.unsupportedEncoders(family: family, roles: roles) }
        self.init(
            family: family,
            encoders: try model.textEncoders.map { ($0.role, try CLIPTextTransformer($0, source: source, backend: backend)) },
            tokenizer: tokenizer, embeddings: embeddings)
    }

    /// Encoders already loaded, in conditioning order (`ModelFamily.textEncoderSlots`).
    public init(
        family: ModelFamily, encoders: [(role: TextEncoderRole, model: CLIPTextTransformer)], tokenizer: CLIPTokenizer,
        embeddings: [String: [TextEncoderRole: Tensor]] = [:]
    ) {
        self.family = family
        self.encoders = encoders
        self.tokenizer = tokenizer
        // A1111 registers an embedding only when its total width equals the model's (768 SD1,
        // 1024 SD2, 768 + 1280 SDXL, 1280 refiner): one vector set per encoder, nothing else.
        let usable = embeddings.filter { _, vectors in
            Set(vectors.keys) == Set(encoders.map(\.role))
                && encoders.allSatisfy { vectors[$0.role]?.rank == 2 && vectors[$0.role]?.shape[1] == $0.model.config.width }
                && Set(vectors.values.map { $0.shape[0] }).count == 1
        }
        self.embeddings = usable
        embeddingVocabulary = EmbeddingVocabulary(
            embeddings: usable.map { (name: $0.key, vectorCount: $0.value.values.first?.shape[0] ?? 0) }.sorted { $0.name < $1.name },
            tokenizer: tokenizer)
    }

    /// The chunker A1111 would use: end-of-text padding (OpenCLIP padding is applied per
    /// encoder), this model's embeddings, the options' comma backtrack.
    public func chunker(options: TextEncodingOptions) -> PromptChunker {
        PromptChunker(tokenizer: tokenizer, commaBacktrack: options.commaBacktrack, embeddings: embeddingVocabulary)
    }

    /// A1111's `prompt_parser.get_learned_conditioning` for one prompt: all texts of its
    /// schedule encoded as one batch (so emphasis renormalises over all of them), split back
    /// per entry. `size` is required for SDXL models. On SDXL an all-empty negative prompt gives
    /// zero text conditioning, as A1111's `force_zero_embeddings` does.
    public func encode(
        schedule: [ScheduledPrompt], isNegative: Bool, options: TextEncodingOptions, size: SDXLSizeConditioning?,
        backend: any Backend
    ) throws -> [ScheduledConditioning] {
        let chunker = chunker(options: options)
        let batch = try schedule.map { try chunker.chunks(for: $0.text, parseEmphasis: options.emphasis.parsesBrackets).chunks }
        let zeroText = isNegative && schedule.allSatisfy { $0.text.isEmpty }
        let conditioning = try encode(chunks: batch, options: options, size: size, zeroText: zeroText, backend: backend)
        return try schedule.indices.map { row in
            ScheduledConditioning(
                endStep: schedule[row].endStep,
                conditioning: PromptConditioning(
                    crossAttention: try backend.slice(conditioning.crossAttention, dim: 0, start: row, end: row + 1),
                    vector: try conditioning.vector.map { try backend.slice($0, dim: 0, start: row, end: row + 1) }))
        }
    }

    /// The conditioning of a batch of chunked texts (`batch[b]` = chunks of text b, padded
    /// with end-of-text). `zeroText` zeroes the context and pooled part of SDXL's `y`.
    public func encode(
        chunks batch: [[PromptChunk]], options: TextEncodingOptions, size: SDXLSizeConditioning?, zeroText: Bool = false,
        backend: any Backend
    ) throws -> PromptConditioning {
        guard !batch.isEmpty else { throw ConditioningError.emptyBatch }
        var (context, pooled) = try contextAndPooled(batch, options: options, backend: backend)
        guard family == .sdxl || family == .sdxlRefiner else { return PromptConditioning(crossAttention: context, vector: nil) }
        guard var pooled, let size else { throw ConditioningError.missingSizeConditioning(family: family) }
        if zeroText {
            context = Tensor(zeros: context.shape)
            pooled = Tensor(zeros: pooled.shape)
        }
        let sizeValues = family == .sdxl ? size.baseEmbedding : size.refinerEmbedding
        let sizes = try Tensor(shape: [batch.count, sizeValues.count], values: Array((0..<batch.count).map { _ in sizeValues }.joined()))
        return PromptConditioning(crossAttention: context, vector: try backend.concat([pooled, sizes], dim: 1))  // y: [B, pooled + sizes]
    }

    /// A1111's `cond_stage_model_empty_prompt`: the context of the prompt "" `[1, 77, context]`,
    /// which `ConditioningPadding` appends to the shorter of cond and uncond.
    public func emptyPromptContext(options: TextEncodingOptions, backend: any Backend) throws -> Tensor {
        try contextAndPooled([[PromptChunk.empty(padToken: CLIPTokenizer.endOfText)]], options: options, backend: backend).context
    }

    /// Every encoder's weighted hidden states joined on the feature axis, and the pooled output
    /// of the encoder that pools (SDXL's bigG).
    private func contextAndPooled(
        _ batch: [[PromptChunk]], options: TextEncodingOptions, backend: any Backend
    ) throws -> (context: Tensor, pooled: Tensor?) {
        var contexts: [Tensor] = []
        var pooled: Tensor?
        for (role, model) in encoders {
            let request = A1111LayerRules.request(for: role, family: family, layers: model.config.layers, options: options)
            let encoder = ChunkBatchEncoder(role: role, model: model, request: request)
            let output = try encoder.encode(batch, embeddings: embeddings, emphasis: options.emphasis, backend: backend)
            contexts.append(output.hidden)
            pooled = output.pooled ?? pooled
        }
        guard !contexts.isEmpty else { throw ConditioningError.unsupportedEncoders(family: family, roles: []) }
        return (contexts.count == 1 ? contexts[0] : try backend.concat(contexts, dim: 2), pooled)  // [B, 77·k, context]
    }
}
