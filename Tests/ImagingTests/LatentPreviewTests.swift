import Testing

@testable import Imaging

@Suite struct LatentPreviewTests {
    @Test func projectsEachPixelWithTheFamilyMatrix() throws {
        // Two pixels: one latent vector per pixel, planar layout.
        let first: [Float] = [1, 0.5, -0.25, 0.1]
        let second: [Float] = [-1, 0, 0.5, -0.5]
        let planes = (0..<4).flatMap { [first[$0], second[$0]] }
        for family in [LatentPreviewFamily.stableDiffusion, .stableDiffusionXL] {
            let image = try Image(latentPreviewPlanes: planes, width: 2, height: 1, family: family)
            for (pixel, latent) in [first, second].enumerated() {
                for colour in 0..<3 {
                    let value = (0..<4).reduce(Float(0)) { $0 + latent[$1] * family.coefficients[$1][colour] }
                    #expect(image.pixels[pixel * 3 + colour] == Image.a1111Sample(value), "\(family) pixel \(pixel) colour \(colour)")
                }
            }
        }
    }

    @Test func rejectsWrongPlaneCount() {
        #expect(throws: ImagingError.self) {
            try Image(latentPreviewPlanes: [Float](repeating: 0, count: 7), width: 2, height: 1, family: .stableDiffusion)
        }
    }
}
