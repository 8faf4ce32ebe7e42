/// One parsed command line of an SMTP (RFC 5321) or LMTP (RFC 2033) session.
public enum SMTPCommand: Sendable, Equatable {
    case hello(HelloVerb, domain: String)
    case mail(SMTPPath, MailParameters)
    case recipient(SMTPPath, RecipientParameters)
    case data
    /// RFC 3030 chunk: `size` octets follow the command line immediately.
    case bdat(size: Int, last: Bool)
    case reset
    case noop
    case quit
    case startTLS
    case help
    case verify(String)
    case expand(String)
    /// Postfix XFORWARD: attribute name (upper case) and xtext-decoded value, nil when unavailable.
    case xforward([XForwardAttribute])

    /// The three greetings; which one is valid depends on the dialect.
    public enum HelloVerb: String, Sendable, Equatable {
        case lhlo = "LHLO"
        case ehlo = "EHLO"
        case helo = "HELO"
    }

    /// Parses one command line (without its CRLF). Throws the reply to send when the line is not a
    /// valid command; the error names the verb so BDAT syntax errors can end the session.
    public static func parse(_ line: [UInt8]) throws(SMTPCommandError) -> SMTPCommand {
        // A bare CR or other control character inside a command could reach headers built from
        // it (HELO name, addresses): refuse the line.
        if line.contains(where: { ($0 < 0x20 && $0 != UInt8(ascii: "\t")) || $0 == 0x7F }) {
            let verbEnd = line.firstIndex { $0 <= 0x20 } ?? line.count
            throw SMTPCommandError(
                verb: String(decoding: line[..<verbEnd], as: UTF8.self).uppercased(),
                reply: SMTPReply(500, "5.5.2", "Error: control character in command"))
        }
        let verbEnd = line.firstIndex(of: UInt8(ascii: " ")) ?? line.count
        let verb = String(decoding: line[..<verbEnd], as: UTF8.self).uppercased()
        var argumentStart = verbEnd
        while argumentStart < line.count, line[argumentStart] == UInt8(ascii: " ") { argumentStart += 1 }
        let argumentBytes = Array(line[argumentStart...])
        do {
            return try parse(verb: verb, arguments: argumentBytes, line: line, argumentStart: argumentStart)
        } catch {
            throw SMTPCommandError(verb: verb, reply: error)
        }
    }

    private static func parse(
        verb: String, arguments: [UInt8], line: [UInt8], argumentStart: Int
    ) throws(SMTPReply) -> SMTPCommand {
        let argumentText = String(decoding: arguments, as: UTF8.self).trimmingTrailingSpaces()
        func noArguments(_ command: SMTPCommand) throws(SMTPReply) -> SMTPCommand {
            guard argumentText.isEmpty else { throw SMTPReply(501, "5.5.4", "Syntax: \(verb)") }
            return command
        }
        switch verb {
        case "LHLO", "EHLO", "HELO":
            guard let helloVerb = HelloVerb(rawValue: verb), !argumentText.isEmpty,
                String(validating: arguments, as: UTF8.self) != nil
            else { throw SMTPReply(501, "5.5.4", "Syntax: \(verb) hostname") }
            // Clients send FQDNs or address literals; keep the first word for the Received header.
            let domain = argumentText.split(separator: " ").first.map(String.init) ?? argumentText
            return .hello(helloVerb, domain: domain)
        case "MAIL":
            let (path, rest) = try pathAndParameters(
                line, argumentStart: argumentStart, keyword: "FROM:", isSender: true)
            return .mail(path, try ESMTPParameterParser.mail(rest))
        case "RCPT":
            let (path, rest) = try pathAndParameters(
                line, argumentStart: argumentStart, keyword: "TO:", isSender: false)
            return .recipient(path, try ESMTPParameterParser.recipient(rest))
        case "DATA": return try noArguments(.data)
        case "BDAT": return try bdat(argumentText)
        case "RSET": return try noArguments(.reset)
        case "NOOP": return .noop
        case "QUIT": return try noArguments(.quit)
        case "STARTTLS": return try noArguments(.startTLS)
        case "HELP": return .help
        case "VRFY", "EXPN":
            guard !argumentText.isEmpty else { throw SMTPReply(501, "5.5.4", "Syntax: \(verb) address") }
            return verb == "VRFY" ? .verify(argumentText) : .expand(argumentText)
        case "XFORWARD": return .xforward(try XForwardAttribute.parseList(argumentText))
        default:
            throw SMTPReply.unrecognized
        }
    }

