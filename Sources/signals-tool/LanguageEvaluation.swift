import SwitchyardSignals

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Per-language accuracy of the shipped language model on the fixture texts (one per line, file per language).
enum LanguageEvaluation {
    static func run(fixtures: String) throws {
        let identifier = LanguageIdentifier(profiles: try LanguageProfiles(contentsOf: "models/langid.tsv"))
        var total = 0
        var correct = 0
        print("| language | texts | correct | accuracy | confusions |")
        print("|---|---|---|---|---|")
        for file in try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted() where file.hasSuffix(".txt")
        {
            let code = String(file.dropLast(4))
            let text = String(
                decoding: try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + file)), as: UTF8.self)
            let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            var hits = 0
            var confusions: [String: Int] = [:]
            for line in lines {
                let guess = identifier.identify(line)
                if guess.code == code { hits += 1 } else { confusions[guess.code, default: 0] += 1 }
            }
            total += lines.count
            correct += hits
            let confused = confusions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("| \(code) | \(lines.count) | \(hits) | \(percent(hits, lines.count)) | \(confused) |")
        }
        print("| all | \(total) | \(correct) | \(percent(correct, total)) | |")
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        "\(Double(Int((Double(a) / Double(max(1, b)) * 1000).rounded())) / 10)%"
    }
}
