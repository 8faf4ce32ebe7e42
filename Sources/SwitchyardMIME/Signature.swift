/// Finds the signature at the end of the new text: the "-- " delimiter (RFC 3676 §4.3), a
/// mobile footer, or a closing formula followed only by a few short lines (name, title, phone).
enum Signature {
    private static let signOffs = [
        "best regards", "kind regards", "warm regards", "regards", "best wishes", "best", "cheers", "thanks",
        "thank you", "thanks again", "many thanks", "thx", "sincerely", "yours sincerely", "yours truly",
        "all the best", "take care", "cordially", "respectfully",
        "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "freundliche grüsse",
        "viele grüße", "viele grüsse", "beste grüße", "beste grüsse", "liebe grüße", "liebe grüsse",
        "herzliche grüße", "herzliche grüsse", "schöne grüße", "schöne grüsse", "gruß", "gruss", "grüße",
        "grüsse", "lg", "vg", "mfg", "danke", "vielen dank", "danke und grüße", "danke und gruß", "besten dank",
        "mit besten grüßen", "mit besten grüssen", "mit freundlichem gruß", "mit freundlichem gruss", "ciao",
    ]
    private static let footers = [
        "sent from my iphone", "sent from my ipad", "sent from my android", "sent from my samsung",
        "sent from outlook", "get outlook for", "sent from mail for windows", "sent from my mobile",
        "von meinem iphone gesendet", "von meinem ipad gesendet", "gesendet von meinem",
        "von meinem smartphone gesendet",
        "gesendet mit der", "sent with proton",
    ]
    /// Lines after a sign-off that still count as its signature block.
    private static let maxTrailingLines = 8

    static func split(_ lines: [String], footerAllowed: Bool = true) -> (body: [String], signature: [String]) {
        if let dash = lines.lastIndex(where: { $0 == "-- " || $0 == "--" }) {
            return (Array(lines[..<dash]), Array(lines[(dash + 1)...]))
        }
        let content = lines.indices.filter { lines[$0].utf8.contains { $0 != 0x20 && $0 != 0x09 } }
        guard !content.isEmpty else { return (lines, []) }
        // Look at the last few content lines for a sign-off; everything below it must be short.
        for position in content.indices.reversed() {
            let index = content[position]
            let trailing = content.count - 1 - position
            if trailing > maxTrailingLines { break }
            // Sign-offs and footers are short lines; longer ones are prose (and cost no string work).
            guard lines[index].utf8.count <= 80, startsLikeClosing(lines[index]) else { continue }
            let lower = lines[index].trimmingBlanks().lowercased()
            if footerAllowed && footers.contains(where: lower.hasPrefix) && position == content.count - 1 {
                // A mobile footer; look once more for a sign-off above it (one level, not recursion).
                let above = split(Array(lines[..<index]), footerAllowed: false)
                return (above.body, above.signature + Array(lines[index...]))
            }
            if isSignOff(lower) {
                let below = content[(position + 1)...].map { lines[$0].trimmingBlanks() }
                if below.allSatisfy({ $0.count <= 60 }) && position > 0 {
                    return (Array(lines[..<index]), Array(lines[index...]))
                }
            }
        }
        return (lines, [])
    }

    /// First words of every sign-off and footer, lower-cased bytes: a cheap gate before string work.
    private static let firstWords: Set<[UInt8]> = Set(
        (signOffs + footers).compactMap { phrase in
            phrase.split(separator: " ").first.map { Array($0.utf8) }
        })

    private static func startsLikeClosing(_ line: String) -> Bool {
        let word = line.utf8.drop { $0 == 0x20 || $0 == 0x09 }
            .prefix { $0 != 0x20 && $0 != 0x2C && $0 != 0x2E && $0 != 0x21 && $0 != 0x2D && $0 != 0x3A }
        return firstWords.contains(ByteSearch.asciiLowercased(word))
    }

    private static let signOffSet = Set(signOffs).union([
        "thanks and regards", "thanks & regards", "many thanks and best regards", "vielen dank und viele grüße",
        "danke und viele grüße",
    ])

    private static func isSignOff(_ lower: String) -> Bool {
        var text = Substring(lower)
        while let last = text.last, ",.!-: ".contains(last) { text = text.dropLast() }
        if signOffSet.contains(String(text)) { return true }
        guard text.utf8.count <= 60 else { return false }
        // "Best regards, Anna" / "Viele Grüße aus Berlin" / "LG Timo" / "Viele Grüße Jana Weber"
        if let comma = text.firstIndex(of: ","), signOffSet.contains(String(text[..<comma])) { return true }
        let words = text.split(separator: " ")
        for length in 1..<(min(4, words.count) + 1) where signOffSet.contains(words[..<length].joined(separator: " ")) {
            if words.count - length <= 2 || words[length] == "aus" { return true }
        }
        return false
    }
}
