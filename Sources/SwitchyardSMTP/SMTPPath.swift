/// A mailbox from a `MAIL FROM:<...>` or `RCPT TO:<...>` path (RFC 5321 §4.1.2), with RFC 6531
/// UTF-8 allowed in the local part and domain.
///
/// Source routes (`<@a,@b:user@c>`) are accepted and dropped, as RFC 5321 §3.3 tells servers to.
/// The local part is kept as written (quoted strings stay quoted) so the address stays valid.
public struct SMTPPath: Sendable, Equatable {
    /// "" for the null reverse path `<>`; "postmaster" for the domain-less special case.
    public var address: String
    /// Whether the address holds non-ASCII octets (needs SMTPUTF8).
    public var isInternationalized: Bool

    public init(address: String, isInternationalized: Bool = false) {
        self.address = address
        self.isInternationalized = isInternationalized
    }

    public var isNull: Bool { address.isEmpty }

    /// Why a path was refused; the state machine turns each into a 501 or 553 reply.
    public enum Problem: Error, Sendable, Equatable {
        case syntax(String)
        case invalidUTF8
    }

    /// Parses a path starting at `bytes[index]` (which must be "<"); on success `index` points just past ">".
    public static func parse(
        _ bytes: [UInt8], at index: inout Int, allowNull: Bool, allowPostmaster: Bool
    ) throws(Problem) -> SMTPPath {
        var scanner = PathScanner(bytes: bytes, position: index)
        let path = try scanner.path(allowNull: allowNull, allowPostmaster: allowPostmaster)
        index = scanner.position
        return path
    }
}

/// Recursive-descent scanner over the bytes of one path; keeps the position on success only.
struct PathScanner {
    let bytes: [UInt8]
    var position: Int

    /// RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the brackets.
    static let maximumPathLength = 256

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func path(allowNull: Bool, allowPostmaster: Bool) throws(SMTPPath.Problem) -> SMTPPath {
        let start = position
        guard current == UInt8(ascii: "<") else { throw .syntax("path must be enclosed in <>") }
        position += 1
        if current == UInt8(ascii: ">") {
            position += 1
            guard allowNull else { throw .syntax("empty path") }
            return SMTPPath(address: "")
        }
        if current == UInt8(ascii: "@") { try sourceRoute() }
        let mailboxStart = position
        if allowPostmaster, let end = postmasterEnd() {
            position = end + 1
            return SMTPPath(address: "postmaster")
        }
        try localPart()
        guard current == UInt8(ascii: "@") else { throw .syntax("missing @domain") }
        position += 1
        try domainOrLiteral()
        guard current == UInt8(ascii: ">") else { throw .syntax("unexpected character in address") }
        let mailboxBytes = Array(bytes[mailboxStart..<position])
        position += 1
        guard position - start <= Self.maximumPathLength else { throw .syntax("path too long") }
        let international = mailboxBytes.contains { $0 >= 0x80 }
        guard let text = String(validating: mailboxBytes, as: UTF8.self) else { throw .invalidUTF8 }
        return SMTPPath(address: text, isInternationalized: international)
    }

    /// `<Postmaster>` without a domain (RFC 5321 §4.1.1.3), case-insensitive.
    private func postmasterEnd() -> Int? {
        let word = Array("postmaster".utf8)
        guard position + word.count < bytes.count, bytes[position + word.count] == UInt8(ascii: ">") else { return nil }
        for (offset, expected) in word.enumerated() where bytes[position + offset] | 0x20 != expected {
            return nil
        }
        return position + word.count
    }

    private mutating func sourceRoute() throws(SMTPPath.Problem) {
        while current == UInt8(ascii: "@") {
            position += 1
            try domain()
            if current == UInt8(ascii: ",") {
                position += 1
                guard current == UInt8(ascii: "@") else { throw .syntax("bad source route") }
            }
        }
        guard current == UInt8(ascii: ":") else { throw .syntax("bad source route") }
        position += 1
    }

    private mutating func localPart() throws(SMTPPath.Problem) {
        if current == UInt8(ascii: "\"") {
            position += 1
            while let byte = current, byte != UInt8(ascii: "\"") {
                if byte == UInt8(ascii: "\\") {
                    position += 1
                    guard let escaped = current, (32...126).contains(escaped) else { throw .syntax("bad quoted pair") }
                } else {
                    guard byte >= 0x80 || (32...126).contains(byte) else {
                        throw .syntax("bad character in quoted string")
                    }
                }
                position += 1
            }
            guard current == UInt8(ascii: "\"") else { throw .syntax("unterminated quoted string") }
            position += 1
            return
        }
        try atom()
        while current == UInt8(ascii: ".") {
            position += 1
            try atom()
        }
    }

    private mutating func atom() throws(SMTPPath.Problem) {
        let start = position
        while let byte = current, Self.isAtext(byte) { position += 1 }
        guard position > start else { throw .syntax("bad local part") }
    }

    private mutating func domainOrLiteral() throws(SMTPPath.Problem) {
        guard current == UInt8(ascii: "[") else { return try domain() }
        position += 1
        let start = position
        while let byte = current, byte != UInt8(ascii: "]") {
            guard (33...126).contains(byte), byte != UInt8(ascii: "[") else { throw .syntax("bad address literal") }
            position += 1
        }
        guard current == UInt8(ascii: "]"), position > start else { throw .syntax("bad address literal") }
        position += 1
    }

    private mutating func domain() throws(SMTPPath.Problem) {
        repeat {
            if current == UInt8(ascii: ".") { position += 1 }
            let start = position
            while let byte = current, Self.isLetDig(byte) || byte == UInt8(ascii: "-") || byte >= 0x80 {
                position += 1
            }
            guard position > start, bytes[start] != UInt8(ascii: "-"), bytes[position - 1] != UInt8(ascii: "-") else {
                throw .syntax("bad domain")
            }
        } while current == UInt8(ascii: ".")
    }

    static func isLetDig(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// RFC 5322 atext plus RFC 6531 UTF8-non-ascii.
    static func isAtext(_ byte: UInt8) -> Bool {
        if isLetDig(byte) || byte >= 0x80 { return true }
        return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
    }
}
