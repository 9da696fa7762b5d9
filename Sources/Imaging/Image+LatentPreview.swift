/// Which latent space a preview comes from: SD 1.x/2.x and SDXL use different 4→3 projections.
public enum LatentPreviewFamily: Sendable, Equatable {
    case stableDiffusion
    case stableDiffusionXL

    /// A1111's "Approx cheap" coefficients (`sd_samplers_common.cheap_approximation`):
    /// row = latent channel, column = R, G, B.
    var coefficients: [[Float]] {
        switch self {
        case .stableDiffusion:
            [[0.298, 0.207, 0.208], [0.187, 0.286, 0.173], [-0.158, 0.189, 0.264], [-0.184, -0.271, -0.473]]
        case .stableDiffusionXL:
            [[0.3448, 0.4168, 0.4395], [-0.1953, -0.0290, 0.0250], [0.1074, 0.0886, -0.0163], [-0.3730, -0.2499, -0.2088]]
        }
    }
}

extension Image {
    /// The cheap progress preview of a latent (`show_progress_type` "Approx cheap"): each pixel's
    /// four latent values projected to RGB by a fixed matrix, then rounded as decoder output is.
    /// `planes` is planar 4×`height`×`width`; the image has the latent's size.
    public init(latentPreviewPlanes planes: [Float], width: Int, height: Int, family: LatentPreviewFamily) throws(ImagingError) {
        let plane = width * height
        guard width > 0, height > 0, planes.count == 4 * plane else {
            throw .invalidArgument(operation: "latent preview",
                                   reason: "expected 4x\(height)x\(width) = \(4 * max(plane, 0)) floats, got \(planes.count)")
        }
        let coefficients = family.coefficients
        var rgb = [Float](repeating: 0, count: 3 * plane)
        for channel in 0..<4 {
            for colour in 0..<3 {
                let weight = coefficients[channel][colour]
                for index in 0..<plane { rgb[colour * plane + index] += planes[channel * plane + index] * weight }
            }
        }
        try self.init(vaeOutputPlanes: rgb, width: width, height: height)
    }
}
