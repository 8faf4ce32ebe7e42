/// A body split the way a reader skims a reply: what the sender wrote now, the earlier
/// messages they quoted (">" lines, "On … wrote:", "Am … schrieb …:", Outlook blocks) and
/// their signature ("-- " or a sign-off such as "Best regards" / "Viele Grüße").
public struct ReplySplit: Sendable, Hashable, Codable {
    public var newText: String
    public var quoted: String
    public var signature: String

    public init(_ body: String) {
        // Lines stay byte ranges: only attribution and sign-off candidates ever become Strings.
        let lines = BodyLines(body.replacingLineBreaks())
        var isQuote = lines.indices.map(lines.isQuoted)
        var newEnd = lines.count
        if let header = QuoteMarkers.attributionStart(lines) {
            newEnd = header.start
            let markedBelow = (header.bodyStart..<lines.count).contains(where: lines.isQuoted)
            for index in header.start..<lines.count where index < header.bodyStart || !markedBelow {
                isQuote[index] = true
            }
            if markedBelow {
                // Bottom-posting or interleaved answers: unmarked lines below the attribution are new.
                newEnd = lines.count
            }
        }
        var newLines: [Int] = []
        var quotedLines: [Int] = []
        for index in lines.indices {
            if index >= newEnd || isQuote[index] { quotedLines.append(index) } else { newLines.append(index) }
        }
        let split = Signature.split(lines, newLines)
        newText = lines.tidy(newLines[..<split.bodyEnd])
        signature = lines.tidy(newLines[split.signatureStart...])
        quoted = lines.tidy(quotedLines)
    }
}

/// Recognises where quoted material starts.
enum QuoteMarkers {
    static func isQuotedLine(_ line: String) -> Bool {
        line.utf8.first { $0 != 0x20 } == UInt8(ascii: ">")
    }

    private static let underscore = UInt8(ascii: "_")
    private static let dash = UInt8(ascii: "-")

    private static let openerBytes: [[UInt8]] = [
        "on ", "am ", "le ", "el ", "op ", "il ", "em ", "begin ", "anfang ",
        "original",
    ].map { Array($0.utf8) }

    /// Cheap byte-level test that rules out ordinary prose lines before the string work.
    private static func mayStartAttribution(_ line: ArraySlice<UInt8>) -> Bool {
        var start = line.startIndex
        while start < line.endIndex, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        guard start < line.endIndex else { return false }
        let first = line[start]
        if first == UInt8(ascii: ">") { return false }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "*") { return true }
        if ByteSearch.containsDigitOrColon(line[start...]) { return true }
        // Openers are at most 8 bytes: compare them with the line's first bytes, ASCII lower-cased.
        return openerBytes.contains { opener in
            guard line.endIndex - start >= opener.count else { return false }
            for offset in opener.indices {
                let byte = line[start + offset]
                if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != opener[offset] { return false }
            }
            return true
        }
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
    static func attributionStart(_ lines: BodyLines) -> (start: Int, bodyStart: Int)? {
        for index in lines.indices where mayStartAttribution(lines[bytes: index]) {
            // Separators, rules and From labels need one of a few first bytes; the written
            // attribution needs a ":" line end nearby. Other lines need no String work.
            let separatorLike = mayStartSeparatorOrLabel(lines[bytes: index])
            guard separatorLike || endsWithColonSoon(lines, from: index) else { continue }
            let line = lines[index].trimmingBlanks()
            if line.isEmpty || isQuotedLine(line) { continue }
            if separatorLike {
                let lower = line.lowercased()
                if separators.contains(where: { lower.hasPrefix($0) || lower == $0 }) {
                    return (index, index + 1)
                }
                // A rule of 10+ "_" or "-" (all one Character each, so bytes and Characters agree).
                if lower.utf8.count >= 10,
                    lower.utf8.allSatisfy({ $0 == underscore }) || lower.utf8.allSatisfy({ $0 == dash }),
                    index + 1 < lines.count, isHeaderBlock(lines, from: nextContent(lines, after: index))
                {
                    return (index, index + 1)
                }
                if fromLabels.contains(where: lower.hasPrefix), isHeaderBlock(lines, from: index) {
                    return (index, index + 1)
                }
            }
            if let end = writtenAttribution(lines, from: index) {
                return (index, end + 1)
            }
        }
        return nil
    }

    /// First bytes every separator, rule and From label starts with, ASCII lower-cased (Unicode
    /// lower-casing maps no other letter to a plain ASCII one that could begin these), so other
    /// lines need no String work for those tests.
    private static let separatorHeads = ["orig", "begi", "anfa", "from", "von:", "de:"].map { Array($0.utf8) }

    private static func mayStartSeparatorOrLabel(_ line: ArraySlice<UInt8>) -> Bool {
        guard let start = line.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        let first = line[start]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "*") { return true }
        return separatorHeads.contains { head in
            line.endIndex - start >= head.count
                && zip(line[start...], head).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
        }
    }

    /// The guard of ``writtenAttribution``: a line ending in ":" here or in the next two lines.
    private static func endsWithColonSoon(_ lines: BodyLines, from start: Int) -> Bool {
        (start..<min(lines.count, start + 3)).contains {
            lines[bytes: $0].last { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: ":")
        }
    }

    /// Byte gate for the opener test below: an opener's first letter, or a digit anywhere (lower-casing
    /// neither creates nor removes ASCII letters of these kinds or digits).
    private static func mayOpenWrittenAttribution(_ line: ArraySlice<UInt8>) -> Bool {
        if line.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return true }
        guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        return openerStarts.contains(first >= 0x41 && first <= 0x5A ? first | 0x20 : first)
    }

    private static let openerStarts: Set<UInt8> = Set("oalei".utf8)

    /// Byte gate before a Character search (which is slow): ASCII text holds the phrase only if
    /// its bytes do; other text goes to the Character search as before.
    private static func mayContain(_ text: String, _ phrase: String) -> Bool {
        text.utf8.contains { $0 >= 0x80 } || text.containsBytes(phrase)
    }

    private static func nextContent(_ lines: BodyLines, after index: Int) -> Int {
        var next = index + 1
        while next < lines.count, lines.isBlank(next) { next += 1 }
        return next
    }

    /// "From: …" followed closely by at least one of Sent/Date/To/Subject (Outlook, Apple forward).
    private static func isHeaderBlock(_ lines: BodyLines, from start: Int) -> Bool {
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
    private static func writtenAttribution(_ lines: BodyLines, from start: Int) -> Int? {
        // Every attribution ends with ":" within three lines; most candidate lines fail this cheaply.
        guard endsWithColonSoon(lines, from: start), mayOpenWrittenAttribution(lines[bytes: start]) else { return nil }
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
            if joined.hasPrefix("am "), joined.hasSuffix(":"), mayContain(joined, " schrieb "),
                joined.contains(" schrieb ")
            {
                return index
            }
            if looksDated, joined.hasSuffix(":"),
                mayContain(joined, " schrieb ") && joined.contains(" schrieb ")
                    || mayContain(joined, " wrote") && joined.contains(" wrote")
            {
                return index
            }
        }
        return nil
    }
}
