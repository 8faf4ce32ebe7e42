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

    /// Where the signature sits in `order` (the new-text lines of `lines`, in order): the body is
    /// `order[..<bodyEnd]`, the signature `order[signatureStart...]` (a "-- " line between them is
    /// dropped). No signature: both are `order.count`.
    static func split(
        _ lines: BodyLines, _ order: [Int], footerAllowed: Bool = true
    ) -> (bodyEnd: Int, signatureStart: Int) {
        split(lines, order[...], footerAllowed: footerAllowed)
    }

    private static func split(
        _ lines: BodyLines, _ order: ArraySlice<Int>, footerAllowed: Bool
    ) -> (bodyEnd: Int, signatureStart: Int) {
        let none = (bodyEnd: order.endIndex, signatureStart: order.endIndex)
        if let dash = order.lastIndex(where: { isDelimiter(lines[bytes: $0]) }) {
            return (dash, dash + 1)
        }
        let content = order.indices.filter { !lines.isBlank(order[$0]) }
        guard !content.isEmpty else { return none }
        // Look at the last few content lines for a sign-off; everything below it must be short.
        for position in content.indices.reversed() {
            let at = content[position]
            let line = lines[bytes: order[at]]
            let trailing = content.count - 1 - position
            if trailing > maxTrailingLines { break }
            // Sign-offs and footers are short lines; longer ones are prose (and cost no string work).
            guard line.count <= 80, startsLikeClosing(line) else { continue }
            let lower = lines[order[at]].trimmingBlanks().lowercased()
            if footerAllowed && footers.contains(where: lower.hasPrefix) && position == content.count - 1 {
                // A mobile footer; look once more for a sign-off above it (one level, not recursion).
                // Whatever it finds above, the footer joins the signature that starts there.
                return split(lines, order[..<at], footerAllowed: false)
            }
            if isSignOff(lower) {
                let below = content[(position + 1)...].map { lines[order[$0]].trimmingBlanks() }
                if below.allSatisfy({ $0.count <= 60 }) && position > 0 {
                    return (at, at)
                }
            }
        }
        return none
    }

    private static func isDelimiter(_ line: ArraySlice<UInt8>) -> Bool {
        // Exactly "-- " or "--".
        (line.count == 2 || line.count == 3 && line.last == 0x20) && line.starts(with: [0x2D, 0x2D])
    }

    /// First words of every sign-off and footer, lower-cased bytes: a cheap gate before string work.
    private static let firstWords: Set<[UInt8]> = Set(
        (signOffs + footers).compactMap { phrase in
            phrase.split(separator: " ").first.map { Array($0.utf8) }
        })

    private static func startsLikeClosing(_ line: ArraySlice<UInt8>) -> Bool {
        let word = line.drop { $0 == 0x20 || $0 == 0x09 }
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
