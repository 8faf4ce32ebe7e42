import Testing
@testable import SwitchyardSignals

/// Random mixtures of the characters the scanners react to: nothing may trap, and every entity's
/// offsets must cut the field exactly at its text.
@Suite struct HostileInputTests {
    static let fragments = [
        "0", "1", "4", "9", "12", "030", "+", "+49", "(", ")", "(0)", " ", "  ", "-", "/", ".", ",", ":", "'", "@", "a@b.de",
        "http://", "www.", "€", "$", "£", "EUR", "Euro", "1Z", "RR", "DE89", "DE", "ORD-", "yesterday", "gestern", "vor",
        "Tagen", "days", "ago", "March", "März", "15.", "2026", "th", "of", "\n", "ä", "ß", "😡", ":-(", "!!!", "NOT",
        "nicht", "aber", "but", "Tel", "DHL", "x", "\u{0}", "\u{FFFD}", "Здравствуйте", "漢字", "\r\n", "\t",
    ]

    @Test func randomMixturesNeverTrapAndKeepOffsetsExact() throws {
        let analyzer = try SignalAnalyzer(
            models: try #require(TestModels.shared),
            configuration: { var c = SignalConfiguration(); c.references = ["order": #"ORD-\d{6}"#]; return c }())
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<(1 + next(40)) { text += Self.fragments[next(Self.fragments.count)] }
            let signals = analyzer.analyze(text: text, subject: next(3) == 0 ? text : "")
            #expect((-1...1).contains(signals.sentiment.score))
            let bytes = Array(text.utf8)
            for entity in signals.entities where entity.field == "body" {
                #expect(entity.start >= 0 && entity.start < entity.end && entity.end <= bytes.count)
                #expect(String(decoding: bytes[entity.start..<entity.end], as: UTF8.self) == entity.text)
            }
            _ = Redactor(configuration: .init(maskEmails: true, maskPhones: true)).redact(text)
        }
    }

    @Test func hugeBodiesAreBounded() throws {
        let analyzer = try SignalAnalyzer(models: try #require(TestModels.shared))
        let body = String(repeating: "4111 1111 1111 1111 DE89370400440532013000 +49 30 1234567 ", count: 20_000)
        let signals = analyzer.analyze(text: body)
        #expect(signals.entities.allSatisfy { $0.end <= SignalConfiguration().entityMaximumBytes })
    }
}
