import Foundation

/// A line a model benchmark prints: `text` for people, the value itself as one JSON object
/// (sorted keys) with `--json`. Flushed at once so piped output arrives as it is measured.
protocol BenchmarkLine: Encodable {
    var text: String { get }
}

extension BenchmarkLine {
    func printed(json: Bool) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(self), as: UTF8.self))
        } else {
            print(text)
        }
        fflush(nil)  // nil: every C stream
    }
}

/// One timed run of a model benchmark, ours or the PyTorch peer's, printed as a text line or
/// (with `--json`) as one JSON object per line.
struct BenchmarkMeasurement: BenchmarkLine, Decodable {
    var name: String
    var precision: String
    var seconds: Double
    var cpuSeconds: Double
    var peakRSSBytes: Int

    enum CodingKeys: String, CodingKey {
        case name, precision, seconds
        case cpuSeconds = "cpu_seconds"
        case peakRSSBytes = "peak_rss_bytes"
    }

    /// Times `work` once in this process.
    static func timing(_ name: String, precision: String, _ work: () throws -> Void) rethrows -> BenchmarkMeasurement {
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
        try work()
        return BenchmarkMeasurement(
            name: name, precision: precision, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
            cpuSeconds: processCPUSeconds() - cpuStart, peakRSSBytes: peakResidentBytes())
    }

    var text: String {
        String(format: "%@ (%@): %.3f s (%.3f s CPU), peak RSS %.2f GiB",
               name, precision, seconds, cpuSeconds, Double(peakRSSBytes) / 1_073_741_824)
    }
}

/// How much faster sdserve was than a peer over interleaved pairs of runs: the peer's time
/// divided by ours, per pair, so both sides of a ratio saw the same machine conditions.
struct BenchmarkComparison: BenchmarkLine {
    var name: String
    var precision: String
    var pairs: Int
    var speedupMedian: Double
    var speedupMin: Double
    var cpuSpeedupMedian: Double

    enum CodingKeys: String, CodingKey {
        case name, precision, pairs
        case speedupMedian = "speedup_median"
        case speedupMin = "speedup_min"
        case cpuSpeedupMedian = "cpu_speedup_median"
    }

    init(ours: [BenchmarkMeasurement], peer: [BenchmarkMeasurement]) {
        let pairs = zip(ours, peer)
        let speedups = pairs.map { $1.seconds / $0.seconds }.sorted()
        let cpuSpeedups = pairs.map { $1.cpuSeconds / $0.cpuSeconds }.sorted()
        name = "\(ours.first?.name ?? "") vs \(peer.first?.name ?? "")"
        precision = "\(ours.first?.precision ?? "") vs \(peer.first?.precision ?? "")"
        self.pairs = speedups.count
        speedupMedian = Self.median(speedups)
        speedupMin = speedups.first ?? 0
        cpuSpeedupMedian = Self.median(cpuSpeedups)
    }

    private static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var text: String {
        String(format: "%@ (%@): speed-up %.2f× (PyTorch time ÷ sdserve time, median of %d pairs; min %.2f×; CPU time %.2f×)",
                         name, precision, speedupMedian, pairs, speedupMin, cpuSpeedupMedian)
    }
}
