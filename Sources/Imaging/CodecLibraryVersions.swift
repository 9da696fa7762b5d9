import CImageCodecs

/// Versions of the codec libraries linked into this build, for `sdserve` diagnostics.
/// Importing `CImageCodecs` here is also what links libpng, libjpeg, libwebp(mux) and zlib:
/// the C shims call them, but only a Swift import carries the module map's link lines.
public struct CodecLibraryVersions: Sendable, Equatable {
    public let libpng: String
    public let libjpeg: Int
    public let libwebp: String
    public let zlib: String

    public static var linked: CodecLibraryVersions {
        CodecLibraryVersions(
            libpng: String(cString: png_get_libpng_ver(nil)),
            libjpeg: Int(JPEG_LIB_VERSION),
            libwebp: dottedVersion(WebPGetDecoderVersion()),
            zlib: String(cString: zlibVersion())
        )
    }

    /// libwebp packs its version as 0xMMmmpp.
    private static func dottedVersion(_ packed: Int32) -> String {
        "\((packed >> 16) & 0xff).\((packed >> 8) & 0xff).\(packed & 0xff)"
    }
}
