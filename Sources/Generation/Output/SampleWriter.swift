import Foundation

/// Writes a job's images to disk as A1111 does for `save_images`: one folder per day
/// (`<folder>/<YYYY-MM-DD>/`), files named `<number>-<seed>.<samples_format>` where the
/// five-digit number continues after the highest one already in that folder, each file the
/// same bytes (infotext included) the API returns.
public struct SampleWriter: Sendable {
    /// The mode's folder, e.g. `outputs/txt2img-images`.
    public var folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// Writes `result`'s images; returns the files written, in image order.
    @discardableResult
    public func write(_ result: GenerationResult, settings: Settings, date: Date = Date()) throws(SampleWriteError) -> [URL] {
        let files: [[UInt8]]
        do { files = try result.encodedFiles(settings: settings) } catch {
            throw SampleWriteError(path: folder.path, reason: "the images could not be encoded: \(error)")
        }
        let seeds = result.info["all_seeds"]?.arrayElements ?? []
        let day = folder.appendingPathComponent(Self.dayFolderName(date), isDirectory: true)
        do { try FileManager.default.createDirectory(at: day, withIntermediateDirectories: true) } catch {
            throw SampleWriteError(path: day.path, reason: "the folder could not be created (\(error.localizedDescription))")
        }
        var number = Self.nextNumber(in: day)
        var written: [URL] = []
        for (index, bytes) in files.enumerated() {
            let seed = index < seeds.count ? "-" + seeds[index].jsonText : ""
            let name = String(format: "%05d", number) + seed
            let url = day.appendingPathComponent(name + "." + settings.samplesFormat.lowercased())
            do { try Data(bytes).write(to: url, options: .withoutOverwriting) } catch {
                throw SampleWriteError(path: url.path, reason: error.localizedDescription)
            }
            written.append(url)
            number += 1
        }
        return written
    }

    /// A1111's `[date]` folder: `YYYY-MM-DD` in local time.
    public static func dayFolderName(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// One more than the highest leading number (before `-` or the extension) of the files in
    /// `folder`; 0 when there is none.
    static func nextNumber(in folder: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let numbers = names.compactMap { name in
            Int(name.prefix { $0 != "-" && $0 != "." })
        }
        return (numbers.max() ?? -1) + 1
    }
}

/// Saving images failed: which file or folder, and why.
public struct SampleWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String {
        "could not save images to '\(path)': \(reason). Check that the output folder (--output-dir or the outdir_* "
            + "options) is writable."
    }
}
