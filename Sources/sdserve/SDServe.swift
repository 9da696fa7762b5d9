import ArgumentParser

/// The `sdserve` command line. `serve` is the default; the other subcommands are tools for
/// users (inspect a model, explain a prompt, benchmark) and for tests (make tiny models).
/// `Entry` runs it.
struct SDServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdserve",
        abstract: "A Stable Diffusion server that speaks AUTOMATIC1111's /sdapi/v1 API.",
        subcommands: [VersionCommand.self, PromptCommand.self, InspectCommand.self, MakeTestModelCommand.self, BenchCommand.self],
        defaultSubcommand: VersionCommand.self
    )
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    func run() { print("sdserve 0.1.0") }
}
