import Foundation
import Tensor

/// One timed kernel of `sdserve bench kernels`: its FLOP count and a closure running it once.
struct KernelBenchmark {
    let name: String
    let flops: Double
    let run: () throws -> Void

    /// The SD1.5 UNet's heavy shapes at batch 1 (a CFG step runs each twice).
    static func sd15(on backend: CPUBackend) throws -> [KernelBenchmark] {
        var cases: [KernelBenchmark] = []
        for (channels, size) in [(320, 64), (640, 32), (1280, 16)] {
            let x = Tensor.seededUniform([1, channels, size, size], seed: 1)
            let weight = try backend.prepareConvWeight(Tensor.seededUniform([channels, channels, 3, 3], seed: 2, in: -0.05...0.05))
            let bias = Tensor.seededUniform([channels], seed: 3)
            cases.append(KernelBenchmark(
                name: "conv3x3 \(channels)ch \(size)x\(size)", flops: 2 * Double(channels * channels * 9 * size * size),
                run: { _ = try backend.conv2d(x, weight: weight, bias: bias, options: Conv2DOptions(stride: 1, padding: 1)) }))
        }
        // Tokens × in -> out: attention projections, GEGLU projection, feed-forward output.
        for (tokens, inputs, outputs, label) in [
            (4096, 320, 320, "q/k/v/out proj"), (4096, 320, 2560, "GEGLU proj"), (4096, 1280, 320, "FF out"),
            (1024, 640, 640, "q/k/v/out proj"), (256, 1280, 1280, "q/k/v/out proj"),
        ] {
            let x = Tensor.seededUniform([tokens, inputs], seed: 4)
            let weight = try backend.prepareLinearWeight(Tensor.seededUniform([outputs, inputs], seed: 5, in: -0.05...0.05))
            let bias = Tensor.seededUniform([outputs], seed: 6)
            cases.append(KernelBenchmark(
                name: "linear \(tokens)x\(inputs)->\(outputs) (\(label))", flops: 2 * Double(tokens * inputs * outputs),
                run: { _ = try backend.linear(x, weight: weight, bias: bias) }))
        }
        let (heads, tokens, width) = (8, 4096, 40)
        let q = Tensor.seededUniform([1, heads, tokens, width], seed: 7)
        let k = Tensor.seededUniform([1, heads, tokens, width], seed: 8)
        let v = Tensor.seededUniform([1, heads, tokens, width], seed: 9)
        let attentionFlops = 4 * Double(heads * tokens * tokens * width)
        cases.append(KernelBenchmark(
            name: "attention \(tokens) tokens x \(heads) heads x \(width) (streaming)", flops: attentionFlops,
            run: { _ = try backend.attention(q: q, k: k, v: v) }))
        // The unfused baseline last: its T×T score matrices set the process's peak RSS.
        cases.append(KernelBenchmark(
            name: "attention \(tokens) tokens x \(heads) heads x \(width) (naive matmul-softmax-matmul)", flops: attentionFlops,
            run: {
                let scores = try backend.matmul(q, k, transposeB: true)  // [1, H, T, T]
                let weights = try backend.softmax(backend.mul(scores, scalar: 1 / Float(width).squareRoot()))
                _ = try backend.matmul(weights, v)  // [1, H, T, d]
            }))
        return cases
    }

    /// Timings after one warm-up, running for at least `minimumSeconds` and at least three
    /// times: best and median wall seconds, and the process CPU seconds per run (which on a
    /// machine shared with other work shows what the kernel costs when it has the cores).
    func measure(minimumSeconds: Double) throws -> (best: Double, median: Double, cpuSeconds: Double) {
        try run()
        var times: [Double] = []
        let start = Date(), cpuStart = processCPUSeconds()
        while times.count < 3 || Date().timeIntervalSince(start) < minimumSeconds {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try run()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        let cpuSeconds = (processCPUSeconds() - cpuStart) / Double(times.count)
        times.sort()
        return (times[0], times[times.count / 2], cpuSeconds)
    }
}

/// User + system CPU seconds of this process so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// The process's peak resident set so far, in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss  // bytes on Darwin
    #endif
}
