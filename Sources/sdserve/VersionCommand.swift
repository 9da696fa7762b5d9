import ArgumentParser
import SDAPI

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    func run() { print("sdserve \(SDServeVersion.current)") }
}
