import Foundation
import Prompting

/// What `sdserve prompt` shows: how A1111's prompt language reads a prompt and the CLIP
/// windows of its first scheduled text, for one architecture's text encoders.
struct PromptReport: Encodable, Equatable {
    enum Architecture: String, Codable, CaseIterable {
        case sd1, sd2, sdxl

        /// Pad token of the first (or only) text encoder, and of SDXL's second (bigG).
        var padToken: Int32 { self == .sd2 ? 0 : CLIPTokenizer.endOfText }
        var secondPadToken: Int32? { self == .sdxl ? 0 : nil }
    }

    struct Chunk: Encodable, Equatable {
        var tokens: [Int32]
        var weights: [Float]
    }

    struct Step: Encodable, Equatable {
        var endStep: Int
        var text: String
        enum CodingKeys: String, CodingKey { case endStep = "end_step", text }
    }

    struct Lora: Encodable, Equatable {
        var name: String
        var teMultiplier: Double
        var unetMultiplier: Double
        var dynamicDim: Int?
        enum CodingKeys: String, CodingKey {
            case name, teMultiplier = "te_multiplier", unetMultiplier = "unet_multiplier", dynamicDim = "dyn"
        }
    }

    struct Hypernetwork: Encodable, Equatable {
        var name: String
        var multiplier: Double
    }

    var arch: Architecture
    var steps: Int
    var text: String
    var guidanceWeight: Double
    var schedule: [Step]
    var loras: [Lora]
    var hypernetworks: [Hypernetwork]
    var tokenCount: Int
    var chunks: [Chunk]
    /// SDXL only: the same windows for OpenCLIP bigG, which pads with 0.
    var chunksG: [Chunk]?

    enum CodingKeys: String, CodingKey {
        case arch, steps, text, guidanceWeight = "guidance_weight", schedule, loras, hypernetworks
        case tokenCount = "token_count", chunks, chunksG = "chunks_g"
    }

    init(prompt: String, arch: Architecture, steps: Int, role: PromptRole, tokenizer: CLIPTokenizer) throws(PromptingError) {
        let parsed = try PromptParser.parse(prompt, role: role, timing: ScheduleTiming(steps: steps))
        let first = parsed.schedule.first?.text ?? parsed.text
        let windows = try PromptChunker(tokenizer: tokenizer, padToken: arch.padToken).chunks(for: first)
        self.arch = arch
        self.steps = steps
        text = parsed.text
        guidanceWeight = parsed.guidanceWeight
        schedule = parsed.schedule.map { Step(endStep: $0.endStep, text: $0.text) }
        loras = parsed.loras.map {
            Lora(name: $0.name, teMultiplier: $0.textEncoderMultiplier, unetMultiplier: $0.unetMultiplier, dynamicDim: $0.dynamicDim)
        }
        hypernetworks = parsed.hypernetworks.map { Hypernetwork(name: $0.name, multiplier: $0.multiplier) }
        tokenCount = windows.tokenCount
        chunks = windows.chunks.map { Chunk(tokens: $0.tokens, weights: $0.weights) }
        chunksG = try arch.secondPadToken.map { pad throws(PromptingError) in
            try PromptChunker(tokenizer: tokenizer, padToken: pad).chunks(for: first).chunks
                .map { Chunk(tokens: $0.tokens, weights: $0.weights) }
        }
    }

    /// One JSON object on one line, keys sorted.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A readable listing: schedule, networks, then each window's content tokens with weights.
    func humanReadable(tokenizer: CLIPTokenizer) -> String {
        var lines = ["prompt: \(text.debugDescription)" + (guidanceWeight == 1 ? "" : "  (guidance weight \(guidanceWeight))")]
        lines.append("schedule over \(steps) steps:")
        var firstStep = 1
        for step in schedule {
            let range = firstStep == step.endStep ? "step \(firstStep)" : "steps \(firstStep)-\(step.endStep)"
            lines.append("  \(range): \(step.text.debugDescription)")
            firstStep = step.endStep + 1
        }
        for lora in loras {
            lines.append("lora \(lora.name): te \(lora.teMultiplier), unet \(lora.unetMultiplier)"
                + (lora.dynamicDim.map { ", dyn \($0)" } ?? ""))
        }
        for network in hypernetworks { lines.append("hypernetwork \(network.name): \(network.multiplier)") }
        lines.append("\(arch.rawValue): \(chunks.count) chunk(s), \(tokenCount) tokens, padding with \(arch.padToken)"
            + (arch.secondPadToken.map { " (bigG pads with \($0))" } ?? ""))
        for (index, chunk) in chunks.enumerated() {
            lines.append("chunk \(index + 1):")
            let end = chunk.tokens.dropFirst().firstIndex(of: CLIPTokenizer.endOfText) ?? chunk.tokens.count - 1
            for position in 1..<end {
                let id = chunk.tokens[position]
                let token = tokenizer.readableToken(id) ?? "?"
                lines.append("  \(String(position).leftPadded(to: 2))  \(String(id).leftPadded(to: 5))  \(token.debugDescription)  x\(chunk.weights[position])")
            }
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
