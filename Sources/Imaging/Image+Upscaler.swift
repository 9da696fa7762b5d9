/// The built-in pixel upscalers of A1111 that need no model (`hr_upscaler` / `upscaler_1`
/// names "Lanczos" and "Nearest").
public enum PixelUpscaler: String, Sendable, Equatable, CaseIterable {
    case lanczos = "Lanczos"
    case nearest = "Nearest"

    var filter: ResampleFilter { self == .lanczos ? .lanczos : .nearest }
}

extension Image {
    /// A1111's `images.resize_image(resize_mode, im, width, height, upscaler_name)` with a
    /// pixel upscaler, as hires fix calls it: when the target is larger, the upscaler scales by
    /// `max(width / w, height / h)` (`Upscaler.upscale`: to `int(w * scale)`, then Lanczos to the
    /// size rounded down to a multiple of 8), then Lanczos to the exact target. Gray images
    /// skip the upscaler, as in A1111.
    public func resized(mode: ResizeMode, width: Int, height: Int, upscaler: PixelUpscaler?) throws(ImagingError) -> Image {
        try resized(mode: mode, width: width, height: height) { image, w, h throws(ImagingError) in
            try image.upscaled(toWidth: w, height: h, upscaler: image.layout == .gray ? nil : upscaler)
        }
    }

    /// `resize_image`'s inner `resize(im, w, h)`.
    func upscaled(toWidth width: Int, height: Int, upscaler: PixelUpscaler?) throws(ImagingError) -> Image {
        guard let upscaler else { return try resized(width: width, height: height, filter: .lanczos) }
        var image = self
        let scale = max(Double(width) / Double(self.width), Double(height) / Double(self.height))
        if scale > 1 {
            let targetWidth = Int((Double(self.width) * scale / 8).rounded(.down) * 8)
            let targetHeight = Int((Double(self.height) * scale / 8).rounded(.down) * 8)
            // Upscaler.upscale: at most three rounds, stopping once large enough; one round
            // always suffices for these single-step upscalers.
            if image.width < targetWidth || image.height < targetHeight {
                image = try image.resized(width: Int(Double(image.width) * scale), height: Int(Double(image.height) * scale),
                                          filter: upscaler.filter)
            }
            if image.width != targetWidth || image.height != targetHeight {
                image = try image.resized(width: targetWidth, height: targetHeight, filter: .lanczos)
            }
        }
        if image.width != width || image.height != height {
            image = try image.resized(width: width, height: height, filter: .lanczos)
        }
        return image
    }
}
