import Testing
@testable import Prompting

/// Spec facts stated directly (the table covers the rest).
@Suite struct PromptParserTests {
    @Test func nestedEmphasisMultiplies() throws {
        #expect(try AttentionParser.parse("((a))") == [WeightedFragment(text: "a", weight: 1.1 * 1.1)])
        #expect(try AttentionParser.parse("(((a:1.3)))") == [WeightedFragment(text: "a", weight: 1.3 * 1.1 * 1.1)])
        #expect(try AttentionParser.parse("[a]") == [WeightedFragment(text: "a", weight: 1 / 1.1)])
    }

    @Test func breakIsAMarkerOnlyOutsideBrackets() throws {
        #expect(try AttentionParser.parse("a BREAK b").map(\.isBreak) == [false, true, false])
        #expect(try AttentionParser.parse("(a BREAK b)").contains { $0.isBreak } == false)
    }

    @Test func negativePromptsKeepTagsAndAND() throws {
        let parsed = try PromptParser.parse("ugly <lora:x:1> AND bad", role: .negative, timing: ScheduleTiming(steps: 10))
        #expect(parsed.text == "ugly <lora:x:1> AND bad")
        #expect(parsed.loras.isEmpty)
    }

    @Test func andNamesTheFeatureInItsError() {
        let error = PromptingError.composableDiffusionUnsupported(prompt: "cat AND dog")
        #expect(error.description.contains("composable diffusion"))
        #expect(throws: error) {
            try PromptParser.parse("cat AND dog", timing: ScheduleTiming(steps: 20))
        }
    }

    @Test func hiresPassContinuesTheFirstPassNumbers() {
        let firstPass = PromptScheduler.schedule("[cat:dog:15]", timing: ScheduleTiming(steps: 10))
        let secondPass = PromptScheduler.schedule("[cat:dog:15]", timing: ScheduleTiming(steps: 10, hiresSteps: 20))
        #expect(firstPass == [ScheduledPrompt(endStep: 10, text: "cat")])
        #expect(secondPass == [ScheduledPrompt(endStep: 5, text: "cat"), ScheduledPrompt(endStep: 20, text: "dog")])
    }

    @Test func unparsablePromptIsUsedVerbatim() {
        #expect(PromptScheduler.schedule("a|b [c:d:3]", timing: ScheduleTiming(steps: 10))
                == [ScheduledPrompt(endStep: 10, text: "a|b [c:d:3]")])
    }
}
