import Foundation
import Yams

/// Reads ComfyUI's `extra_model_paths.yaml`: named sections, each with an optional
/// `base_path` and, per kind, one folder or several (a list, or one per line of a block
/// string), relative to `base_path`. A relative `base_path` is relative to the YAML file.
/// Keys for kinds sdserve does not serve (`clip`, `upscale_models`, ...) are ignored.
public enum ExtraModelPaths {
    public static func load(from file: URL) throws(CatalogError) -> ModelFolders {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw .extraModelPathsUnreadable(file: file.path, reason: error.localizedDescription)
        }
        return try parse(text, relativeTo: file.deletingLastPathComponent(), file: file.path)
    }

    public static func parse(_ yaml: String, relativeTo directory: URL, file: String) throws(CatalogError)
        -> ModelFolders
    {
        let document: Any?
        do {
            document = try Yams.load(yaml: yaml)
        } catch {
            throw .extraModelPathsInvalid(file: file, section: nil, reason: "not valid YAML: \(error)")
        }
        guard let document else { return ModelFolders() }
        guard let sections = document as? [String: Any] else {
            throw .extraModelPathsInvalid(file: file, section: nil, reason: "the top level must map section names to sections")
        }
        var folders = ModelFolders()
        for sectionName in sections.keys.sorted() {
            guard let section = sections[sectionName] as? [String: Any] else {
                throw .extraModelPathsInvalid(file: file, section: sectionName, reason: "a section must be a mapping of keys to folders")
            }
            let base = try basePath(section["base_path"], relativeTo: directory, file: file, section: sectionName)
            for kind in ModelKind.allCases {
                guard let entry = section[kind.extraModelPathsKey] else { continue }
                for path in try folderList(entry, file: file, section: sectionName, key: kind.extraModelPathsKey) {
                    folders.add(resolve(path, against: base), for: kind)
                }
            }
        }
        return folders
    }

    private static func basePath(_ value: Any?, relativeTo directory: URL, file: String, section: String)
        throws(CatalogError) -> URL
    {
        guard let value else { return directory }
        guard let text = value as? String else {
            throw .extraModelPathsInvalid(file: file, section: section, reason: "base_path must be a string")
        }
        return resolve(text, against: directory)
    }

    private static func folderList(_ value: Any, file: String, section: String, key: String) throws(CatalogError)
        -> [String]
    {
        if let text = value as? String {
            return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        if let list = value as? [Any] {
            var paths: [String] = []
            for item in list {
                guard let text = item as? String else {
                    throw .extraModelPathsInvalid(file: file, section: section, reason: "\(key) must list folder paths as strings")
                }
                paths.append(text)
            }
            return paths
        }
        throw .extraModelPathsInvalid(file: file, section: section, reason: "\(key) must be a folder path or a list of them")
    }

    private static func resolve(_ path: String, against base: URL) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded, isDirectory: true) }
        return base.appendingPathComponent(expanded, isDirectory: true)
    }
}
