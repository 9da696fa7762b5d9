import Foundation
import Generation

extension ServerConfiguration {
    /// Where `save_images` writes a `txt2img` or `img2img` job's images: `outdir_samples` if
    /// set, else the mode's `outdir_*_samples`, else `<output-dir>/<mode>-images`. A relative
    /// option is taken under the data directory (A1111 takes it under its own folder).
    func samplesFolder(mode: String, settings: Settings) -> URL {
        let option = settings.outdirSamples.isEmpty
            ? (mode == "img2img" ? settings.outdirImg2imgSamples : settings.outdirTxt2imgSamples)
            : settings.outdirSamples
        guard !option.isEmpty else {
            return effectiveOutputDirectory.appendingPathComponent("\(mode)-images", isDirectory: true)
        }
        if option.hasPrefix("/") { return URL(fileURLWithPath: option, isDirectory: true) }
        return effectiveDataDirectory.appendingPathComponent(option, isDirectory: true)
    }
}
