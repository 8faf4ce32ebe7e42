import Foundation
import Testing

@testable import SwitchyardMIME

/// Apache mime4j's test messages: the part structure in `*_decoded.xml` and each decoded body
/// file beside it must match our tree and our transfer-decoded bytes exactly.
@Suite("mime4j testmsgs")
struct Mime4jTests {
    static let directory = "mime4j/testmsgs"

    /// Our tree in mime4j's vocabulary: message(multipart(body-part(text:<sha>)...)).
    static func shape(_ part: MIMEPart) -> String {
        switch part.kind {
        case .multipart:
            return "multipart(" + part.children.map { "body-part(" + shape($0) + ")" }.joined() + ")"
        case .message:
            return "message(" + (part.children.first.map(shape) ?? "") + ")"
        case .leaf:
            let kind = part.contentType.type == "text" ? "text" : "binary"
            return "\(kind):\(Fingerprint.sha256Hex(part.body).prefix(12))"
        }
    }

    /// The expected XML reduced to the same vocabulary, with body files hashed.
    static func expectedShape(_ xml: String, base: URL) -> String {
        var result = ""
        var rest = Substring(xml)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            switch tag {
            case "message": result += "message("
            case "multipart": result += "multipart("
            case "body-part": result += "body-part("
            case "/message", "/multipart", "/body-part": result += ")"
            default:
                guard tag.hasPrefix("text-body") || tag.hasPrefix("binary-body"),
                    let quote = tag.firstIndex(of: "\""),
                    let end = tag[tag.index(after: quote)...].firstIndex(of: "\"")
                else { continue }
                let name = String(tag[tag.index(after: quote)..<end])
                let bytes = Corpus.bytes(base.appendingPathComponent(name)) ?? []
                result += (tag.hasPrefix("text") ? "text" : "binary") + ":\(Fingerprint.sha256Hex(bytes).prefix(12))"
            }
        }
        return result
    }

    @Test func structureAndDecodedBodiesMatch() throws {
        let base = Corpus.url(Self.directory)
        let messages = Corpus.files(under: Self.directory, suffixes: [".msg"])
        try #require(messages.count >= 30)
        let listed = try #require(
            Corpus.json(Corpus.fixtures.appendingPathComponent("mime4j-disagreements.json")) as? [String: String])
        var compared = 0
        for file in messages {
            let xmlURL = base.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "_decoded.xml")
            guard let xmlBytes = Corpus.bytes(xmlURL), let bytes = Corpus.bytes(file) else { continue }
            let expected = Self.expectedShape(String(decoding: xmlBytes, as: UTF8.self), base: base)
            let ours = "message(" + Self.shape(Message(parsing: bytes).root) + ")"
            if let reason = listed[file.lastPathComponent] {
                #expect(ours != expected, "\(file.lastPathComponent) agrees now; remove it from the list (\(reason))")
            } else {
                #expect(ours == expected, "\(file.lastPathComponent)")
            }
            compared += 1
        }
        #expect(compared == messages.count)
    }
}
