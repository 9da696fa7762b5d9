import Foundation
import Testing
@testable import Sampling

/// Bit-exactness against ../shared/reference/torch-randn/vectors.json (copied into the fixtures).
struct TorchRandnTests {
    struct Vectors: Decodable {
        let cases: [Case]
        let nvEmulated: [String]
        enum CodingKeys: String, CodingKey {
            case cases
            case nvEmulated = "a1111_nv_philox_seed0_shape3x4_emulated"
        }
    }

    struct Case: Decodable {
        let seed: UInt64
        let shape: [Int]
        let linux: Expected
        let glibc: Expected
        let windows: Expected
        enum CodingKeys: String, CodingKey {
            case seed, shape
            case linux = "torch_linux_x86_avx2"
            case glibc = "torch_default_glibc"
            case windows = "emulated_windows_x86_avx2_nofma"
        }
    }

    struct Expected: Decodable {
        let first8Bits: [String]
        let last8Bits: [String]
        let sha256: String
        enum CodingKeys: String, CodingKey {
            case first8Bits = "first8_bits", last8Bits = "last8_bits", sha256 = "sha256_f32le"
        }
    }

    static let vectors: Vectors = {
        let data = (try? Fixtures.data("torch-randn/vectors.json")) ?? Data()
        return (try? JSONDecoder().decode(Vectors.self, from: data)) ?? Vectors(cases: [], nvEmulated: [])
    }()

    static func bits(_ values: ArraySlice<Float>) -> [String] {
        values.map { "0x" + String(repeating: "0", count: 8 - String($0.bitPattern, radix: 16).count) + String($0.bitPattern, radix: 16) }
    }

    @Test func vectorsFileHasAllCases() {
        #expect(Self.vectors.cases.count == 35)
    }

    @Test(arguments: [TorchCPUKernel.x86AVX2, .scalarPlatformLibm, .x86AVX2WindowsNoFMA])
    func everyCaseIsBitExact(kernel: TorchCPUKernel) {
        for testCase in Self.vectors.cases {
            var generator = TorchGenerator(seed: testCase.seed, kernel: kernel)
            let values = generator.normal(count: testCase.shape.reduce(1, *))
            let expected: Expected = switch kernel {
            case .x86AVX2: testCase.linux
            case .scalarPlatformLibm: testCase.glibc
            case .x86AVX2WindowsNoFMA: testCase.windows
            }
            let label = "seed \(testCase.seed) shape \(testCase.shape) \(kernel)"
            #expect(Self.bits(values.prefix(8)) == expected.first8Bits, "\(label) first 8")
            #expect(Self.bits(values.suffix(8)) == expected.last8Bits, "\(label) last 8")
            #expect(SHA256.hex(float32LittleEndian: values) == expected.sha256, "\(label) sha256")
        }
    }

    @Test(arguments: [
        (TorchCPUKernel.x86AVX2, "seed0_1x4x64x64_linux_x86_avx2.f32"),
        (TorchCPUKernel.scalarPlatformLibm, "seed0_1x4x64x64_default_glibc.f32"),
    ])
    func fullTensorIsBitExact(kernel: TorchCPUKernel, file: String) throws {
        let expected = try Fixtures.float32File("torch-randn/" + file)
        var generator = TorchGenerator(seed: 0, kernel: kernel)
        let values = generator.normal(count: 16384)
        let mismatches = zip(values, expected).enumerated().filter { $0.element.0.bitPattern != $0.element.1.bitPattern }
        #expect(expected.count == 16384)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first \(mismatches.prefix(3).map { "[\($0.offset)] \($0.element.0) vs \($0.element.1)" })")
    }

    @Test func famousSeedZeroTriple() {
        var generator = TorchGenerator(seed: 0)
        #expect(generator.normal(count: 3) == [1.54099607, -0.293428898, -2.17878938])
    }

    @Test func seedsWrapToTheirLow32Bits() {
        var a = TorchGenerator(seed: UInt64(1) << 32 + 5)
        var b = TorchGenerator(seed: 5)
        #expect(a.normal(count: 40) == b.normal(count: 40))
        var negative = TorchGenerator(seed: UInt64(bitPattern: -1))
        var wrapped = TorchGenerator(seed: UInt64.max)
        #expect(negative.normal(count: 20) == wrapped.normal(count: 20))
    }

    @Test func nvPhiloxMatchesA1111Emulation() {
        var generator = PhiloxGenerator(seed: 0)
        let values = generator.normal(count: 12)
        let expected = Self.vectors.nvEmulated.compactMap(Float.init)
        #expect(expected.count == 12)
        #expect(values == expected)
    }
}
