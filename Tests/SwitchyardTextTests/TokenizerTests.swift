import Testing
@testable import SwitchyardText

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer()

    private func texts(_ input: String, _ tokenizer: Tokenizer = Tokenizer()) -> [String] {
        tokenizer.tokens(in: input).map(\.text)
    }

    @Test func englishWordsAreLowercasedAndPunctuationKept() {
        let tokens = tokenizer.tokens(in: "I still haven't received my NEW card!")
        #expect(tokens.map(\.text) == ["i", "still", "haven't", "received", "my", "new", "card", "!"])
        #expect(tokens.last?.kind == .punctuation)
        #expect(tokens.dropLast().allSatisfy { $0.kind == .word })
    }

    @Test func curlyApostropheMatchesStraightOne() {
        #expect(texts("haven\u{2019}t") == ["haven't"])
    }

    @Test func germanSharpSAndUmlauts() {
        #expect(texts("Straße STRASSE straße") == ["strasse", "strasse", "strasse"])
        #expect(texts("GRÜẞE Grüße") == ["grüsse", "grüsse"])
        // Decomposed ü (u + U+0308) is composed by NFKC and matches the precomposed form.
        #expect(texts("Mu\u{0308}ller MÜLLER") == ["müller", "müller"])
    }

    @Test func turkishDottedAndDotlessI() {
        // Standard folding: İ meets i (no stray U+0307), ı stays its own letter.
        #expect(texts("İSTANBUL istanbul") == ["istanbul", "istanbul"])
        #expect(texts("ılık") == ["ılık"])
        let turkic = Tokenizer(configuration: .init(caseFolding: .turkic))
        #expect(texts("KIRMIZI kırmızı İzmir", turkic) == ["kırmızı", "kırmızı", "izmir"])
        #expect(turkic.normalize("DIŞ") == "dış")
    }

    @Test func compatibilityFormsAreNormalised() {
        // Full-width letters and the "ﬁ" ligature fold to plain ASCII under NFKC.
        #expect(texts("ＡＢＣ ﬁle") == ["abc", "file"])
    }

    @Test func mixedScripts() {
        let tokens = tokenizer.tokens(in: "Заказ 123 不能退款 カードが届かない مرحبا")
        let words = tokens.filter { $0.kind == .word }.map(\.text)
        #expect(words.first == "заказ")
        #expect(words.contains("مرحبا"))
        #expect(tokens.contains { $0.kind == .number })
        // Dictionary-based segmentation splits Chinese and Japanese into several words.
        let cjk = words.filter { $0.unicodeScalars.contains { $0.value >= 0x3040 } }
        #expect(cjk.count >= 4)
        #expect(cjk.joined() == "不能退款カードが届かない")
    }

    @Test func urlsAndEmailsBecomePlaceholders() {
        let input = "See https://example.com/help?id=4, or write to Anna.Smith+cs@mail.example.co.uk."
        let tokens = tokenizer.tokens(in: input)
        #expect(tokens.map(\.text) == ["see", "<url>", ",", "or", "write", "to", "<email>", "."])
        let url = tokens.first { $0.kind == .url }
        let email = tokens.first { $0.kind == .email }
        #expect(url.map { String($0.original(in: input)) } == "https://example.com/help?id=4")
        #expect(email.map { String($0.original(in: input)) } == "Anna.Smith+cs@mail.example.co.uk")
        #expect(texts("visit www.bank.example today") == ["visit", "<url>", "today"])
        #expect(!tokenizer.tokens(in: "not@anaddress").contains { $0.kind == .email })
    }

    @Test func numbersAndAmounts() {
        let input = "Paid $12.50 and 40 EUR, then 12,50 € and £3 for 2 cards"
        let tokens = tokenizer.tokens(in: input)
        let amounts = tokens.filter { $0.kind == .amount }.map { String($0.original(in: input)) }
        #expect(amounts == ["$12.50", "40 EUR", "12,50 €", "£3"])
        #expect(tokens.filter { $0.kind == .number }.map { String($0.original(in: input)) } == ["2"])
        #expect(tokens.filter { $0.kind == .amount }.allSatisfy { $0.text == "<amount>" })
        // A currency code is only an amount next to a number.
        #expect(texts("EUR accounts") == ["eur", "accounts"])
    }

    @Test func emoji() {
        let tokens = tokenizer.tokens(in: "thanks 👍 so angry 😡😡")
        #expect(tokens.filter { $0.kind == .emoji }.count >= 2)
        #expect(tokens.first { $0.kind == .emoji }?.text == "👍")
    }

    @Test func offsetsPointBackIntoTheInput() {
        let input = "Grüße aus Köln — ich möchte 30 € zurück: kontakt@bank.de 🙂"
        let tokens = tokenizer.tokens(in: input)
        #expect(!tokens.isEmpty)
        var previousEnd = 0
        for token in tokens {
            #expect(token.utf8Range.lowerBound >= previousEnd)
            previousEnd = token.utf8Range.upperBound
            let original = String(token.original(in: input))
            #expect(Array(input.utf8)[token.utf8Range].elementsEqual(original.utf8))
            if token.kind == .word { #expect(tokenizer.normalize(original) == token.text) }
        }
        #expect(tokens.first.map { String($0.original(in: input)) } == "Grüße")
    }

    @Test func emptyAndWhitespaceOnly() {
        #expect(tokenizer.tokens(in: "").isEmpty)
        #expect(tokenizer.tokens(in: " \n\t  ").isEmpty)
    }

    @Test func inputLimitCutsAtCharacterBoundary() {
        let limited = Tokenizer(configuration: .init(maxInputBytes: 8))
        // "ü" is two bytes: a cut after byte 8 would split the second "ü" of "grüü".
        let tokens = limited.tokens(in: "abc grüü more words")
        #expect(tokens.map(\.text) == ["abc", "grü"])
        #expect(Tokenizer.Configuration().maxInputBytes == 1 << 20)
        #expect(Tokenizer(configuration: .init(maxInputBytes: 0)).tokens(in: "abc").isEmpty)
    }
}
