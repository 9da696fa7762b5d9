import Tensor

/// How A1111 gives conditionings of different lengths one shape.
public enum ConditioningPadding {
    /// `pad_cond_uncond` (sd_samplers_cfg_denoiser `pad_cond`): the shorter context of cond and
    /// uncond gets copies of the empty prompt's context `[1, 77, C]` appended. With the option off
    /// (A1111's default) A1111 instead runs cond and uncond through the UNet separately.
    public static func equalized(
        _ cond: PromptConditioning, _ uncond: PromptConditioning, emptyPrompt: Tensor, backend: any Backend
    ) throws -> (cond: PromptConditioning, uncond: PromptConditioning) {
        let chunks = max(cond.chunkCount, uncond.chunkCount)
        var (cond, uncond) = (cond, uncond)
        cond.crossAttention = try padded(cond.crossAttention, toChunks: chunks, emptyPrompt: emptyPrompt, backend: backend)
        uncond.crossAttention = try padded(uncond.crossAttention, toChunks: chunks, emptyPrompt: emptyPrompt, backend: backend)
        return (cond, uncond)
    }

    /// `context` `[B, 77·k, C]` followed by `chunks − k` copies of `emptyPrompt` per row.
    public static func padded(_ context: Tensor, toChunks chunks: Int, emptyPrompt: Tensor, backend: any Backend) throws -> Tensor {
        let missing = chunks - context.shape[1] / 77
        guard missing > 0 else { return context }
        let empty = try emptyPrompt.reshaped([1, emptyPrompt.shape[1], emptyPrompt.shape[2]])
        let row = try backend.concat(Array(repeating: empty, count: missing), dim: 1)  // [1, 77·missing, C]
        let rows = try backend.concat(Array(repeating: row, count: context.shape[0]), dim: 0)  // [B, 77·missing, C]
        return try backend.concat([context, rows], dim: 1)
    }

    /// `prompt_parser.stack_conds`: prompts of one batch with different lengths are stacked after
    /// repeating each shorter context's last token vector. Contexts are `[1, T_i, C]`.
    public static func stacked(_ contexts: [Tensor], backend: any Backend) throws -> Tensor {
        let tokens = contexts.map { $0.shape[1] }.max() ?? 0
        let rows = try contexts.map { context -> Tensor in
            let missing = tokens - context.shape[1]
            guard missing > 0 else { return context }
            let last = try backend.slice(context, dim: 1, start: context.shape[1] - 1, end: context.shape[1])  // [1, 1, C]
            return try backend.concat([context] + Array(repeating: last, count: missing), dim: 1)
        }
        return try backend.concat(rows, dim: 0)  // [B, T, C]
    }
}
