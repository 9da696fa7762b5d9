import Foundation
import Testing

@testable import sdserve

struct ServeFlagTests {
    @Test func memorySizesWithBinarySuffixes() throws {
        #expect(try MemorySizeArgument.parse("12G") == 12 << 30)
        #expect(try MemorySizeArgument.parse("512MiB") == 512 << 20)
        #expect(try MemorySizeArgument.parse("1.5g") == 3 << 29)
        #expect(try MemorySizeArgument.parse("4096") == 4096)
        #expect(try MemorySizeArgument.parse("none") == nil)
        for bad in ["", "-1G", "lots", "0", "12X"] {
            #expect(throws: MemorySizeError.self, "\(bad)") { try MemorySizeArgument.parse(bad) }
        }
    }

    @Test func budgetAndOutputFolderReachTheConfiguration() throws {
        let command = try ServeCommand.parse(["--model-memory-budget", "2G", "--output-dir", "/tmp/sdserve-out"])
        let configuration = try command.serverConfiguration()
        #expect(configuration.modelMemoryBudget == 2 << 30)
        #expect(configuration.effectiveOutputDirectory.path == "/tmp/sdserve-out")
        let defaults = try ServeCommand.parse([]).serverConfiguration()
        #expect(defaults.modelMemoryBudget == Int(ProcessInfo.processInfo.physicalMemory / 2))
        #expect(defaults.effectiveOutputDirectory.lastPathComponent == "outputs")
        #expect(try ServeCommand.parse(["--model-memory-budget", "none"]).serverConfiguration().modelMemoryBudget == nil)
    }
}
