import Foundation

/// Locates ../shared/corpora beside the package root (CI clones the repo next to shared/).
enum Corpus {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpora")

    static let fixtures: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ url: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
    }

    /// Every regular file below `relative`, sorted.
    static func files(under relative: String, suffixes: [String] = []) -> [URL] {
        let base = url(relative)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var result: [URL] = []
        for case let file as URL in enumerator {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            if suffixes.isEmpty || suffixes.contains(where: { file.lastPathComponent.hasSuffix($0) }) {
                result.append(file)
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    static func json(_ url: URL) -> Any? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }
}
