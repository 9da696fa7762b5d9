import Testing

@testable import Generation

@Suite struct InfotextParserTests {
    static let example = """
        a photo of a cat, (masterpiece:1.2) <lora:detail:0.6>
        Negative prompt: blurry, lowres
        Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.0, Seed: 1234567890, Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Lora hashes: "detail: 0123456789ab", Version: v1.10.1
        """

    func dictionary(_ entries: [(key: String, value: JSONValue)]) -> [String: JSONValue] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }

    @Test func parsesPromptNegativeAndParameters() {
        let entries = InfotextParser.parse(Self.example)
        let values = dictionary(entries)
        #expect(entries.prefix(3).map(\.key) == ["Prompt", "Negative prompt", "Steps"])
        #expect(values["Prompt"] == "a photo of a cat, (masterpiece:1.2) <lora:detail:0.6>")
        #expect(values["Negative prompt"] == "blurry, lowres")
        #expect(values["Steps"] == "20")
        #expect(values["CFG scale"] == "7.0")
        #expect(values["Size-1"] == "512")
        #expect(values["Size-2"] == "768")
        #expect(values["Size"] == nil)
        #expect(values["Lora hashes"] == "detail: 0123456789ab")
        #expect(values["Schedule type"] == "Karras")
        #expect(values["Emphasis"] == "Original")
    }

    @Test func fillsA1111Defaults() {
        let values = dictionary(InfotextParser.parse(Self.example))
        #expect(values["Clip skip"] == "1")
        #expect(values["Hires resize-1"] == 0)
        #expect(values["Masked area padding"] == 32)
        #expect(values["RNG"] == "GPU")
        #expect(values["Hires sampler"] == "Use same sampler")
        #expect(values["Refiner switch by sampling steps"] == false)
        #expect(values["Downcast alphas_cumprod"] == nil)
    }

    @Test func keepsMultilinePromptsAndOldVersionFlags() {
        let text = "line one\nline [two:three:5]\nNegative prompt: bad\nworse\nSteps: 5, Sampler: DDIM, Seed: 3, Version: v1.5.2"
        let values = dictionary(InfotextParser.parse(text))
        #expect(values["Prompt"] == "line one\nline [two:three:5]")
        #expect(values["Negative prompt"] == "bad\nworse")
        #expect(values["Old prompt editing timelines"] == true)
        #expect(values["Pad conds v0"] == true)
        #expect(values["Downcast alphas_cumprod"] == true)
    }

    @Test func textWithoutAParameterLineIsAllPrompt() {
        let values = dictionary(InfotextParser.parse("just a prompt, nothing: else"))
        #expect(values["Prompt"] == "just a prompt, nothing: else")
        #expect(values["Steps"] == nil)
        #expect(values["Emphasis"] == nil)
    }
}
