import Checkpoint
import Foundation
import Testing
@testable import sdserve

/// The benchmark plumbing that does not need full-size models or PyTorch: pairing and ratios,
/// the peer protocol (against a stand-in interpreter), and a whole `bench txt2img` on a tiny model.
@Suite struct BenchHarnessTests {
    private func run(_ name: String, seconds: Double, cpu: Double) -> BenchmarkMeasurement {
        BenchmarkMeasurement(name: name, precision: "fp32", seconds: seconds, cpuSeconds: cpu, peakRSSBytes: 1)
    }

    @Test func comparisonIsPeerTimeOverOursPerPair() {
        let ours = [run("a", seconds: 1, cpu: 1), run("a", seconds: 2, cpu: 2), run("a", seconds: 4, cpu: 4)]
        let peer = [run("b", seconds: 2, cpu: 3), run("b", seconds: 2, cpu: 3), run("b", seconds: 2, cpu: 3)]
        let comparison = BenchmarkComparison(ours: ours, peer: peer)
        #expect(comparison.pairs == 3)
        #expect(comparison.speedupMedian == 1)
        #expect(comparison.speedupMin == 0.5)
        #expect(comparison.cpuSpeedupMedian == 1.5)
        #expect(comparison.name == "a vs b")
    }

    @Test func peerWaitsForReadyAndAnswersOneLinePerRequest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stands in for the Python script: same arguments, same line protocol.
        let script = folder.appendingPathComponent("peer.sh").path
        try """
        echo '{"ready": "'"$1 $2 $3"'"}'
        while read precision; do
          echo '{"name": "peer '"$1"'", "precision": "'"$precision"'", "seconds": 2.5, "cpu_seconds": 4, "peak_rss_bytes": 7}'
        done
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let peer = try PyTorchPeer(python: "/bin/sh", script: script, workload: .txt2img(steps: 3), arch: "sd15")
        let first = try peer.measure("fp32"), second = try peer.measure("bf16")
        #expect(first.name == "peer txt2img" && first.precision == "fp32" && first.seconds == 2.5 && first.cpuSeconds == 4)
        #expect(second.precision == "bf16" && second.peakRSSBytes == 7)
    }

    @Test func missingPeerScriptIsAClearError() {
        #expect(throws: (any Error).self) {
            try PyTorchPeer(python: "/bin/sh", script: "/nonexistent/peer.py", workload: .unet, arch: "sd15")
        }
    }

    @Test func overheadFractionIsOverheadOverTotal() {
        let overhead = ServerOverhead(engineSeconds: 9, overheadSeconds: 1, totalSeconds: 10)
        #expect(overhead.fraction == 0.1)
    }

    /// The whole path: in-process server, loopback HTTP client, Server-Timing parsing.
    @Test func txt2imgBenchRunsThroughTheServerOnATinyModel() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-bench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("tiny.safetensors").path
        try TestModelWriter.write(.sd15Tiny, to: model, dtype: .f32)
        let timings = try await BenchTxt2ImgCommand.measureOnce(model: model, pixels: 64, steps: 2)
        #expect(timings["engine", default: 0] > 0)
        #expect(Set(timings.keys) == ["queue", "model", "engine", "response", "http"])
        #expect(timings.values.allSatisfy { $0 >= 0 })
    }
}