    private static func bdat(_ text: String) throws(SMTPReply) -> SMTPCommand {
        let words = text.split(separator: " ")
        let syntax = SMTPReply(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]")
        guard (1...2).contains(words.count), words[0].utf8.count <= 18,
            words[0].utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let size = Int(words[0])
        else { throw syntax }
        if words.count == 2 {
            guard words[1].uppercased() == "LAST" else { throw syntax }
            return .bdat(size: size, last: true)
        }
        return .bdat(size: size, last: false)
    }

    private static func pathAndParameters(
        _ line: [UInt8], argumentStart: Int, keyword: String, isSender: Bool
    ) throws(SMTPReply) -> (SMTPPath, Substring) {
        let keywordBytes = Array(keyword.utf8)
        let syntax = SMTPReply(501, "5.5.4", isSender ? "Syntax: MAIL FROM:<address>" : "Syntax: RCPT TO:<address>")
        guard line.count >= argumentStart + keywordBytes.count else { throw syntax }
        for (offset, expected) in keywordBytes.enumerated() {
            let byte = line[argumentStart + offset]
            guard byte == expected || (byte | 0x20) == (expected | 0x20) && expected >= UInt8(ascii: "A") else {
                throw syntax
            }
        }
        var index = argumentStart + keywordBytes.count
        // RFC 5321 has no space after the colon, but many clients send one; Postfix accepts it too.
        while index < line.count, line[index] == UInt8(ascii: " ") { index += 1 }
        let path: SMTPPath
        do {
            path = try SMTPPath.parse(line, at: &index, allowNull: isSender, allowPostmaster: !isSender)
        } catch {
            switch error {
            case .invalidUTF8: throw SMTPReply(553, "5.6.7", "Error: address is not valid UTF-8")
            case .syntax(let reason):
                throw SMTPReply(501, isSender ? "5.1.7" : "5.1.3", "Error: bad address syntax (\(reason))")
            }
        }
        guard index == line.count || line[index] == UInt8(ascii: " ") else { throw syntax }
        guard let rest = String(validating: line[index...], as: UTF8.self) else {
            throw SMTPReply(501, "5.5.4", "Error: parameters are not valid UTF-8")
        }
        return (path, Substring(rest))
    }
}

/// A command line that is not a valid command, with the reply to send.
public struct SMTPCommandError: Error, Sendable, Equatable {
    /// Upper-cased first word of the line.
    public var verb: String
    public var reply: SMTPReply
}

/// One `NAME=value` pair of a Postfix XFORWARD command (Postfix XFORWARD_README).
public struct XForwardAttribute: Sendable, Equatable {
    public static let supportedNames = ["NAME", "ADDR", "PORT", "PROTO", "HELO", "IDENT", "SOURCE"]

    public var name: String
    /// nil for `[UNAVAILABLE]` and `[TEMPUNAVAIL]`.
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    static func parseList(_ text: String) throws(SMTPReply) -> [XForwardAttribute] {
        let words = text.split(separator: " ")
        guard !words.isEmpty else { throw SMTPReply(501, "5.5.4", "Syntax: XFORWARD attribute=value...") }
        var out: [XForwardAttribute] = []
        for word in words {
            let pieces = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pieces[0].uppercased()
            guard pieces.count == 2, supportedNames.contains(name) else {
                throw SMTPReply(501, "5.5.4", "Error: bad XFORWARD attribute \(pieces[0])")
            }
            let raw = pieces[1]
            if raw == "[UNAVAILABLE]" || raw == "[TEMPUNAVAIL]" {
                out.append(XForwardAttribute(name: name, value: nil))
                continue
            }
            guard let decoded = XText.decode(raw), decoded.utf8.count <= 255 else {
                throw SMTPReply(501, "5.5.4", "Error: bad XFORWARD \(name) value")
            }
            out.append(XForwardAttribute(name: name, value: decoded))
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
