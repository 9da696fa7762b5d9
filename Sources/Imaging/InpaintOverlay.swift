/// The unmasked pixels of an inpainting init image, pasted back over each generated image
/// (A1111's `overlay_images` and `apply_overlay`), with PIL's integer arithmetic throughout.
public struct InpaintOverlay: Sendable, Equatable {
    /// RGBA: the original colour where the mask is black, transparent where it is white.
    public let overlay: Image

    /// A1111 builds it by pasting the RGB init image into an empty premultiplied RGBa image
    /// through the inverted overlay mask, then un-premultiplying. `original` is the init image
    /// as processed (flattened and resized); `mask` is `mask_for_overlay` at the same size.
    public init(original: Image, mask: Image) throws(ImagingError) {
        guard original.width == mask.width, original.height == mask.height else {
            throw .invalidArgument(operation: "inpaint overlay",
                                   reason: "mask is \(mask.width)x\(mask.height) but the image is \(original.width)x\(original.height); resize the mask first")
        }
        overlay = Self.premultipliedUnmasked(original, mask: mask).unpremultiplied()
    }

    /// The RGB image pasted through the inverted mask into an empty RGBa image: every sample,
    /// alpha included, is `DIV255(sample × (255 − mask))`. Still premultiplied.
    static func premultipliedUnmasked(_ image: Image, mask: Image) -> Image {
        let rgb = image.converted(to: .rgb)
        let gray = mask.converted(to: .gray)
        var out = [UInt8](repeating: 0, count: rgb.width * rgb.height * 4)
        for index in 0..<rgb.width * rgb.height {
            let keep = 255 - Int(gray.pixels[index])
            for c in 0..<3 { out[index * 4 + c] = UInt8(Image.divide255(Int(rgb.pixels[index * 3 + c]) * keep)) }
            out[index * 4 + 3] = UInt8(Image.divide255(255 * keep))
        }
        return Image(validWidth: rgb.width, height: rgb.height, layout: .rgba, pixels: out)
    }

    /// `apply_overlay`: with a paste region ("only masked"), the generated image is first fitted
    /// to the region with crop-and-resize and placed on a transparent canvas of the overlay's
    /// size; then the overlay is alpha-composited on top and the result converted to RGB.
    public func applied(to generated: Image, pasteRegion: PixelRegion?) throws(ImagingError) -> Image {
        var base = generated.converted(to: .rgba)
        if let region = pasteRegion {
            let fitted = try generated.resized(mode: .cropAndResize, width: region.width, height: region.height)
            base = try Image(width: overlay.width, height: overlay.height, layout: .rgba, fill: [0, 0, 0, 0])
                .pasting(fitted, x: region.x0, y: region.y0)
        }
        guard base.width == overlay.width, base.height == overlay.height else {
            throw .invalidArgument(operation: "apply overlay",
                                   reason: "generated image is \(base.width)x\(base.height) but the overlay is \(overlay.width)x\(overlay.height)")
        }
        return Self.alphaComposite(overlay, over: base).converted(to: .rgb)
    }

    /// PIL's `Image.alpha_composite` (AlphaComposite.c, 7 extra bits of precision).
    static func alphaComposite(_ source: Image, over destination: Image) -> Image {
        var out = destination.pixels
        let extra = 7
        out.withUnsafeMutableBufferPointer { output in
            source.pixels.withUnsafeBufferPointer { over in
                for base in stride(from: 0, to: output.count, by: 4) {
                    let sourceAlpha = Int(over[base + 3])
                    guard sourceAlpha != 0 else { continue }
                    let blend = Int(output[base + 3]) * (255 - sourceAlpha)
                    let outAlpha255 = sourceAlpha * 255 + blend
                    let coefficient1 = sourceAlpha * 255 * 255 * (1 << extra) / outAlpha255
                    let coefficient2 = 255 * (1 << extra) - coefficient1
                    for c in 0..<3 {
                        let mixed = Int(over[base + c]) * coefficient1 + Int(output[base + c]) * coefficient2
                        output[base + c] = UInt8(shiftDivide255(mixed + (0x80 << extra)) >> extra)
                    }
                    output[base + 3] = UInt8(shiftDivide255(outAlpha255 + 0x80))
                }
            }
        }
        return Image(validWidth: destination.width, height: destination.height, layout: .rgba, pixels: out)
    }

    /// PIL's `SHIFTFORDIV255`.
    private static func shiftDivide255(_ value: Int) -> Int { ((value >> 8) + value) >> 8 }
}
