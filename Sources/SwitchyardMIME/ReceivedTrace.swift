/// The fields of one Received trace header (RFC 5321 §4.4) that routing and audit look at:
/// which host handed the message to which, with what protocol, under which id, and when.
public struct ReceivedTrace: Sendable, Hashable, Codable {
    /// The "from" host name or address literal as written (brackets removed).
    public var from: String?
    public var by: String?
    /// The protocol ("SMTP", "ESMTPS", "LMTP"...), upper-cased, without "/TLS..." suffixes.
    public var with: String?
    public var id: String?
    public var recipient: String?
    public var date: MailDate?

    public static func parse(_ value: String) -> ReceivedTrace {
        var trace = ReceivedTrace()
        var clauses = value
        if let semicolon = value.lastIndex(of: ";") {
            trace.date = DateParser.parse(String(value[value.index(after: semicolon)...]))
            clauses = String(value[..<semicolon])
        }
        // Comments hold HELO names and addresses; the clause values are outside them.
        var depth = 0
        var plain = ""
        for character in clauses {
            if character == "(" {
                depth += 1
                plain.append(" ")
                continue
            }
            if character == ")" {
                depth = max(0, depth - 1)
                plain.append(" ")
                continue
            }
            if depth == 0 { plain.append(character) }
        }
        let tokens = plain.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(
            String.init)
        var index = 0
        while index + 1 < tokens.count {
            let keyword = tokens[index].lowercased()
            var next = tokens[index + 1]
            while next.hasSuffix(",") || next.hasSuffix(";") { next.removeLast() }
            if ["from", "by", "with", "id", "for", "via"].contains(next.lowercased()) || next.isEmpty {
                index += 1
                continue
            }
            switch keyword {
            case "from" where trace.from == nil && trace.by == nil:
                trace.from = next.trimmingCharacters(in: "[]<>")
            case "by" where trace.by == nil:
                trace.by = next.trimmingCharacters(in: "[]<>")
            case "with" where trace.with == nil:
                trace.with = String(next.prefix { $0 != "/" }).uppercased()
            case "id" where trace.id == nil:
                trace.id = next.trimmingCharacters(in: "<>")
            case "for" where trace.recipient == nil:
                trace.recipient = next.trimmingCharacters(in: "<>")
            default:
                index += 1
                continue
            }
            index += 2
        }
        return trace
    }
}

extension HeaderField {
    /// A comma-separated list header (Keywords, List-*): decoded, unfolded, blanks collapsed.
    public var listItems: [String] {
        value.split(separator: ",").map { String($0).collapsingWhitespace() }.filter { !$0.isEmpty }
    }
}
