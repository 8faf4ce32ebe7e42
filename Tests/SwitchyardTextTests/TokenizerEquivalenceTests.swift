import Foundation
import Testing

@testable import SwitchyardText

/// The fast paths of `Tokenizer.tokens(in:)` (ASCII/Latin-1 segmentation and folding without ICU)
/// must give exactly what ICU alone gives (`tokensViaICU(in:)`): same texts, kinds and offsets,
/// for every input.
@Suite struct TokenizerEquivalenceTests {
    static let standard = Tokenizer()
    static let turkic = Tokenizer(configuration: .init(caseFolding: .turkic))

    /// Package root, found from this file (Tests/SwitchyardTextTests/...).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Texts that differ between the two paths, with both results, for a readable failure.
    private static func mismatches(_ texts: [String], _ tokenizer: Tokenizer) -> [String] {
        var out: [String] = []
        for text in texts {
            let fast = tokenizer.tokens(in: text)
            let reference = tokenizer.tokensViaICU(in: text)
            if fast != reference {
                out.append("\(text.debugDescription): fast \(describe(fast)) icu \(describe(reference))")
                if out.count >= 5 { break }
            }
        }
        return out
    }

    private static func describe(_ tokens: [Token]) -> String {
        tokens.map { "\($0.text)|\($0.kind.rawValue)|\($0.utf8Range)" }.joined(separator: " ")
    }

    private static func allStrings(over alphabet: [String], length: Int) -> [String] {
        var result = [""]
        for _ in 0..<length {
            result = result.flatMap { prefix in alphabet.map { prefix + $0 } }
        }
        return result
    }

    @Test func everyShortStringOverOneCharacterPerASCIIClass() {
        // One or two characters of every Word_Break class ASCII has, plus ones easy to get wrong.
        let alphabet = [
            "a", "Z", "I", "7", "_", ":", ",", ";", ".", "'", " ", "\r", "\n", "\u{0B}", "\t", "-", "@", "\"", "$",
            "/",
        ]
        var texts: [String] = []
        for length in 1...3 { texts += Self.allStrings(over: alphabet, length: length) }
        #expect(Self.mismatches(texts, Self.standard) == [])
        #expect(Self.mismatches(texts, Self.turkic) == [])
    }

    @Test func everyLongerStringOverTheJoiningClasses() {
        // The classes UAX #29 joins across (letters, digits, "_", mid-word and mid-number
        // punctuation), long enough for every two-character look-ahead.
        let alphabet = ["a", "1", "_", ".", "'", ",", ";", ":", " ", "\r", "\n", "@", "-"]
        var texts = Self.allStrings(over: alphabet, length: 4)
        texts += Self.allStrings(over: ["a", "1", "_", ".", "'", ",", " "], length: 5)
        #expect(Self.mismatches(texts, Self.standard) == [])
    }

    @Test func everyASCIICharacterInEveryContext() {
        let contexts = ["a%@a", "1%@1", "%@%@", " %@ ", "_%@_", "a%@1", "a.%@", "%@\r\n", "\r%@\n", "a'%@'a"]
        var texts: [String] = []
        for byte in UInt8(0)..<128 {
            let character = String(UnicodeScalar(byte))
            texts += contexts.map { $0.replacingOccurrences(of: "%@", with: character) }
        }
        #expect(Self.mismatches(texts, Self.standard) == [])
        #expect(Self.mismatches(texts, Self.turkic) == [])
    }

