import Testing

@testable import SwitchyardSignals

@Suite struct SentimentTests {
    func analyzer() throws -> SentimentAnalyzer {
        let models = try #require(TestModels.shared)
        return SentimentAnalyzer(english: models.englishLexicon, german: models.germanLexicon)
    }

    @Test func negationFlipsPolarity() throws {
        let a = try analyzer()
        #expect(a.analyze("I am happy with the service.", language: "en").label == .positive)
        let negated = a.analyze("I am not happy with the service.", language: "en")
        #expect(negated.label == .negative)
        #expect(negated.evidence.first { $0.text == "happy" }?.rules.contains("negated") == true)
        #expect(a.analyze("Ich bin zufrieden.", language: "de").label == .positive)
        #expect(a.analyze("Ich bin nicht zufrieden.", language: "de").label == .negative)
        #expect(a.analyze("Das war keine Hilfe.", language: "de").label == .negative)
    }

    @Test func germanNegationAfterTheVerb() throws {
        let a = try analyzer()
        #expect(a.analyze("Das Produkt gefällt mir.", language: "de").label == .positive)
        #expect(a.analyze("Das Produkt gefällt mir nicht.", language: "de").label == .negative)
    }

    @Test func contrastShiftsWeightToTheSecondClause() throws {
        let a = try analyzer()
        let result = a.analyze("The delivery was fast, but the product is terrible.", language: "en")
        #expect(result.label == .negative)
        #expect(result.evidence.contains { $0.rules.contains("after-contrast") })
        #expect(a.analyze("Der Versand war langsam, aber der Service war super.", language: "de").label == .positive)
    }

    @Test func capsAndExclamationsIntensify() throws {
        let a = try analyzer()
        let plain = a.analyze("This is terrible service.", language: "en").score
        let caps = a.analyze("This is TERRIBLE service.", language: "en")
        let shouted = a.analyze("This is terrible service!!!", language: "en").score
        #expect(caps.score < plain)
        #expect(caps.evidence.first?.rules.contains("caps") == true)
        #expect(shouted < plain)
    }

    @Test func intensifiersAndDampeners() throws {
        let a = try analyzer()
        let base = a.analyze("The support was helpful.", language: "en").score
        #expect(a.analyze("The support was very helpful.", language: "en").score > base)
        #expect(a.analyze("The support was slightly helpful.", language: "en").score < base)
        #expect(
            a.analyze("Ich bin sehr enttäuscht.", language: "de").score
                < a.analyze("Ich bin enttäuscht.", language: "de").score)
    }

    @Test func emoticonsAndEmojiCarrySentiment() throws {
        let a = try analyzer()
        #expect(a.analyze("Order arrived :)", language: "en").label == .positive)
        #expect(a.analyze("Order arrived :-(", language: "en").label == .negative)
        #expect(a.analyze("Bestellung ist da 😊", language: "de").label == .positive)
        #expect(a.analyze("Bestellung ist immer noch nicht da 😡", language: "de").label == .negative)
    }

    @Test func angerNeedsStrongNegativityAndEmphasis() throws {
        let a = try analyzer()
        #expect(a.analyze("This is UNACCEPTABLE!!! Worst service ever, I am furious.", language: "en").anger)
        #expect(!a.analyze("The delivery was a bit disappointing.", language: "en").anger)
        #expect(a.analyze("Das ist eine absolute FRECHHEIT!!! Ich bin wütend.", language: "de").anger)
    }

    @Test func neutralTextHasNoEvidence() throws {
        let result = try analyzer().analyze("Please send me a copy of the invoice for order 4711.", language: "en")
        #expect(result.label != .negative)
        #expect(abs(result.score) <= 1)
    }

    @Test func scoreStaysInRangeAndEvidenceIsBounded() throws {
        let a = try analyzer()
        let result = a.analyze(String(repeating: "great excellent wonderful ", count: 200), language: "en")
        #expect(result.score <= 1 && result.score > 0.9)
        #expect(result.evidence.count == a.maximumEvidence)
    }

    /// German support-mail fixture (105 sentences); measured 91.4% (bench/RESULTS.md).
    @Test func germanFixtureAccuracy() throws {
        let a = try analyzer()
        let lines = try TestPaths.read(TestPaths.fixtures + "/sentiment-de.tsv").split(whereSeparator: \.isNewline)
        #expect(lines.count >= 100)
        var correct = 0
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 1)
            let gold = try #require(SentimentLabel(rawValue: String(fields[0])))
            if a.analyze(String(fields[1]), language: "de").label == gold { correct += 1 }
        }
        #expect(Double(correct) / Double(lines.count) >= 0.88, "\(correct)/\(lines.count)")
    }

    @Test func malformedLexiconIsRefused() {
        #expect(throws: SentimentLexicon.FormatError.self) { try SentimentLexicon(text: "good\tvery\n") }
    }
}
