import Testing

@testable import SwitchyardSignals

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Every limit of the signal stage is a configuration value that takes effect.
@Suite struct LimitTests {
    let models = TestModels.shared

    func analyzer(_ configure: (inout SignalConfiguration) -> Void) throws -> SignalAnalyzer {
        var configuration = SignalConfiguration()
        configure(&configuration)
        return try SignalAnalyzer(models: try #require(models), configuration: configuration)
    }

    @Test func defaultsAreSensible() {
        let configuration = SignalConfiguration()
        #expect(configuration.languageMinimumLetters == 12)
        #expect(configuration.entityMaximumBytes == 65_536)
        #expect(configuration.taggerMaximumTokens == 400)
    }

    @Test func languageMinimumLetters() throws {
        let text = "Vielen Dank für Ihre Hilfe"
        #expect(try analyzer { $0.languageMinimumLetters = 30 }.analyze(text: text).language.isUnknown)
        #expect(try analyzer { $0.languageMinimumLetters = 10 }.analyze(text: text).language.code == "de")
    }

    @Test func languageMaximumCharactersBoundsTheNGramWindow() throws {
        let text =
            "Thank you very much for the help with my order. "
            + String(repeating: "Vielen Dank für die Hilfe. ", count: 40)
        #expect(try analyzer { $0.languageMaximumCharacters = 40 }.analyze(text: text).language.code == "en")
        #expect(try analyzer { $0.languageMaximumCharacters = 2000 }.analyze(text: text).language.code == "de")
    }

    @Test func entityMaximumBytes() throws {
        let text = String(repeating: "x", count: 100) + " mail me at anna@example.com"
        #expect(try analyzer { $0.entityMaximumBytes = 50 }.analyze(text: text).entities.of(.email).isEmpty)
        #expect(try analyzer { $0.entityMaximumBytes = 500 }.analyze(text: text).entities.of(.email).count == 1)
    }

    @Test func sentimentMaximumBytesAndEvidence() throws {
        let text = String(repeating: "a ", count: 100) + "terrible awful horrible"
        #expect(try analyzer { $0.sentimentMaximumBytes = 100 }.analyze(text: text).sentiment.label == .neutral)
        let full = try analyzer { $0.sentimentMaximumEvidence = 2 }.analyze(text: text).sentiment
        #expect(full.label == .negative)
        #expect(full.evidence.count == 2)
    }

    @Test func trackingContextWindow() {
        let text = "DHL" + String(repeating: " ", count: 50) + "340123456788"
        #expect(EntityExtractor(trackingContextWindow: 10).extract(from: text).of(.trackingNumber).isEmpty)
        #expect(EntityExtractor(trackingContextWindow: 80).extract(from: text).of(.trackingNumber).count == 1)
    }

    @Test func taggerMaximumTokensAndSwitch() throws {
        let text = "I spoke to John Smith in London and Paris yesterday."
        let names: (SignalAnalyzer) -> Int = { a in
            a.analyze(text: text).entities.filter { [.person, .location, .organization].contains($0.type) }.count
        }
        #expect(try names(analyzer { $0.taggerMaximumTokens = 2 }) == 0)
        #expect(try names(analyzer { $0.taggerEnabled = false }) == 0)
        #expect(try names(analyzer { $0.taggerLanguages = ["de"] }) == 0)
        #expect(try names(analyzer { _ in }) > 0)
    }
}

@Suite struct ConfigurationDecodingTests {
    @Test func partialConfigurationKeepsDefaults() throws {
        let json = #"{"languageMinimumLetters": 30, "references": {"order": "ORD-\\d{6}"}}"#
        let configuration = try JSONDecoder().decode(SignalConfiguration.self, from: Data(json.utf8))
        #expect(configuration.languageMinimumLetters == 30)
        #expect(configuration.references == ["order": #"ORD-\d{6}"#])
        #expect(configuration.entityMaximumBytes == SignalConfiguration().entityMaximumBytes)
        let redaction = try JSONDecoder().decode(Redactor.Configuration.self, from: Data(#"{"maskEmails": true}"#.utf8))
        #expect(redaction.maskEmails)
        #expect(redaction.cardDigitsKept == 4)
    }
}
