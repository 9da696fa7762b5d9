import Testing
@testable import Prompting

/// A1111's prompt language on the committed table (schedules, emphasis, extra networks, AND).
@Suite struct PromptTableTests {
    struct Table: Decodable {
        struct Case: Decodable {
            let prompt: String
            let steps: Int
            let hires_steps: Int?
            let use_old_scheduling: Bool
            let role: String
            let expected: Expected
        }
        struct Expected: Decodable {
            let error: String?
            let text: String?
            let guidance_weight: Double?
            let schedule: [ScheduleEntry]?
            let attention: [[Fragment]]?
            let loras: [Lora]?
            let hypernetworks: [Hypernetwork]?
            let other_kinds: [String]?
        }
        struct ScheduleEntry: Decodable {
            let step: Int, text: String
            init(from decoder: Decoder) throws {
                var values = try decoder.unkeyedContainer()
                step = try values.decode(Int.self)
                text = try values.decode(String.self)
            }
        }
        struct Fragment: Decodable {
            let text: String, weight: Double
            init(from decoder: Decoder) throws {
                var values = try decoder.unkeyedContainer()
                text = try values.decode(String.self)
                weight = try values.decode(Double.self)
            }
        }
        struct Lora: Decodable { let name: String; let te: Double; let unet: Double; let dyn: Int? }
        struct Hypernetwork: Decodable { let name: String; let multiplier: Double }
        let cases: [Case]
    }

    static let table: Table? = try? Fixtures.load(
        Table.self, from: "prompt_table.json", version: 1, generator: "tools/fixtures/prompting/make_prompt_table.py")

    @Test func tableLoadsWithEnoughCases() throws {
        let table = try Fixtures.load(
            Table.self, from: "prompt_table.json", version: 1, generator: "tools/fixtures/prompting/make_prompt_table.py")
        #expect(table.cases.count >= 60)
    }

    @Test(arguments: (table?.cases ?? []).indices)
    func promptMatchesA1111(index: Int) throws {
        let item = try #require(Self.table).cases[index]
        let timing = ScheduleTiming(steps: item.steps, hiresSteps: item.hires_steps, useOldScheduling: item.use_old_scheduling)
        let role: PromptRole = item.role == "negative" ? .negative : .positive
        let context = "prompt \(item.prompt.debugDescription)"

        if let expectedError = item.expected.error {
            do throws(PromptingError) {
                let parsed = try PromptParser.parse(item.prompt, role: role, timing: timing)
                for entry in parsed.schedule { _ = try AttentionParser.parse(entry.text) }
                Issue.record("\(context): expected error \(expectedError), got none")
            } catch {
                switch (expectedError, error) {
                case ("composable_diffusion", .composableDiffusionUnsupported),
                     ("emphasis_weight", .invalidEmphasisWeight),
                     ("extra_network_argument", .invalidExtraNetworkArgument):
                    break
                default:
                    Issue.record("\(context): expected \(expectedError), got \(error)")
                }
            }
            return
        }

        let parsed = try PromptParser.parse(item.prompt, role: role, timing: timing)
        #expect(parsed.text == item.expected.text, "\(context)")
        #expect(parsed.guidanceWeight == item.expected.guidance_weight, "\(context)")
        let schedule = parsed.schedule.map { "\($0.endStep): \($0.text)" }
        let expectedSchedule = (item.expected.schedule ?? []).map { "\($0.step): \($0.text)" }
        #expect(schedule == expectedSchedule, "\(context)")

        for (entry, expectedFragments) in zip(parsed.schedule, item.expected.attention ?? []) {
            let fragments = try AttentionParser.parse(entry.text)
            #expect(fragments.map(\.text) == expectedFragments.map(\.text), "\(context) at step \(entry.endStep)")
            #expect(fragments.map(\.weight) == expectedFragments.map(\.weight), "\(context) at step \(entry.endStep)")
        }

        let loras = parsed.loras.map { "\($0.name) \($0.textEncoderMultiplier) \($0.unetMultiplier) \(String(describing: $0.dynamicDim))" }
        let expectedLoras = (item.expected.loras ?? []).map { "\($0.name) \($0.te) \($0.unet) \(String(describing: $0.dyn))" }
        #expect(loras == expectedLoras, "\(context)")
        #expect(parsed.hypernetworks.map { "\($0.name) \($0.multiplier)" }
                == (item.expected.hypernetworks ?? []).map { "\($0.name) \($0.multiplier)" }, "\(context)")
        #expect(parsed.otherNetworks.map(\.kind) == (item.expected.other_kinds ?? []), "\(context)")
    }
}
