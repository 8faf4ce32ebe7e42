import Testing

@testable import SwitchyardSignals

@Suite struct LanguageIdentifierTests {
    func identifier() throws -> LanguageIdentifier {
        LanguageIdentifier(profiles: try #require(TestModels.shared).languageProfiles)
    }

    /// Support-mail fixtures, 32 per language; measured 100% on en/de (bench/RESULTS.md).
    @Test(arguments: [
        ("en", 0.95), ("de", 0.95), ("fr", 0.9), ("es", 0.9), ("it", 0.9), ("nl", 0.85), ("pt", 0.9),
        ("pl", 0.9),
    ])
    func fixtureAccuracy(code: String, floor: Double) throws {
        let identifier = try identifier()
        let lines = try TestPaths.read(TestPaths.fixtures + "/langid/\(code).txt").split(whereSeparator: \.isNewline)
        #expect(lines.count >= 30)
        let correct = lines.filter { identifier.identify(String($0)).code == code }.count
        #expect(Double(correct) / Double(lines.count) >= floor, "\(code): \(correct)/\(lines.count)")
    }

    @Test func otherScriptsAreNeverEnglish() throws {
        let identifier = try identifier()
        #expect(identifier.identify("Здравствуйте, мой заказ до сих пор не пришёл, помогите пожалуйста.").code == "ru")
        #expect(identifier.identify("Καλησπέρα, η παραγγελία μου δεν έχει φτάσει ακόμα.").code == "el")
        #expect(identifier.identify("注文した商品がまだ届いていません。確認していただけますか。").code == "ja")
        #expect(identifier.identify("您好，我的订单还没有收到，请帮我查一下物流信息。").code.hasPrefix("zh"))
        #expect(identifier.identify("안녕하세요, 주문한 상품이 아직 도착하지 않았습니다.").code == "ko")
        #expect(identifier.identify("Order ORD-123456: Здравствуйте, мой заказ до сих пор не пришёл.").code != "en")
    }

    @Test func tooShortTextIsUnknown() throws {
        let identifier = try identifier()
        let guess = identifier.identify("Danke!")
        #expect(guess.isUnknown)
        #expect(guess.confidence == 0)
        #expect(identifier.identify("12345 !!! ???").isUnknown)
    }

    @Test func confidenceIsAProbability() throws {
        let guess = try identifier().identify("Thank you very much for your quick help with my order yesterday.")
        #expect(guess.code == "en")
        #expect(guess.confidence > 0.5 && guess.confidence <= 1)
    }

    @Test func scriptHistogramCountsLettersPerScript() {
        let histogram = ScriptHistogram(Array("abc Жжж 123 漢字".utf8), limit: 100)
        #expect(histogram.counts[WritingScript.latin.rawValue] == 3)
        #expect(histogram.counts[WritingScript.cyrillic.rawValue] == 3)
        #expect(histogram.counts[WritingScript.han.rawValue] == 2)
        #expect(histogram.letters == 8)
    }

    @Test func malformedProfileIsRefusedWithItsLine() {
        #expect(throws: LanguageProfiles.FormatError.self) { try LanguageProfiles(text: "lang\ten\t1\t2\n") }
        #expect(throws: LanguageProfiles.FormatError.self) {
            try LanguageProfiles(text: "lang\ten\t1\t2\t3\nab\t7 1\n")
        }
    }
}
