import Testing
@testable import Generation

struct InfotextBuilderTests {
    @Test func writesA1111Layout() {
        var builder = InfotextBuilder()
        builder.set("Steps", "20")
        builder.set("Sampler", "DPM++ 2M")
        builder.set("Schedule type", "Karras")
        builder.set("CFG scale", PythonText.float(7))
        builder.set("Face restoration", nil)
        builder.set("Lora hashes", "detail: 0123456789ab")
        builder.set("Version", "v1.10.1")
        let text = builder.text(prompt: "a photo of a cat", negativePrompt: "blurry, lowres")
        #expect(text == """
            a photo of a cat
            Negative prompt: blurry, lowres
            Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.0, Lora hashes: "detail: 0123456789ab", Version: v1.10.1
            """)
    }

    @Test func omitsEmptyNegativeAndStripsWhitespace() {
        var builder = InfotextBuilder()
        builder.set("Steps", "3")
        #expect(builder.text(prompt: "  cat \n", negativePrompt: "") == "cat \n\nSteps: 3")
    }

    @Test func resettingAKeyKeepsItsPosition() {
        var builder = InfotextBuilder()
        builder.set("Sampler", "Euler")
        builder.set("Schedule type", nil)
        builder.set("CFG scale", "7.0")
        builder.set("Schedule type", "Karras")
        #expect(builder.text(prompt: "p", negativePrompt: "") == "p\nSampler: Euler, Schedule type: Karras, CFG scale: 7.0")
    }

    @Test func quotesValuesWithSeparatorsAsJSON() {
        #expect(InfotextBuilder.quoted("plain") == "plain")
        #expect(InfotextBuilder.quoted("a, b") == "\"a, b\"")
        #expect(InfotextBuilder.quoted("line\n\"two\": x") == "\"line\\n\\\"two\\\": x\"")
        #expect(InfotextBuilder.quoted("café: ü") == "\"café: ü\"")
    }

    @Test func valueEqualToKeyIsWrittenAlone() {
        var builder = InfotextBuilder()
        builder.set("Steps", "3")
        builder.set("Tiling", "Tiling")
        #expect(builder.text(prompt: "p", negativePrompt: "") == "p\nSteps: 3, Tiling")
    }

    @Test func pythonFloats() {
        #expect(PythonText.float(7) == "7.0")
        #expect(PythonText.float(0.75) == "0.75")
        #expect(PythonText.float(-2) == "-2.0")
    }

    @Test func promptCommentsAreStrippedAsA1111Does() {
        #expect(PromptComments.strip("a\n# note\nb") == "a\nb")
        #expect(PromptComments.strip("# note\nb") == "\nb")
        #expect(PromptComments.strip("a # note\nb") == "a \nb")
        #expect(PromptComments.strip("no comment") == "no comment")
    }
}
