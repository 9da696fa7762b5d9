/// A stream of standard normal float32 values, continued across calls.
public protocol NormalGenerator: Sendable {
    mutating func normal(count: Int) -> [Float]
}

/// Where noise comes from, as A1111's `randn_source` setting and ComfyUI choose it.
public enum RandomSource: Sendable, Equatable {
    /// PyTorch's CPU generator (A1111 "CPU", ComfyUI's initial noise), with the kernel to emulate.
    case cpu(TorchCPUKernel)
    /// A1111 "NV": its numpy Philox emulation of CUDA's `torch.randn` (also A1111's stand-in for "GPU").
    case nvidiaPhilox

    public func makeGenerator(seed: UInt64) -> any NormalGenerator {
        switch self {
        case .cpu(let kernel): TorchGenerator(seed: seed, kernel: kernel)
        case .nvidiaPhilox: PhiloxGenerator(seed: seed)
        }
    }
}
