import Foundation
import Testing

@testable import SwitchyardMIME

/// GMime's charset vectors: each legacy-charset file decodes (through ICU) to its UTF-8 twin,
/// both with the label and, for the single-byte ones, through a full MIME message.
@Suite("GMime charset vectors")
struct GMimeCharsetTests {
    static let directory = "gmime/tests/data/filters"

    static func pairs() -> [(file: URL, charset: String, twin: URL)] {
        Corpus.files(under: directory, suffixes: [".txt"]).compactMap { file in
            let parts = file.lastPathComponent.split(separator: ".")
            guard parts.count == 3, parts[1] != "utf-8" else { return nil }
            let twin = file.deletingLastPathComponent().appendingPathComponent("\(parts[0]).utf-8.txt")
            guard FileManager.default.fileExists(atPath: twin.path) else { return nil }
            return (file, String(parts[1]), twin)
        }
    }

    @Test func legacyFilesDecodeToTheirUTF8Twins() throws {
        let pairs = Self.pairs()
        try #require(pairs.count >= 3)  // koi8-r, cp1251, iso-2022-jp (the cp1252 file has no twin)
        for pair in pairs {
            let source = try #require(Corpus.bytes(pair.file))
            let expected = String(decoding: try #require(Corpus.bytes(pair.twin)), as: UTF8.self)
            let decoded = Charset.decode(source[...], label: pair.charset)
            #expect(decoded.text == expected, "\(pair.file.lastPathComponent)")
            #expect(decoded.problem == nil, "\(pair.file.lastPathComponent)")

            var message = Array("Content-Type: text/plain; charset=\(pair.charset)\r\n".utf8)
            message += Array("Content-Transfer-Encoding: 8bit\r\n\r\n".utf8) + source
            let body = Message(parsing: message).root.text
            #expect(body == expected, "\(pair.file.lastPathComponent) through a message")
        }
    }

    /// "Lorem ipsum" transliterated into Cyrillic is not Russian, so ICU's language-based detector
    /// cannot name its charset; real Russian prose in the same charsets is detected.
    static let russian =
        "Здравствуйте, я хотел бы вернуть заказ, "
        + "который получил на прошлой неделе. "
        + "Товар пришёл повреждённым, и я прошу вернуть деньги."
    static let russianKOI8R: [UInt8] = [
        250, 196, 210, 193, 215, 211, 212, 215, 213, 202, 212, 197, 44, 32, 209, 32, 200, 207, 212, 197, 204, 32,
        194, 217, 32, 215, 197, 210, 206, 213, 212, 216, 32, 218, 193, 203, 193, 218, 44, 32, 203, 207, 212, 207,
        210, 217, 202, 32, 208, 207, 204, 213, 222, 201, 204, 32, 206, 193, 32, 208, 210, 207, 219, 204, 207, 202,
        32, 206, 197, 196, 197, 204, 197, 46, 32, 244, 207, 215, 193, 210, 32, 208, 210, 201, 219, 163, 204, 32,
        208, 207, 215, 210, 197, 214, 196, 163, 206, 206, 217, 205, 44, 32, 201, 32, 209, 32, 208, 210, 207, 219,
        213, 32, 215, 197, 210, 206, 213, 212, 216, 32, 196, 197, 206, 216, 199, 201, 46,
    ]
    static let russianCP1251: [UInt8] = [
        199, 228, 240, 224, 226, 241, 242, 226, 243, 233, 242, 229, 44, 32, 255, 32, 245, 238, 242, 229, 235, 32,
        225, 251, 32, 226, 229, 240, 237, 243, 242, 252, 32, 231, 224, 234, 224, 231, 44, 32, 234, 238, 242, 238,
        240, 251, 233, 32, 239, 238, 235, 243, 247, 232, 235, 32, 237, 224, 32, 239, 240, 238, 248, 235, 238, 233,
        32, 237, 229, 228, 229, 235, 229, 46, 32, 210, 238, 226, 224, 240, 32, 239, 240, 232, 248, 184, 235, 32,
        239, 238, 226, 240, 229, 230, 228, 184, 237, 237, 251, 236, 44, 32, 232, 32, 255, 32, 239, 240, 238, 248,
        243, 32, 226, 229, 240, 237, 243, 242, 252, 32, 228, 229, 237, 252, 227, 232, 46,
    ]

    @Test func unlabeledRussianIsDetected() {
        #expect(Charset.decode(Self.russianKOI8R[...], label: nil).text == Self.russian)
        #expect(Charset.decode(Self.russianCP1251[...], label: "unknown-8bit").text == Self.russian)
    }

    @Test func unlabeledLegacyTextIsDetected() throws {
        for pair in Self.pairs() where pair.charset == "iso-2022-jp" {
            let source = try #require(Corpus.bytes(pair.file))
            let expected = String(decoding: try #require(Corpus.bytes(pair.twin)), as: UTF8.self)
            #expect(Charset.decode(source[...], label: nil).text == expected, "\(pair.file.lastPathComponent)")
        }
    }
}
