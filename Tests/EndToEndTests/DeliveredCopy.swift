// Reading back what the gateway wrote into a Maildir.
import Foundation

/// One file from a Maildir `new/`, split into the trace headers the gateway prepended and the
/// message as the client sent it.
struct DeliveredCopy {
    /// Headers Switchyard adds in front of the client's message (the delivery section).
    static let prependedNames: Set<String> = ["return-path", "delivered-to", "received"]

    let path: URL
    let bytes: [UInt8]
    /// Prepended header fields in file order, each with its folded continuation lines.
    let prepended: [(name: String, field: String)]
    /// Everything after the prepended fields: the client's message.
    let message: [UInt8]

    init(path: URL) throws {
        self.path = path
        self.bytes = [UInt8](try Data(contentsOf: path))
        var fields: [(String, String)] = []
        var offset = 0
        // Take whole fields (first line + lines starting with SP/HTAB) while their name is one
        // of the prepended ones; the first other line starts the client's message.
        while offset < bytes.count {
            guard let nameEnd = bytes[offset...].firstIndex(of: UInt8(ascii: ":")),
                let lineEnd = bytes[offset...].firstIndex(of: 0x0A), nameEnd < lineEnd
            else { break }
            let name = String(decoding: bytes[offset..<nameEnd], as: UTF8.self).lowercased()
            guard Self.prependedNames.contains(name) else { break }
            var end = lineEnd + 1
            while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09,
                let next = bytes[end...].firstIndex(of: 0x0A)
            {
                end = next + 1
            }
            fields.append((name, String(decoding: bytes[offset..<end], as: UTF8.self)))
            offset = end
        }
        self.prepended = fields
        self.message = Array(bytes[offset...])
    }

    /// The prepended fields with the given (lower-case) name.
    func prepended(_ name: String) -> [String] { prepended.filter { $0.name == name }.map(\.field) }

    /// Value of the first header of the client's message with this name (unfolded), if any.
    func header(_ name: String) -> String? {
        let text = String(decoding: message, as: UTF8.self)
        let head = text.components(separatedBy: text.contains("\r\n\r\n") ? "\r\n\r\n" : "\n\n").first ?? ""
        let unfolded = head.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
        for line in unfolded.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == name.lowercased() {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Whether the file keeps the wire's CRLF line ends (else it uses LF, as Dovecot does).
    var usesCRLF: Bool { bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } ?? false }

    /// `sent` (the message as it crossed the wire, CRLF, un-dot-stuffed) in this file's line-end
    /// convention, so the two can be compared byte for byte.
    func expected(fromWire sent: [UInt8]) -> [UInt8] {
        usesCRLF ? sent : Maildirs.crlfToLF(sent)
    }
}

/// Listing Maildir folders.
enum Maildirs {
    /// Regular files in `dir` (a Maildir's new/, cur/ or tmp/), sorted by name; empty when absent.
    static func files(in dir: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func copies(in dir: URL) throws -> [DeliveredCopy] {
        try files(in: dir).map { try DeliveredCopy(path: $0) }
    }

    /// Waits (bounded) until `dir` holds at least `count` files; returns what is there.
    static func waitForFiles(in dir: URL, count: Int, timeout: Double) async throws -> [URL] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found = files(in: dir)
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
        return files(in: dir)
    }

    static func crlfToLF(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                i += 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// LF -> CRLF for text written with LF ends (what smtp-source does to its -F file).
    static func lfToCRLF(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 40)
        for (i, b) in bytes.enumerated() {
            if b == 0x0A, i == 0 || bytes[i - 1] != 0x0D { out.append(0x0D) }
            out.append(b)
        }
        return out
    }
}

extension DeliveredCopy {
    /// nil when the client's part of the file is exactly `sent` (in this file's line-end
    /// convention); otherwise a short description of the first difference, for the failure text.
    func mismatch(fromWire sent: [UInt8]) -> String? {
        let expected = expected(fromWire: sent)
        if message == expected { return nil }
        let common = zip(message, expected).prefix { $0 == $1 }.count
        func around(_ bytes: [UInt8]) -> String {
            let start = max(0, common - 40)
            let end = min(bytes.count, common + 40)
            return String(decoding: bytes[start..<end], as: UTF8.self).debugDescription
        }
        return "\(path.lastPathComponent): \(message.count) bytes stored, \(expected.count) expected; first difference "
            + "at byte \(common): stored \(around(message)) vs expected \(around(expected))"
    }
}