    @Test func everyLatin1CharacterInEveryContext() {
        // U+00C0-U+00FF are cut and folded without ICU; the rest of Latin-1 (NBSP, soft hyphen,
        // µ, ª, ²) must still reach ICU. Contexts put each next to letters, digits, mid-word
        // punctuation and spaces, on both sides, with other Latin-1 letters around.
        let contexts = [
            "a%@a", "1%@1", "%@%@", " %@ ", "_%@_", "a%@1", "a.%@", "%@\r\n", "a'%@'a", "ä%@ß", "%@ x", "x %@",
            "Ä'%@", "%@.ü", "%@,1", "É%@ ", "%@ \u{0301}", "\u{0301} %@", "%@\u{0301} ", "%@  a", "%@I",
        ]
        var texts: [String] = []
        for value in UInt32(0x80)...0xFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            texts += contexts.map { $0.replacingOccurrences(of: "%@", with: String(Character(scalar))) }
        }
        #expect(Self.mismatches(texts, Self.standard) == [])
        #expect(Self.mismatches(texts, Self.turkic) == [])
    }

    @Test func commonPunctuationInEveryContext() {
        // Dashes, quotes, bullet, ellipsis and € are cut without ICU; their neighbours in the
        // General Punctuation block that join (U+2018, U+2019, U+2024, U+2027) or are pictographs
        // (U+203C) must still reach ICU and come out the same.
        let marks = [
            "\u{2013}", "\u{2014}", "\u{201A}", "\u{201C}", "\u{201D}", "\u{201E}", "\u{2022}", "\u{2026}", "\u{20AC}",
            "\u{2018}", "\u{2019}", "\u{2024}", "\u{2027}", "\u{203C}", "\u{2012}", "\u{2015}", "\u{201F}",
            "\u{20AB}", "\u{20AD}",
        ]
        let contexts = [
            "a%@a", "1%@1", "%@%@", " %@ ", "_%@_", "a%@1", "a.%@", "%@\r\n", "a'%@'a", "ä%@ß", "%@ x", "x %@",
            "%@\u{0301}", "%@\u{200D}a", "12,50 %@", "%@5", "%@%@a", "a %@%@ b", "%@\u{20AC}1,00",
        ]
        var texts: [String] = []
        for mark in marks { texts += contexts.map { $0.replacingOccurrences(of: "%@", with: mark) } }
        #expect(Self.mismatches(texts, Self.standard) == [])
        #expect(Self.mismatches(texts, Self.turkic) == [])
    }

    @Test func everyShortStringOverPunctuationAndTheJoiningClasses() {
        let alphabet = [
            "a", "ß", "1", "'", ".", ",", " ", "\u{2013}", "\u{201E}", "\u{201C}", "\u{20AC}", "\u{2019}", "\u{0301}",
        ]
        var texts: [String] = []
        for length in 1...3 { texts += Self.allStrings(over: alphabet, length: length) }
        #expect(Self.mismatches(texts, Self.standard) == [])
    }

    @Test func everyShortStringOverLatin1AndTheJoiningClasses() {
        let alphabet = ["a", "Ä", "ß", "ÿ", "×", "÷", "1", "_", ".", "'", ",", ":", " ", "\u{A0}", "\u{AD}", "\u{0301}"]
        var texts: [String] = []
        for length in 1...3 { texts += Self.allStrings(over: alphabet, length: length) }
        #expect(Self.mismatches(texts, Self.standard) == [])
        #expect(Self.mismatches(texts, Self.turkic) == [])
    }

    @Test func handWrittenEdgeCases() {
        let texts = [
            "I still haven't received my NEW card!", "haven\u{2019}t", "rock 'n' roll", "'quoted' words'",
            "Straße STRASSE straße GRÜẞE Grüße", "Mu\u{0308}ller MÜLLER", "İSTANBUL istanbul ılık KIRMIZI İzmir DIŞ",
            "ＡＢＣ ﬁle", "Заказ 123 不能退款 カードが届かない مرحبا", "ภาษาไทย ง่าย ok ภาษา", "한국어 텍스트 abc",
            "See https://example.com/help?id=4, or write to Anna.Smith+cs@mail.example.co.uk.",
            "www.example.org. http://x.y/z) (mailto:a@b.cc)", "€12,50 12.50 EUR $1,200.00 EUR 40 40EUR £5 ¥1000",
            "12,50\u{00A0}€ 1.000.000,00 1,000.50 3.14 v1.2.3 10k k10 a_1 _1 1_ __ ___a", "re: RE: Fwd: a:b 1:2 12:30",
            "well-known state-of-the-art e-mail -5 --flag", "👍 👍🏽 👨‍👩‍👧 ❤️ 🇩🇪 ok😀ok a👍 \u{200D} a\u{200D}b",
            "a\u{0301} e\u{0301} \u{0301}x  \u{0301} x \u{0301}", "tab\tseparated\r\nlines\rcr\nlf\u{0B}vt\u{0C}ff",
            "trailing space ", "  leading", "   ", "", "a.b.c a..b 1..2 .5 5. 'a a' a'", "O'Neil's d'Artagnan l'été",
            "“quoted” ‘single’ «guillemets» „deutsch“", "x\u{00A0}y x\u{2009}y x\u{3000}y", "Ａ１ ａ．ｂ ＿",
            "a\u{00AD}b co\u{00AD}operate", "ǅungla Ǆ ǆ", "ΣΊΣΥΦΟΣ σίσυφος", "ﬀ ﬃ ㎏ ① ⅷ", "\u{FEFF}bom", "a\u{200B}b",
            "$ 5 5 $ $5.00USD", "x:y:z http:// https://", "user@ @domain a@b a@b.c", "!!! ??? ... ,,, ;;; :::",
            "A.B.C. U.S.A. e.g. i.e.", "1,2,3 1;2 1'000'000 1.2.3.4", "ab12cd34 12ab34", "ok.Ok ok,ok ok;ok",
        ]
        #expect(Self.mismatches(texts, Self.standard) == [])
        #expect(Self.mismatches(texts, Self.turkic) == [])
    }

    @Test func longTokensFoldLikeShortOnes() throws {
        // Short tokens fold in fixed buffers, long ones on the heap: both must agree.
        let langid = Self.packageRoot.appendingPathComponent("Tests/SwitchyardSignalsTests/Fixtures/langid")
        var words: Set<String> = ["Straße", "GRÜẞE", "İSTANBUL", "ＡＢＣ", "ﬁle", "ǅungla", "ΣΊΣΥΦΟΣ", "Mu\u{0308}ller"]
        for name in try FileManager.default.contentsOfDirectory(atPath: langid.path) {
            let fixture = try String(contentsOf: langid.appendingPathComponent(name), encoding: .utf8)
            words.formUnion(fixture.split(whereSeparator: { $0.isWhitespace }).map(String.init))
        }
        for tokenizer in [Self.standard, Self.turkic] {
            for word in words.sorted() where word.utf8.contains(where: { $0 >= 0x80 }) {
                let long = Array(repeating: word, count: 60).joined(separator: " ")
                let expected = Array(repeating: tokenizer.normalize(word), count: 60).joined(separator: " ")
                #expect(tokenizer.normalize(long) == expected, "\(word)")
            }
        }
    }

    @Test func moreTokensThanTheScanReservesRoomFor() {
        // The scan reserves items for one token per four bytes: denser texts move them out.
        let texts = [
            String(repeating: "a,", count: 500), String(repeating: "1.", count: 40), String(repeating: "!", count: 70),
            String(repeating: "x.y ", count: 3) + String(repeating: "a-b:", count: 300),
            "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q",
        ]
        #expect(Self.mismatches(texts, Self.standard) == [])
        #expect(Self.standard.tokens(in: texts[0]).count == 1000)
        #expect(Self.standard.tokens(in: texts[2]).count == 70)
    }

    @Test func inputLimitCutsTheSameWay() {
        let text = "Refund €12,50 to anna@example.com please, ok? Danke schön, Grüße aus Köln."
        for limit in [0, 1, 7, 8, 9, 10, 20, 33, 50, 1000] {
            let tokenizer = Tokenizer(configuration: .init(maxInputBytes: limit))
            #expect(Self.mismatches([text], tokenizer) == [], "limit \(limit)")
        }
    }

    @Test func spamAssassinMessages() throws {
        let corpus = Self.packageRoot.appendingPathComponent("../shared/corpora/spamassassin")
        var texts: [String] = []
        for folder in ["easy-ham-1", "spam-1"] {
            let dir = corpus.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            // Every third message keeps this test to a few seconds; whole messages, headers too.
            for (k, name) in names.enumerated() where k % 3 == 0 {
                let data = try Data(contentsOf: dir.appendingPathComponent(name))
                texts.append(String(decoding: data, as: UTF8.self))
            }
        }
        #expect(texts.count > 900)
        #expect(Self.mismatches(texts, Self.standard) == [])
    }

    @Test func intentUtterancesAndLanguageFixtures() throws {
        var texts: [String] = []
        for file in ["banking77/train.csv", "clinc150/train.csv", "clinc150/val.csv"] {
            let url = Self.packageRoot.appendingPathComponent("../shared/data/intent/\(file)")
            texts += try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        }
        let langid = Self.packageRoot.appendingPathComponent("Tests/SwitchyardSignalsTests/Fixtures/langid")
        for name in try FileManager.default.contentsOfDirectory(atPath: langid.path).sorted() {
            let fixture = try String(contentsOf: langid.appendingPathComponent(name), encoding: .utf8)
            texts += fixture.split(whereSeparator: \.isNewline).map(String.init)
            texts.append(fixture)
        }
        #expect(texts.count > 10000)
        #expect(Self.mismatches(texts, Self.standard) == [])
        #expect(Self.mismatches(texts, Self.turkic) == [])
    }
}
