import ArgumentParser
import Prompting

extension PromptReport.Architecture: ExpressibleByArgument {}

/// `sdserve prompt`: explains how a prompt is read, as AUTOMATIC1111 reads it.
struct PromptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt",
        abstract: "Show how a prompt is understood: token ids per 75-token chunk, weights, prompt-edit schedule, LoRA tags."
    )

    @Option(help: "Text encoders to chunk for: sd1 (pads with EOS), sd2 (pads with 0), sdxl (both).")
    var arch: PromptReport.Architecture = .sd1

    @Option(help: "Sampling steps the prompt-edit schedule is computed for.")
    var steps: Int = 20

    @Flag(help: "Read it as a negative prompt (extra-network tags and AND stay text).")
    var negative = false

    @Flag(help: "Print one JSON object: chunks of the first scheduled prompt, schedule, loras.")
    var json = false

    @Argument(help: "The prompt, in AUTOMATIC1111 syntax.")
    var text: String

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }

    func run() throws {
        let tokenizer = try CLIPTokenizer.bundled()
        let report = try PromptReport(prompt: text, arch: arch, steps: steps, role: negative ? .negative : .positive, tokenizer: tokenizer)
        print(json ? try report.json() : report.humanReadable(tokenizer: tokenizer))
    }
}
