import Foundation
import SwitchyardMIME

/// The correctness gate for parser optimisations: one JSON line per file with every field
/// `switchyard parse --json` shows plus the MIME tree and the whole body text, so a change that
/// alters any output shows up in a plain `diff` of two dumps.
struct CorpusDump: Encodable {
    struct Part: Encodable {
        var path: String
        var type: String
        var parameters: [String]
        var disposition: String?
        var encoding: String
        var kind: String
        var bodySHA256: String
        var preamble: Int
        var epilogue: Int
        var headers: [String]
    }

    var file: String
    var document: MessageDocument
    var bodyText: String
    var sender: String?
    var bcc: [String]
    var sentAt: Double?
    var forwarded: [String]
    var parts: [Part]

    init(file: String, message: Message) {
        self.file = file
        document = MessageDocument(message)
        bodyText = message.bodyText
        sender = message.sender?.description
        bcc = message.bcc.mailboxes.map(\.description)
        sentAt = message.sentAt?.timeIntervalSince1970
        forwarded = message.forwarded.map { forwarded in
            let from = forwarded.from.map(\.description).joined(separator: ", ")
            return "\(forwarded.path)|\(from)|\(forwarded.date?.iso8601 ?? "-")|\(forwarded.text)"
        }
        parts = message.root.allParts.map { part in
            let disposition = part.disposition.map { value in
                ([value.mimeType] + value.parameters.map { "\($0.name)=\($0.value)" }).joined(separator: ";")
            }
            return Part(
                path: part.path, type: part.contentType.mimeType,
                parameters: part.contentType.parameters.map { "\($0.name)=\($0.value)" },
                disposition: disposition, encoding: part.transferEncoding, kind: part.kind.rawValue,
                bodySHA256: Fingerprint.sha256Hex(part.body), preamble: part.preamble.count,
                epilogue: part.epilogue.count, headers: part.headers.map { "\($0.name): \($0.rawValue)" })
        }
    }
}

/// Prints one dump line per file (sorted keys), in the order given.
func dumpCorpus(_ paths: [String]) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for path in paths {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let message = Message(parsing: [UInt8](data))
        let line = try encoder.encode(CorpusDump(file: path, message: message))
        FileHandle.standardOutput.write(line + Data([0x0A]))
    }
}
