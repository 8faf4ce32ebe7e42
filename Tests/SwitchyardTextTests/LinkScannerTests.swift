import Foundation
import Testing

@testable import SwitchyardText

/// `LinkScanner.spans(in:)` tries only the positions near a ".", ":" or "@": it must find exactly
/// what trying every position finds (`spansByteByByte`), wherever the marks fall in an 8-byte word.
@Suite struct LinkScannerTests {
    private static func mismatches(_ texts: [String]) -> [String] {
        var out: [String] = []
        for text in texts {
            var text = text
            let (fast, reference) = text.withUTF8 { (LinkScanner.spans(in: $0), LinkScanner.spansByteByByte(in: $0)) }
            if fast != reference {
                out.append("\(text.debugDescription): \(fast) vs \(reference)")
                if out.count >= 5 { break }
            }
        }
        return out
    }

    @Test func everyShortStringOverTheURLAndAddressCharacters() {
        let alphabet = ["h", "t", "p", "s", ":", "/", "w", ".", "@", "a", " "]
        var texts = [""]
        var all: [String] = []
        for _ in 0..<5 {
            texts = texts.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += texts
        }
        #expect(Self.mismatches(all) == [])
    }

    @Test func linksAtEveryOffsetOfAWord() {
        let links = [
            "http://a.b", "https://example.com/x?y=1.", "www.example.org.", "WWW.EX.DE", "HTTPS://X.Y", "a@b.cc",
            "Anna.Smith+cs@mail.example.co.uk.", "x.http://a.b", "wwww.a.b", "ahttp://a.b", "a@b", "@x.y", "hhttp://a",
            "http:/a", "http://", "www.", "ü@a.b", "a@b.c@d.e", "www.a@b.c", "a.b@c.d http://e.f",
        ]
        var texts: [String] = []
        for link in links {
            for pad in 0...9 {
                let padding = String(repeating: "x", count: pad)
                texts += [padding + link, padding + " " + link + " tail", link + padding, padding + "ä " + link]
            }
        }
        #expect(Self.mismatches(texts) == [])
    }

    @Test func spamAssassinMessages() throws {
        let corpus = TokenizerEquivalenceTests.packageRoot.appendingPathComponent("../shared/corpora/spamassassin")
        var texts: [String] = []
        for folder in ["easy-ham-1", "spam-1"] {
            let dir = corpus.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
                texts.append(String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self))
            }
        }
        #expect(texts.count > 2000)
        #expect(Self.mismatches(texts) == [])
    }
}
