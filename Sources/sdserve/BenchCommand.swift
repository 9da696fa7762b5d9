import ArgumentParser

/// `sdserve bench <what>`: user-facing benchmarks. Each mode prints a human table, or with
/// `--json` one JSON object per measurement per line.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine's speed on this machine.",
        subcommands: [
            BenchKernelsCommand.self, BenchCLIPCommand.self, BenchUNetCommand.self, BenchVAECommand.self,
            BenchLoRACommand.self, BenchTxt2ImgCommand.self,
        ]
    )
}
