#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Converts langdetect's JSON profiles (one file per language: `freq`, `n_words`, `name`) into
/// the compact, deterministic `models/langid.tsv` that a deployed gateway loads.
public enum LanguageProfileBuilder {
    private struct Profile: Decodable {
        var freq: [String: Double]
        var n_words: [Double]
        var name: String
    }

    /// - throws: when a profile file cannot be read or decoded.
    public static func build(profilesDirectory: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: profilesDirectory).sorted()
        var out = "# Character 1-3-gram profiles, built by `signals-tool langid-build` from langdetect 1.0.9\n"
        out += "# profiles (Apache-2.0, Shuyo / Danilak). Format: see LanguageProfiles.swift.\n"
        var table: [String: [(Int, Int)]] = [:]
        var profiles: [(String, Profile)] = []
        for name in names where !name.hasPrefix(".") {
            let data = try Data(contentsOf: URL(fileURLWithPath: profilesDirectory + "/" + name))
            profiles.append((name, try JSONDecoder().decode(Profile.self, from: data)))
        }
        for (index, (code, profile)) in profiles.enumerated() {
            let totals = profile.n_words.map { String(Int($0)) }.joined(separator: "\t")
            out += "lang\t\(code)\t\(totals)\n"
            for (ngram, count) in profile.freq
            where count > 0 && !ngram.contains("\t") && !ngram.contains(where: \.isNewline) {
                table[ngram, default: []].append((index, Int(count)))
            }
        }
        for ngram in table.keys.sorted() {
            guard let entries = table[ngram] else { continue }
            out += ngram + "\t" + entries.map { "\($0.0) \($0.1)" }.joined(separator: "\t") + "\n"
        }
        return out
    }
}
