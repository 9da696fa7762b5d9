extension Image {
    /// A1111's latent-space inpainting mask: the processed mask as RGB resized to the latent
    /// size with PIL's default bicubic, first channel, `/ 255` in Float32, and with `round`
    /// (`mask_round`) rounded to 0 or 1. Row-major `height × width`; 1 = repaint.
    public func latentMask(width: Int, height: Int, round: Bool) throws(ImagingError) -> [Float] {
        let resized = try converted(to: .gray).resized(width: width, height: height, filter: .bicubic)
        return resized.pixels.map { sample in
            let value = Float(sample) / 255
            return round ? value.rounded(.toNearestOrEven) : value
        }
    }
}
