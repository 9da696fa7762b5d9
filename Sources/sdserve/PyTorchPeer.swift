import ArgumentParser
import Foundation

/// The PyTorch/diffusers peer of `bench unet|vae`: `tools/bench/diffusers_baseline.py` in a
/// child process that builds the same model once and times one evaluation per precision it
/// is sent, so sdserve's runs and PyTorch's alternate under the same machine conditions.
final class PyTorchPeer {
    /// The model evaluations the script knows.
    enum Workload: String {
        case unet, vae
    }

    private let process = Process()
    private let requests = Pipe()
    private let replies = Pipe()
    private var pending = Data()

    init(python: String, script: String, workload: Workload, arch: String) throws {
        guard FileManager.default.isReadableFile(atPath: script) else {
            throw ValidationError(
                "no PyTorch peer script at '\(script)': run from the repository root or pass --baseline-script")
        }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, workload.rawValue, "--arch", arch]
        process.standardInput = requests
        process.standardOutput = replies
        do { try process.run() } catch {
            throw ValidationError("cannot start the PyTorch peer with '\(python)': \(error)")
        }
        _ = try nextLine()  // `{"ready": ...}` once the model is built, so nothing overlaps our runs
    }

    deinit {
        try? requests.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// One timed evaluation: `fp32`, or `bf16` (torch.autocast).
    func measure(_ precision: String) throws -> BenchmarkMeasurement {
        requests.fileHandleForWriting.write(Data((precision + "\n").utf8))
        let line = try nextLine()
        do { return try JSONDecoder().decode(BenchmarkMeasurement.self, from: line) } catch {
            throw ValidationError("the PyTorch peer answered '\(String(decoding: line, as: UTF8.self))' (\(error))")
        }
    }

    private func nextLine() throws -> Data {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<end]
                pending = Data(pending[(end + 1)...])
                return Data(line)
            }
            let chunk = replies.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                throw ValidationError("the PyTorch peer exited (status \(process.isRunning ? 0 : process.terminationStatus)); see its stderr above")
            }
            pending.append(chunk)
        }
    }
}
