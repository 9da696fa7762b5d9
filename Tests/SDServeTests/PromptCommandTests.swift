import Foundation
import Prompting
import Testing
@testable import sdserve

@Suite struct PromptCommandTests {
    @Test func jsonHasChunksScheduleAndLoras() throws {
        let tokenizer = try CLIPTokenizer.bundled()
        let report = try PromptReport(
            prompt: "(masterpiece:1.2), [cat:dog:0.5] <lora:style:0.7:0.3>", arch: .sd1, steps: 20, role: .positive,
            tokenizer: tokenizer)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])

        let chunks = try #require(object["chunks"] as? [[String: Any]])
        #expect(chunks.count == 1)
        let tokens = try #require(chunks[0]["tokens"] as? [Int])
        let weights = try #require(chunks[0]["weights"] as? [Double])
        #expect(tokens.count == 77 && weights.count == 77)
        #expect(Array(tokens.prefix(5)) == [49406, 12066, 267, 2368, 49407])  // "masterpiece , cat" at step 1
        #expect(abs(weights[1] - 1.2) < 1e-6 && weights[2] == 1 && weights[3] == 1)
        #expect(tokens.dropFirst(4).allSatisfy { $0 == 49407 })

        let schedule = try #require(object["schedule"] as? [[String: Any]])
        #expect(schedule.map { $0["end_step"] as? Int } == [10, 20])
        #expect(schedule.map { $0["text"] as? String } == ["(masterpiece:1.2), cat", "(masterpiece:1.2), dog"])  // trailing space goes with the `:weight` split

        let loras = try #require(object["loras"] as? [[String: Any]])
        #expect(loras.count == 1)
        #expect(loras.first?["name"] as? String == "style")
        #expect(loras.first?["te_multiplier"] as? Double == 0.7)
        #expect(loras.first?["unet_multiplier"] as? Double == 0.3)
        #expect(object["chunks_g"] == nil)
    }

    @Test func sdxlReportsBothPaddings() throws {
        let tokenizer = try CLIPTokenizer.bundled()
        let report = try PromptReport(prompt: "a cat", arch: .sdxl, steps: 20, role: .positive, tokenizer: tokenizer)
        #expect(report.chunks.first?.tokens.suffix(2) == [49407, 49407])
        #expect(report.chunksG?.first?.tokens.prefix(5) == [49406, 320, 2368, 49407, 0])
        #expect(report.humanReadable(tokenizer: tokenizer).contains("2368  \"cat</w>\""))
    }

    @Test func andIsAClearError() throws {
        let tokenizer = try CLIPTokenizer.bundled()
        #expect(throws: PromptingError.composableDiffusionUnsupported(prompt: "a AND b")) {
            try PromptReport(prompt: "a AND b", arch: .sd1, steps: 20, role: .positive, tokenizer: tokenizer)
        }
    }
}
