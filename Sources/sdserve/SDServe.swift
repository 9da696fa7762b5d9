import ArgumentParser

/// The `sdserve` command line. `serve` is the default; the other subcommands are tools for
/// users (inspect a model, explain a prompt, benchmark) and for tests (make tiny models).
@main
struct SDServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdserve",
        abstract: "A Stable Diffusion server that speaks AUTOMATIC1111's /sdapi/v1 API.",
        subcommands: [
            ServeCommand.self, VersionCommand.self, PromptCommand.self, InspectCommand.self, MakeTestModelCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )

    /// Parses the arguments after letting a bare `--listen` mean `--listen 0.0.0.0`, as in A1111.
    static func main() async {
        let arguments = ListenArgument.normalized(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
