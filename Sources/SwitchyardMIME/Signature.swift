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
        "von meinem iphone gesendet", "von meinem ipad gesendet", "gesendet von meinem", "von meinem smartphone gesendet",
        "gesendet mit der", "sent with proton",
    ]
    /// Lines after a sign-off that still count as its signature block.
    private static let maxTrailingLines = 8

    static func split(_ lines: [String]) -> (body: [String], signature: [String]) {
        if let dash = lines.lastIndex(where: { $0 == "-- " || $0 == "--" }) {
            return (Array(lines[..<dash]), Array(lines[(dash + 1)...]))
        }
        let content = lines.indices.filter { !lines[$0].trimmingBlanks().isEmpty }
        guard !content.isEmpty else { return (lines, []) }
        // Look at the last few content lines for a sign-off; everything below it must be short.
        for position in content.indices.reversed() {
            let index = content[position]
            let trailing = content.count - 1 - position
            if trailing > maxTrailingLines { break }
            let line = lines[index].trimmingBlanks()
            let lower = line.lowercased()
            if footers.contains(where: lower.hasPrefix) && position == content.count - 1 {
                // A mobile footer alone; keep looking for a sign-off above it.
                let above = split(Array(lines[..<index]))
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

    private static func isSignOff(_ lower: String) -> Bool {
        var text = Substring(lower)
        while let last = text.last, ",.!-: ".contains(last) { text = text.dropLast() }
        if signOffs.contains(String(text)) { return true }
        // "Best regards, Anna" / "Viele Grüße aus Berlin"
        return text.count <= 40 && signOffs.contains { text.hasPrefix($0 + ",") || text.hasPrefix($0 + " aus ") }
            || text.count <= 40 && ["thanks and regards", "thanks & regards", "many thanks and best regards",
                                     "vielen dank und viele grüße", "danke und viele grüße"].contains(String(text))
    }
}
