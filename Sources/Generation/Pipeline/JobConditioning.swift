import Checkpoint
import Prompting
import Tensor

/// A job's prompts as conditioning for a batch: A1111 encodes the first prompt of each batch's
/// slice (every image of an API batch has the same prompt) with its step schedule, and
/// repeats each entry over the batch.
struct JobConditioning: Sendable {
    let positive: [ScheduledConditioning]
    let negative: [ScheduledConditioning]
    /// The composable-diffusion weight of the positive prompt (`prompt :1.2`).
    let positiveWeight: Float

    /// - Parameters:
    ///   - scheduleSteps: the steps prompt editing counts in (doubled for second-order samplers).
    init(
        prompt: String, negativePrompt: String, batchSize: Int, scheduleSteps: Int, width: Int, height: Int,
        model: LoadedModel, settings: Settings
    ) throws {
        let timing = ScheduleTiming(steps: scheduleSteps, useOldScheduling: settings.useOldScheduling)
        let parsed: (positive: ParsedPrompt, negative: ParsedPrompt)
        do {
            parsed = (try PromptParser.parse(prompt, role: .positive, timing: timing),
                      try PromptParser.parse(negativePrompt, role: .negative, timing: timing))
        } catch {
            throw GenerationError.invalidPrompt("\(error)")
        }
        let options = TextEncodingOptions(
            clipSkip: TextEncodingOptions.clipSkip(fromRequestValue: settings.clipStopAtLastLayers),
            sdxlClipLSkip: settings.sdxlClipLSkip, emphasis: EmphasisMode(rawValue: settings.emphasis) ?? .original,
            commaBacktrack: settings.commaPaddingBacktrack)
        let isSDXL = model.family == .sdxl || model.family == .sdxlRefiner
        func encode(_ parsed: ParsedPrompt, isNegative: Bool) throws -> [ScheduledConditioning] {
            let size = isSDXL ? SDXLSizeConditioning.a1111(width: width, height: height, isNegative: isNegative) : nil
            let entries = try model.promptEncoder.encode(
                schedule: parsed.schedule, isNegative: isNegative, options: options, size: size, backend: model.backend)
            return try entries.map { try Self.repeated($0, batchSize: batchSize, backend: model.backend) }
        }
        positive = try encode(parsed.positive, isNegative: false)
        negative = try encode(parsed.negative, isNegative: true)
        positiveWeight = Float(parsed.positive.guidanceWeight)
    }

    static func repeated(_ entry: ScheduledConditioning, batchSize: Int, backend: any Backend) throws -> ScheduledConditioning {
        guard batchSize > 1 else { return entry }
        let condition = entry.conditioning
        return ScheduledConditioning(
            endStep: entry.endStep,
            conditioning: PromptConditioning(
                crossAttention: try backend.concat(Array(repeating: condition.crossAttention, count: batchSize), dim: 0),
                vector: try condition.vector.map { try backend.concat(Array(repeating: $0, count: batchSize), dim: 0) }))
    }
}
