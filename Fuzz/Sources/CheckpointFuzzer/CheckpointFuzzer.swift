import Checkpoint

/// libFuzzer callback: every input goes through both untrusted-byte parsers. Thrown errors
/// are the expected outcome for most inputs; libFuzzer reports crashes, hangs (-timeout) and
/// allocations over -rss_limit_mb.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? SafetensorsFile.validate(bytes: bytes, file: "fuzz")
    _ = try? TorchCheckpointFile.parse(bytes: bytes, file: "fuzz")
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`; hand control to libFuzzer's
/// driver from there (libFuzzer's own `main` is not used).
@_cdecl("CheckpointFuzzer_main")
func checkpointFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return llvmFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
