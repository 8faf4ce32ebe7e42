/// A body split the way a reader skims a reply: what the sender wrote now, the earlier
/// messages they quoted (">" lines, "On … wrote:", "Am … schrieb …:", Outlook blocks) and
/// their signature ("-- " or a sign-off such as "Best regards" / "Viele Grüße").
public struct ReplySplit: Sendable, Hashable, Codable {
    public var newText: String
    public var quoted: String
    public var signature: String

    public init(_ body: String) {
        // Split on LF bytes: a Character-based split would run grapheme breaking over the whole body.
        let lines = body.replacingLineBreaks().utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        var isQuote = lines.map(QuoteMarkers.isQuotedLine)
        var newEnd = lines.count
        if let header = QuoteMarkers.attributionStart(lines) {
            newEnd = header.start
            let markedBelow = lines[header.bodyStart...].contains { QuoteMarkers.isQuotedLine($0) }
            for index in header.start..<lines.count where index < header.bodyStart || !markedBelow {
                isQuote[index] = true
            }
            if markedBelow {
                // Bottom-posting or interleaved answers: unmarked lines below the attribution are new.
                newEnd = lines.count
            }
        }
        var newLines: [String] = []
        var quotedLines: [String] = []
        for (index, line) in lines.enumerated() {
            if index >= newEnd || isQuote[index] { quotedLines.append(line) } else { newLines.append(line) }
        }
        let split = Signature.split(newLines)
        newText = Self.tidy(split.body)
        signature = Self.tidy(split.signature)
        quoted = Self.tidy(quotedLines)
    }

    private static func tidy(_ lines: [String]) -> String {
        var kept: [String] = []
        for line in lines {
            let trimmed = String(line.droppingTrailing { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty && (kept.last?.isEmpty ?? true) { continue }
            kept.append(trimmed)
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        return kept.joined(separator: "\n")
    }
}

/// Recognises where quoted material starts.
enum QuoteMarkers {
    static func isQuotedLine(_ line: String) -> Bool {
        line.utf8.first { $0 != 0x20 } == UInt8(ascii: ">")
    }

    private static let openerBytes: [[UInt8]] = [
        "on ", "am ", "le ", "el ", "op ", "il ", "em ", "begin ", "anfang ",
        "original",
    ].map { Array($0.utf8) }

    /// Cheap byte-level test that rules out ordinary prose lines before the string work.
    private static func mayStartAttribution(_ line: String) -> Bool {
        var bytes = line.utf8.drop { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.first, first != UInt8(ascii: ">") else { return false }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "*") { return true }
        if bytes.contains(where: { $0 == UInt8(ascii: ":") || ($0 >= 0x30 && $0 <= 0x39) }) { return true }
        bytes = bytes.prefix(8)
        let lower = ByteSearch.asciiLowercased(bytes)
        return openerBytes.contains { lower.starts(with: $0) }
    }

    private static let separators = [
        "-----original message-----", "----- original message -----", "-----ursprüngliche nachricht-----",
        "----- ursprüngliche nachricht -----", "-------- original-nachricht --------", "original-nachricht",
        "---------- forwarded message ---------", "-------- forwarded message --------", "begin forwarded message:",
        "-------- weitergeleitete nachricht --------", "----- weitergeleitete nachricht -----",
        "anfang der weitergeleiteten nachricht:", "-----message d'origine-----",
    ]
    private static let fromLabels = ["from:", "von:", "de:", "*from:*", "*von:*"]
    private static let detailLabels = [
        "sent:", "gesendet:", "date:", "datum:", "to:", "an:", "subject:", "betreff:",
        "cc:", "envoyé :", "*sent:*", "*gesendet:*", "*to:*", "*an:*", "*subject:*",
        "*betreff:*", "*date:*", "*datum:*",
    ]

    /// First line of the attribution or separator and the first line after it.
    static func attributionStart(_ lines: [String]) -> (start: Int, bodyStart: Int)? {
        for index in lines.indices where mayStartAttribution(lines[index]) {
            let line = lines[index].trimmingBlanks()
            if line.isEmpty || isQuotedLine(line) { continue }
            let lower = line.lowercased()
            if separators.contains(where: { lower.hasPrefix($0) || lower == $0 }) {
                return (index, index + 1)
            }
            if lower.count >= 10, lower.allSatisfy({ $0 == "_" }) || lower.allSatisfy({ $0 == "-" }),
                index + 1 < lines.count, isHeaderBlock(lines, from: nextContent(lines, after: index))
            {
                return (index, index + 1)
            }
            if fromLabels.contains(where: lower.hasPrefix), isHeaderBlock(lines, from: index) {
                return (index, index + 1)
            }
            if let end = writtenAttribution(lines, from: index) {
                return (index, end + 1)
            }
        }
        return nil
    }

    private static func nextContent(_ lines: [String], after index: Int) -> Int {
        var next = index + 1
        while next < lines.count, lines[next].trimmingBlanks().isEmpty { next += 1 }
        return next
    }

    /// "From: …" followed closely by at least one of Sent/Date/To/Subject (Outlook, Apple forward).
    private static func isHeaderBlock(_ lines: [String], from start: Int) -> Bool {
        guard start < lines.count, fromLabels.contains(where: lines[start].trimmingBlanks().lowercased().hasPrefix)
        else { return false }
        var found = 0
        for index in (start + 1)..<min(lines.count, start + 6) {
            let lower = lines[index].trimmingBlanks().lowercased()
            if detailLabels.contains(where: lower.hasPrefix) { found += 1 }
        }
        return found >= 2
    }

    /// "On … wrote:", "Am … schrieb …:", "Le … a écrit :", possibly wrapped over up to 3 lines.
    private static func writtenAttribution(_ lines: [String], from start: Int) -> Int? {
        // Every attribution ends with ":" within three lines; most candidate lines fail this cheaply.
        let window = start..<min(lines.count, start + 3)
        guard window.contains(where: { lines[$0].utf8.last { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: ":") })
        else { return nil }
        let first = lines[start].trimmingBlanks().lowercased()
        let openers = ["on ", "am ", "le ", "el ", "op ", "il ", "em "]
        let looksDated = first.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
        guard openers.contains(where: first.hasPrefix) || (looksDated && first.utf8.count < 300) else { return nil }
        var joined = ""
        for index in start..<min(lines.count, start + 3) {
            let line = lines[index].trimmingBlanks().lowercased()
            if index > start && line.isEmpty { return nil }
            joined += (joined.isEmpty ? "" : " ") + line
            guard joined.utf8.count < 400 else { return nil }
            let endings = [
                "wrote:", "schrieb:", "a écrit :", "a écrit:", "escribió:", "schreef:", "scritto:", "escreveu:",
            ]
            if endings.contains(where: joined.hasSuffix) {
                return index
            }
            // "Am 3. März 2024 um 10:00 schrieb Max Muster <max@example.com>:"
            if joined.hasPrefix("am "), joined.hasSuffix(":"), joined.contains(" schrieb ") { return index }
            if looksDated, joined.hasSuffix(":"), joined.contains(" schrieb ") || joined.contains(" wrote") {
                return index
            }
        }
        return nil
    }
}
