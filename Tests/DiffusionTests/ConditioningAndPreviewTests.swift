import Checkpoint
import SDTesting
import Tensor
import Testing

@testable import Diffusion

@Suite struct ConditioningAndPreviewTests {
    @Test func sdxlVectorMatchesDiffusersAddedConditioning() throws {
        let fixtures = try DiffusionFixtures()
        let fixture = try fixtures.case("sdxl")
        let y = try VectorConditioning.vector(
            pooled: fixtures.tensor(fixture.pooled), values: try #require(fixture.timeIds), backend: ReferenceBackend())
        // Sizes near 1000 multiply the frequencies, so PyTorch's vectorised f32 exp (within 1 ulp)
        // shows up as ~5e-5 in sin/cos; the rest of the vector matches to f32 rounding.
        expectClose(y, try fixtures.tensor(fixture.y), tolerance: Tolerance(abs: 1e-4), "SDXL y")
    }

    @Test func baseValuesAreInSGMOrder() {
        let values = VectorConditioning.baseValues(
            originalSize: (height: 768, width: 512), cropTopLeft: (top: 16, left: 32), targetSize: (height: 832, width: 1216))
        #expect(values == [768, 512, 16, 32, 832, 1216])
    }

    @Test func cheapPreviewAppliesA1111Coefficients() throws {
        // One cell per channel basis vector; the second batch item is far out of range to test clamping.
        let latents = try Tensor(shape: [2, 4, 1, 1], values: [1, 0, 0, 0, 10, 10, 10, 10])
        let rgb = try LatentPreview.cheapApproximation(latents, family: .sd1).floats()
        let expected: [Float] = [0.298 * 0.5 + 0.5, 0.207 * 0.5 + 0.5, 0.208 * 0.5 + 0.5]
        for (a, e) in zip(rgb.prefix(3), expected) { #expect(abs(a - e) < 1e-6) }
        // SD1 sums per colour: 0.143, 0.411, 0.172 -> times 10 saturates at 1.
        #expect(Array(rgb.suffix(3)) == [1, 1, 1])
        let xl = try LatentPreview.cheapApproximation(try Tensor(shape: [1, 4, 1, 1], values: [0, 0, 0, 1]), family: .sdxl).floats()
        #expect(abs(xl[0] - (-0.3730 * 0.5 + 0.5)) < 1e-6)
    }

    @Test func previewRejectsOtherChannelCounts() {
        #expect(throws: DiffusionError.self) { try LatentPreview.cheapApproximation(Tensor(zeros: [1, 3, 2, 2]), family: .sdxl) }
    }
}
