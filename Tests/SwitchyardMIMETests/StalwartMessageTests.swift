import Foundation
import Testing

@testable import SwitchyardMIME

/// stalwart's rfc/ and thirdparty/ messages against their expected parse, on a projection:
/// part content types in tree order, decoded text of text parts, bytes of binary parts,
/// attachment names, subject and addresses. Remaining disagreements live in
/// Fixtures/stalwart-disagreements.json with the reason.
@Suite("stalwart messages")
struct StalwartMessageTests {
    /// Pre-order walk of one message level: embedded messages are one node, as in stalwart.
    static func levelParts(_ root: MIMEPart) -> [MIMEPart] {
        var result: [MIMEPart] = []
        var stack = [root]
        while let part = stack.popLast() {
            result.append(part)
            if part.kind == .multipart { stack.append(contentsOf: part.children.reversed()) }
        }
        return result
    }

    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").collapsingWhitespace()
    }

    static func mismatches(for file: URL) -> [String: String] {
        var found: [String: String] = [:]
        let name = file.deletingLastPathComponent().lastPathComponent + "/" + file.lastPathComponent
        guard let bytes = Corpus.bytes(file),
            let expected = Corpus.json(file.deletingPathExtension().appendingPathExtension("json")) as? [String: Any],
            let theirParts = expected["parts"] as? [[String: Any]]
        else {
            found[name] = "unreadable"
            return found
        }
        let message = Message(parsing: bytes)
        let ours = levelParts(message.root)
        if ours.count != theirParts.count { found["\(name):count"] = "ours=\(ours.count) theirs=\(theirParts.count)" }
        for (index, (part, theirs)) in zip(ours, theirParts).enumerated() {
            let headers = theirs["headers"] as? [[String: Any]] ?? []
            func header(_ key: String) -> Any? { headers.first { $0["name"] as? String == key }?["value"] }
            if let type = (header("content_type") as? [String: Any])?["ContentType"] as? [String: Any],
                let major = type["c_type"] as? String
            {
                let theirType = major + "/" + (type["c_subtype"] as? String ?? "")
                if theirType.lowercased() != part.contentType.mimeType {
                    found["\(name):\(index):type"] = "ours=\(part.contentType.mimeType) theirs=\(theirType)"
                }
            }
            let body = theirs["body"] as? [String: Any] ?? [:]
            if let text = (body["Text"] ?? body["Html"]) as? String, normalized(part.text) != normalized(text) {
                found["\(name):\(index):text"] =
                    "ours=\(normalized(part.text).prefix(80)) theirs=\(normalized(text).prefix(80))"
            }
            if let binary = (body["Binary"] ?? body["InlineBinary"]) as? [Int], binary.map(UInt8.init) != part.body {
                found["\(name):\(index):bytes"] = "ours=\(part.body.count) bytes theirs=\(binary.count) bytes"
            }
            let theirName =
                attributeValue(header("content_disposition"), "filename")
                ?? attributeValue(header("content_type"), "name")
            if let theirName, theirName != part.filename {
                found["\(name):\(index):filename"] = "ours=\(part.filename ?? "nil") theirs=\(theirName)"
            }
        }
        if let top = theirParts.first?["headers"] as? [[String: Any]] {
            if let subject = (top.first { $0["name"] as? String == "subject" }?["value"] as? [String: Any])?["Text"]
                as? String,
                subject != message.subjectText
            {
                found["\(name):subject"] = "ours=\(message.subjectText) theirs=\(subject)"
            }
            let theirFrom =
                (top.first { $0["name"] as? String == "from" }?["value"] as? [String: Any])
                .flatMap { ($0["Address"] as? [String: Any])?["List"] as? [[String: Any]] }?
                .compactMap { $0["address"] as? String } ?? []
            let ourFrom = message.from.compactMap(\.address)
            if !theirFrom.isEmpty && theirFrom != ourFrom {
                found["\(name):from"] = "ours=\(ourFrom) theirs=\(theirFrom)"
            }
        }
        return found
    }

    static func attributeValue(_ header: Any?, _ key: String) -> String? {
        guard let type = (header as? [String: Any])?["ContentType"] as? [String: Any],
            let attributes = type["attributes"] as? [[String: Any]]
        else { return nil }
        return attributes.first { $0["name"] as? String == key }?["value"] as? String
    }

    @Test func messagesAgreeOnProjectionExceptListed() throws {
        let listed = try #require(
            Corpus.json(Corpus.fixtures.appendingPathComponent("stalwart-disagreements.json")) as? [String: String])
        let files = Corpus.files(under: "stalwart/eml", suffixes: [".eml"])
        try #require(files.count == 30)
        var found: [String: String] = [:]
        for file in files { found.merge(Self.mismatches(for: file)) { first, _ in first } }
        for (key, detail) in found.sorted(by: { $0.key < $1.key }) where listed[key] == nil {
            Issue.record("new disagreement \(key): \(detail)")
        }
        for key in listed.keys.sorted() where key.contains(".eml") && found[key] == nil {
            Issue.record("listed disagreement \(key) no longer occurs: remove it from the fixture")
        }
    }
}
