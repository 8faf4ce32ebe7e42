public import NIOCore

/// One SMTP/LMTP reply: a three-digit code, an RFC 3463 enhanced status code and text lines.
///
/// Enhanced codes are sent on every reply except the greeting and the HELO/EHLO/LHLO answer
/// (RFC 2034 §3) and 354, whose class (3) has no enhanced form.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var enhancedCode: String?
    public var lines: [String]

    public init(_ code: Int, _ enhancedCode: String?, _ text: String) {
        self.code = code
        self.enhancedCode = enhancedCode
        self.lines = [text]
    }

    public init(code: Int, enhancedCode: String?, lines: [String]) {
        self.code = code
        self.enhancedCode = enhancedCode
        self.lines = lines.isEmpty ? [""] : lines
    }

    public var isPositive: Bool { code < 400 }
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    public var isPermanentFailure: Bool { code >= 500 }

    /// The reply exactly as sent, CRLF-terminated lines with "-" continuation marks.
    public var wireText: String {
        var out = ""
        // Text can come from the delivery agent (or downstream): never let it break the framing.
        let lines = lines.map { line in
            String(String.UnicodeScalarView(line.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        }
        for (index, line) in lines.enumerated() {
            let separator = index == lines.count - 1 ? " " : "-"
            out += "\(code)\(separator)"
            if let enhancedCode { out += line.isEmpty ? enhancedCode : "\(enhancedCode) \(line)" } else { out += line }
            out += "\r\n"
        }
        return out
    }

    public func write(into buffer: inout ByteBuffer) {
        buffer.writeString(wireText)
    }

    public var description: String {
        wireText.replacingCRLF()
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar == "\r" { continue }
            if scalar == "\n" { out += " | " } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

extension SMTPReply {
    // Replies used in more than one place; the text follows Postfix where clients may match on it.
    public static let ok = SMTPReply(250, "2.0.0", "Ok")
    public static let badSequence = SMTPReply(503, "5.5.1", "Error: bad sequence of commands")
    public static let unrecognized = SMTPReply(500, "5.5.2", "Error: command not recognized")
    public static let lineTooLong = SMTPReply(500, "5.5.2", "Error: line too long")
    public static let sizeExceeded = SMTPReply(552, "5.3.4", "Error: message size exceeds fixed maximum message size")
    public static let tooManyErrors = SMTPReply(421, "4.7.0", "Error: too many errors; closing connection")
    public static let timeout = SMTPReply(421, "4.4.2", "Error: timeout exceeded; closing connection")
    public static let shuttingDown = SMTPReply(421, "4.4.2", "Service shutting down; closing connection")
    public static let tooManyConnections = SMTPReply(421, "4.3.2", "Error: too many connections; try again later")
}
