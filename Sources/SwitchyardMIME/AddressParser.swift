/// Parses address lists (RFC 5322 §3.4 with the obsolete forms of §4.4 and common breakage:
/// missing angle brackets, unquoted specials in names, encoded words in quoted names).
public enum AddressParser {
    private enum Token: Equatable {
        case word(String, quoted: Bool)
        case comment(String)
        case special(UInt8)
        case blank
    }

    /// Parses an unfolded header value; never fails, unparseable text becomes a name-only entry.
    public static func parse(_ value: String) -> AddressList {
        let tokens = tokenize(Array(value.utf8))
        var entries: [AddressEntry] = []
        var groupName: String?
        var groupMembers: [MailAddress] = []
        var current: [Token] = []
        // Tracked instead of searched, so a header of thousands of tokens stays linear.
        var currentHasAt = false
        var currentHasAngle = false

        func finishMailbox() {
            defer {
                current.removeAll()
                currentHasAt = false
                currentHasAngle = false
            }
            guard let mailbox = mailbox(from: current) else { return }
            if groupName != nil { groupMembers.append(mailbox) } else { entries.append(.mailbox(mailbox)) }
        }

        var index = 0
        var inAngle = false
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case .special(UInt8(ascii: "<")):
                inAngle = true
                currentHasAngle = true
                current.append(token)
            case .special(UInt8(ascii: ">")):
                inAngle = false
                current.append(token)
            case .blank
            where !inAngle && currentHasAt && !currentHasAngle && index < tokens.count
                && { if case .word = current.last, case .word = tokens[index] { return true } else { return false } }():
                // Two bare addresses separated only by a line break or blank: a missing comma.
                finishMailbox()
            case .special(UInt8(ascii: ",")) where !inAngle:
                finishMailbox()
            case .special(UInt8(ascii: ":")) where !inAngle && groupName == nil:
                // A colon inside angle brackets is an obsolete route; outside, a group starts.
                groupName = phrase(of: current)
                current.removeAll()
            case .special(UInt8(ascii: ";")) where !inAngle:
                finishMailbox()
                if let name = groupName {
                    entries.append(.group(name: name, members: groupMembers))
                    groupName = nil
                    groupMembers = []
                }
            default:
                if token == .special(UInt8(ascii: "@")) { currentHasAt = true }
                current.append(token)
            }
        }
        finishMailbox()
        if let name = groupName { entries.append(.group(name: name, members: groupMembers)) }
        return AddressList(entries)
    }

    private static func mailbox(from tokens: [Token]) -> MailAddress? {
        if let open = tokens.firstIndex(of: .special(UInt8(ascii: "<"))) {
            let close = tokens[open...].firstIndex(of: .special(UInt8(ascii: ">"))) ?? tokens.endIndex
            var spec = addrSpec(of: Array(tokens[tokens.index(after: open)..<close]))
            // hasPrefix first: the Character search for ":" walks the whole address.
            if spec.hasPrefix("@"), let colon = spec.lastIndex(of: ":") {
                spec = String(spec[spec.index(after: colon)...])  // obsolete route "@a,@b:user@c"
            }
            var name = phrase(of: Array(tokens[..<open]))
            if name.isEmpty, let comment = comments(of: tokens) { name = comment }
            let after = close < tokens.endIndex ? Array(tokens[tokens.index(after: close)...]) : []
            let trailing = phrase(of: after)
            if name.isEmpty && !trailing.isEmpty { name = trailing }
            return MailAddress(name: name.isEmpty ? nil : name, address: spec.isEmpty ? nil : spec)
        }
        let hasContent = tokens.contains { if case .word = $0 { return true } else { return false } }
        guard hasContent else { return nil }
        let hasAt = tokens.contains(.special(UInt8(ascii: "@")))
        if !hasAt {
            // "To: Whomever" has no address; keep what a person would read.
            let name = phrase(of: tokens)
            return MailAddress(name: name.isEmpty ? nil : name, address: nil)
        }
        let spec = addrSpec(of: tokens)
        return MailAddress(name: comments(of: tokens), address: spec.isEmpty ? nil : spec)
    }

    /// Words joined by single spaces, RFC 2047-decoded; specials outside angles kept as text.
    private static func phrase(of tokens: [Token]) -> String {
        var parts: [String] = []
        var glue = false
        for token in tokens {
            switch token {
            case .word(let text, _):
                if glue, let last = parts.popLast() { parts.append(last + text) } else { parts.append(text) }
                glue = false
            case .special(let byte) where byte == UInt8(ascii: ".") || byte == UInt8(ascii: "@"):
                let mark = String(UnicodeScalar(byte))
                if let last = parts.popLast() { parts.append(last + mark) } else { parts.append(mark) }
                glue = true
            case .special, .blank, .comment:
                glue = false
            }
        }
        return EncodedWords.decode(parts.joined(separator: " ")).trimmingBlanks()
    }

    private static func addrSpec(of tokens: [Token]) -> String {
        var spec = ""
        for token in tokens {
            switch token {
            case .word(let text, let quoted):
                spec +=
                    quoted && text.contains(where: { $0 == " " || $0 == "\"" || $0 == "\\" })
                    ? "\"" + text + "\"" : text
            case .special(let byte) where byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">"):
                spec += String(UnicodeScalar(byte))
            default:
                break
            }
        }
        return spec
    }

    private static func comments(of tokens: [Token]) -> String? {
        let texts = tokens.compactMap { token -> String? in
            if case .comment(let text) = token, !text.isEmpty { return text }
            return nil
        }
        return texts.isEmpty ? nil : EncodedWords.decode(texts.joined(separator: " "))
    }

    private static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(16)
        var index = 0
        // An atom is a run of bytes (dots inside it included), so it is kept as where it starts.
        var atomStart: Int?
        func flushAtom() {
            if let start = atomStart {
                tokens.append(.word(String(decoding: bytes[start..<index], as: UTF8.self), quoted: false))
            }
            atomStart = nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                flushAtom()
                if tokens.last != .blank { tokens.append(.blank) }
                index += 1
            case UInt8(ascii: "\""):
                flushAtom()
                var text: [UInt8] = []
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                    text.append(bytes[index])
                    index += 1
                }
                index += 1
                tokens.append(.word(String(decoding: text, as: UTF8.self), quoted: true))
            case UInt8(ascii: "("):
                flushAtom()
                var depth = 0
                var text: [UInt8] = []
                // Nesting is counted, not recursed into, so hostile input cannot exhaust the stack.
                while index < bytes.count {
                    let current = bytes[index]
                    if current == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        text.append(bytes[index + 1])
                        index += 2
                        continue
                    }
                    if current == UInt8(ascii: "(") {
                        depth += 1
                        if depth > 1 { text.append(current) }
                    } else if current == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            break
                        }
                        text.append(current)
                    } else {
                        text.append(current)
                    }
                    index += 1
                }
                tokens.append(.comment(String(decoding: text, as: UTF8.self).collapsingWhitespace()))
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"), UInt8(ascii: ","),
                UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."):
                if byte == UInt8(ascii: "."), atomStart != nil {
                    index += 1  // dots inside atoms stay: "john.q.public", "Joe Q. Public"
                    continue
                }
                flushAtom()
                tokens.append(.special(byte))
                index += 1
            default:
                if atomStart == nil { atomStart = index }
                index += 1
            }
        }
        flushAtom()
        return tokens
    }
}
