import Foundation

/// Finds files of the Prompting resource bundle without SwiftPM's `Bundle.module`, which stops
/// the process when the bundle is missing (a moved binary); here that is a typed error naming
/// where it looked. SwiftPM puts the bundle next to the executable as `<package>_<target>`.
enum BundledResources {
    static let bundleName = "sdserve_Prompting"

    static func url(of name: String, extension fileExtension: String) throws(PromptingError) -> URL {
        var candidates: [URL] = []
        for directory in [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.resourceURL] {
            for suffix in ["resources", "bundle"] {
                guard let candidate = directory?.appendingPathComponent("\(bundleName).\(suffix)").standardizedFileURL,
                      !candidates.contains(candidate) else { continue }
                candidates.append(candidate)
            }
        }
        for candidate in candidates {
            if let url = Bundle(url: candidate)?.url(forResource: name, withExtension: fileExtension) { return url }
        }
        throw .vocabularyUnreadable(
            file: "\(name).\(fileExtension)",
            reason: "not found in \(candidates.map(\.path).joined(separator: ", ")); keep the \(bundleName) resource folder next to the sdserve binary")
    }
}
