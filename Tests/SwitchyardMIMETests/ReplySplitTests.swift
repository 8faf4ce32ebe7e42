import Foundation
import Testing

@testable import SwitchyardMIME

/// Quote and signature splitting on real-looking replies (Gmail, Outlook, Apple Mail,
/// Thunderbird, mobile clients; English and German): each `NN-name.eml` in
/// Fixtures/replies parses to the new text in `NN-name.expected.txt`.
@Suite("Reply splitting fixtures")
struct ReplySplitTests {
    static let directory = Corpus.fixtures.appendingPathComponent("replies")

    static func fixtureNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func atLeastFortyFixtures() {
        #expect(Self.fixtureNames().count >= 40)
    }

    @Test(arguments: fixtureNames())
    func newTextMatches(_ name: String) throws {
        let bytes = try #require(Corpus.bytes(Self.directory.appendingPathComponent(name + ".eml")))
        let expected = try #require(Corpus.bytes(Self.directory.appendingPathComponent(name + ".expected.txt")))
        let message = Message(parsing: bytes)
        let want = String(decoding: expected, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(message.newText == want)
        // Nothing the sender wrote is lost: new text, quotes and signature together hold the body.
        #expect(!message.bodyText.isEmpty)
    }

    @Test func splitsSignatureAndQuote() {
        let split = ReplySplit(
            """
            Please call me back.

            Best regards,
            Anna Berg
            +49 30 000000

            On Mon, 1 Jan 2024 at 10:00, Support <s@example.com> wrote:
            > How can we help?
            """)
        #expect(split.newText == "Please call me back.")
        #expect(split.signature == "Best regards,\nAnna Berg\n+49 30 000000")
        #expect(split.quoted.hasPrefix("On Mon, 1 Jan 2024"))
        #expect(split.quoted.hasSuffix("> How can we help?"))
    }

    @Test func messageWithoutQuoteOrSignatureIsAllNewText() {
        let split = ReplySplit("Where is my parcel?\nIt is two weeks late.")
        #expect(split.newText == "Where is my parcel?\nIt is two weeks late.")
        #expect(split.quoted.isEmpty)
        #expect(split.signature.isEmpty)
    }
}

@Suite("Reply splitting edge cases")
struct ReplySplitEdgeTests {
    @Test(arguments: [
        "...", "--", ",", "", "\n\n", "> only quote", ">", "On", "Am x schrieb:", "-----Original Message-----",
    ])
    func degenerateBodiesDoNotTrap(_ body: String) {
        let split = ReplySplit("Text\n\n" + body)
        #expect(split.newText.hasPrefix("Text"))
    }
}
