// Messages the end-to-end tests send, in the forms the different clients need.
import Foundation

/// An RFC 5322 message built for a test, with the awkward parts real mail has: lines that
/// start with a dot (dot-stuffing), 8-bit UTF-8 text, a 998-octet line, blank lines, trailing
/// spaces. Kept as LF text; `wire` is what crosses SMTP/LMTP after un-stuffing.
struct TestMessage {
    let subject: String
    let messageID: String
    /// LF line ends: what `smtp-source -F` reads (it sends CRLF and dot-stuffs on its own).
    let text: [UInt8]

    init(
        subject: String, messageID: String? = nil, from: String = "sender@example.org",
        to: String = "support@example.com", bodyBytes: Int = 2000, seed: Int = 1, extraHeaders: [String] = []
    ) {
        self.subject = subject
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@e2e.test>"
        var lines =
            [
                "From: Sender <\(from)>",
                "To: <\(to)>",
                "Subject: \(subject)",
                "Date: Fri, 27 Nov 2026 10:00:00 +0000",
                "Message-ID: \(self.messageID)",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit",
            ] + extraHeaders
        lines += [
            "",
            "Hello team,",
            ".a line that starts with a dot",
            "..two dots",
            ".",
            "the line above was a lone dot; these are 8-bit: Grüße, naïve café, Ελληνικά, 日本語",
            "trailing spaces   ",
            "",
            String(repeating: "x", count: 998),
        ]
        var filler = 0
        var size = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        while size < bodyBytes {
            let line = "line \(seed).\(filler): the quick brown fox jumps over the lazy dog 0123456789"
            lines.append(filler % 17 == 5 ? "." + line : line)
            size += line.utf8.count + 1
            filler += 1
        }
        lines.append("-- ")
        lines.append("end of message \(seed)")
        self.text = Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The message as an SMTP/LMTP client sends it, before dot-stuffing: CRLF line ends.
    var wire: [UInt8] { Maildirs.lfToCRLF(text) }

    /// DATA content ready for `swaks --data @file --no-data-fixup`: CRLF, dot-stuffed, ".CRLF".
    var stuffedData: [UInt8] {
        var out: [UInt8] = []
        var atLineStart = true
        for byte in wire {
            if atLineStart && byte == UInt8(ascii: ".") { out.append(byte) }
            out.append(byte)
            atLineStart = byte == 0x0A
        }
        return out + Array(".\r\n".utf8)
    }

    func writeText(to url: URL) throws { try Data(text).write(to: url) }
    func writeStuffedData(to url: URL) throws { try Data(stuffedData).write(to: url) }
}
