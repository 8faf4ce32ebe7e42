import Testing

@testable import SwitchyardSignals

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite struct SignalAnalyzerTests {
    func analyzer(_ configure: (inout SignalConfiguration) -> Void = { _ in }) throws -> SignalAnalyzer {
        var configuration = SignalConfiguration()
        configuration.references = ["order": #"ORD-\d{6}"#]
        configure(&configuration)
        return try SignalAnalyzer(models: try #require(TestModels.shared), configuration: configuration)
    }

    @Test func germanComplaintEndToEnd() throws {
        let body = """
            Hallo,
            ich habe am 12.02.2026 die Bestellung ORD-123456 bezahlt (49,90 €) und gestern kam NICHTS an.
            Das ist eine Frechheit!!! Bitte erstatten Sie den Betrag auf DE89 3704 0044 0532 0130 00.
            """
        let date = Date(timeIntervalSince1970: 1_772_323_200 + 3600)  // 2026-03-01 01:00 UTC
        let signals = try analyzer().analyze(text: body, subject: "Beschwerde ORD-123456", referenceDate: date)
        #expect(signals.language.code == "de")
        #expect(signals.sentiment.label == .negative)
        #expect(signals.sentiment.anger)
        let types = Set(signals.entities.map(\.type))
        #expect(types.isSuperset(of: [.date, .reference, .amount, .iban]))
        #expect(signals.entities.first { $0.field == "subject" }?.text == "ORD-123456")
        #expect(signals.entities.contains { $0.type == .date && $0.value == "2026-02-28" })
        // The English-trained tagger does not run on German (every noun is capitalised).
        #expect(!signals.entities.contains { [.person, .location, .organization, .product].contains($0.type) })
        let bodyBytes = Array(body.utf8)
        for entity in signals.entities where entity.field == "body" {
            #expect(String(decoding: bodyBytes[entity.start..<entity.end], as: UTF8.self) == entity.text)
        }
    }

    @Test func englishMailFindsNamesWithTheTagger() throws {
        let body = "Hi, this is John Smith from London. My order from Amazon never arrived and I am not happy."
        let signals = try analyzer().analyze(text: body, subject: "Missing order")
        #expect(signals.language.code == "en")
        #expect(signals.sentiment.label == .negative)
        let names = signals.entities.filter { [.person, .location, .organization].contains($0.type) }
        #expect(!names.isEmpty)
        // Offsets are into the field (body), although subject and body were tokenised together.
        let bodyBytes = Array(body.utf8)
        for name in names {
            #expect(name.field == "body")
            #expect(String(decoding: bodyBytes[name.start..<name.end], as: UTF8.self) == name.text)
        }
    }

    @Test func signalsEncodeToTheAgreedJSONShape() throws {
        let signals = try analyzer().analyze(text: "Thanks a lot, the refund of $20.00 arrived!")
        let json = String(decoding: try JSONEncoder().encode(signals), as: UTF8.self)
        for key in [
            "\"language\"", "\"code\"", "\"confidence\"", "\"sentiment\"", "\"score\"", "\"label\"",
            "\"evidence\"", "\"entities\"", "\"type\"", "\"start\"", "\"end\"", "\"valid\"",
        ] {
            #expect(json.contains(key), "missing \(key)")
        }
        let decoded = try JSONDecoder().decode(Signals.self, from: Data(json.utf8))
        #expect(decoded == signals)
    }

    @Test func badReferencePatternFailsConstruction() throws {
        #expect(throws: ReferencePatterns.InvalidPattern.self) {
            _ = try analyzer { $0.references = ["bad": "[unclosed"] }
        }
    }
}
