/// One entry of a prompt's schedule: `text` is the prompt for every step up to and including
/// `endStep` (after the previous entry's end step).
public struct ScheduledPrompt: Equatable, Sendable, Codable {
    public var endStep: Int
    public var text: String

    public init(endStep: Int, text: String) {
        self.endStep = endStep
        self.text = text
    }
}

/// How edit steps are read (A1111's `get_learned_conditioning_prompt_schedules`).
public struct ScheduleTiming: Equatable, Sendable {
    /// Sampler steps of the pass being scheduled (the first pass, without hires fix).
    public var steps: Int
    /// Steps of the hires second pass, when scheduling that pass: then edit numbers continue
    /// from the first pass (integers count past `steps`, fractions past 1.0).
    public var hiresSteps: Int?
    /// A1111's `use_old_scheduling`: a value below 1 is a fraction, and each pass stands alone.
    public var useOldScheduling: Bool

    public init(steps: Int, hiresSteps: Int? = nil, useOldScheduling: Bool = false) {
        self.steps = steps
        self.hiresSteps = hiresSteps
        self.useOldScheduling = useOldScheduling
    }
}

public enum PromptScheduler {
    /// The prompt texts over the steps of one pass, in step order. The last entry ends at the
    /// pass's step count. A prompt the grammar rejects is used verbatim for every step.
    public static func schedule(_ prompt: String, timing: ScheduleTiming) -> [ScheduledPrompt] {
        let total = timing.hiresSteps.flatMap { timing.useOldScheduling ? nil : $0 } ?? timing.steps
        guard let nodes = ScheduleParser.parse(prompt) else {
            return [ScheduledPrompt(endStep: total, text: prompt)]
        }
        var boundaries: Set<Int> = [total]
        collectBoundaries(nodes, timing: timing, total: total, into: &boundaries)
        return boundaries.sorted().map { step in
            ScheduledPrompt(endStep: step, text: render(nodes, atStep: step, timing: timing, total: total))
        }
    }

    /// The step up to which an edit shows its `before` text (may be below 1: never).
    static func switchStep(_ literal: String, timing: ScheduleTiming, total: Int) -> Int {
        // The grammar only admits SIGNED_NUMBER literals, which Double parses.
        let value = Double(literal) ?? 0
        let steps: Double
        if timing.useOldScheduling {
            steps = value < 1 ? value * Double(total) : value
        } else if literal.contains(".") {
            steps = (value - (timing.hiresSteps == nil ? 0 : 1)) * Double(total)
        } else {
            steps = value - Double(timing.hiresSteps == nil ? 0 : timing.steps)
        }
        return min(total, truncatedInt(steps))
    }

    private static func truncatedInt(_ value: Double) -> Int {
        guard value.isFinite else { return value > 0 ? .max : .min }
        return Int(max(min(value.rounded(.towardZero), Double(Int32.max)), Double(Int32.min)))
    }

    private static func collectBoundaries(
        _ nodes: [ScheduleNode], timing: ScheduleTiming, total: Int, into boundaries: inout Set<Int>
    ) {
        for node in nodes {
            switch node {
            case .text:
                break
            case let .edit(before, after, when):
                let step = switchStep(when, timing: timing, total: total)
                if step >= 1 { boundaries.insert(step) }
                collectBoundaries(before ?? [], timing: timing, total: total, into: &boundaries)
                collectBoundaries(after, timing: timing, total: total, into: &boundaries)
            case let .alternation(options):
                if total >= 1 { boundaries.formUnion(1...total) }
                for option in options { collectBoundaries(option, timing: timing, total: total, into: &boundaries) }
            }
        }
    }

    private static func render(_ nodes: [ScheduleNode], atStep step: Int, timing: ScheduleTiming, total: Int) -> String {
        nodes.map { node in
            switch node {
            case let .text(text):
                return text
            case let .edit(before, after, when):
                let chosen = step <= switchStep(when, timing: timing, total: total) ? before ?? [] : after
                return render(chosen, atStep: step, timing: timing, total: total)
            case let .alternation(options):
                // Python's modulo: never negative.
                let index = ((step - 1) % options.count + options.count) % options.count
                return render(options[index], atStep: step, timing: timing, total: total)
            }
        }.joined()
    }
}
