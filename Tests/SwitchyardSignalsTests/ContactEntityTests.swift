import Testing

@testable import SwitchyardSignals

@Suite struct ContactEntityTests {
    let extractor = EntityExtractor()

    @Test func emailAddressesAreFoundAndTrimmed() {
        let entities = extractor.extract(from: "Write to Anna.Berg+shop@Example.co.uk. Or (ops@example.org)")
        #expect(entities.of(.email).map(\.text) == ["Anna.Berg+shop@Example.co.uk", "ops@example.org"])
        #expect(entities.of(.email).first?.value == "anna.berg+shop@example.co.uk")
    }

    @Test func notEmailAddresses() {
        #expect(extractor.extract(from: "meet @ 5pm, user@localhost, a@b.c, foo@.com").of(.email).isEmpty)
    }

    @Test func urlsStopAtTrailingPunctuation() {
        let entities = extractor.extract(
            from: "See https://example.com/a?b=1. Also www.shop.de/faq, (http://x.org/p(1)).")
        #expect(entities.of(.url).map(\.text) == ["https://example.com/a?b=1", "www.shop.de/faq", "http://x.org/p(1)"])
    }

    @Test func notURLs() {
        #expect(extractor.extract(from: "example.com, http:// alone, swww.x.de, shttp://x.org").of(.url).isEmpty)
    }

    @Test func internationalPhoneNumbersBecomeE164() {
        let entities = extractor.extract(from: "Call +49 30 1234567 or +1 (555) 234-5678 or 0049 89 998877.")
        #expect(entities.of(.phone).map(\.value) == ["+49301234567", "+15552345678", "+4989998877"])
    }

    @Test func trunkZeroInParenthesesIsDropped() {
        #expect(extractor.extract(from: "Tel. +49 (0)30 1234567").of(.phone).first?.value == "+49301234567")
    }

    @Test func germanAndUSNationalNumbers() {
        let entities = extractor.extract(from: "Festnetz 030 1234567, mobil 0170/1234567, US office (555) 234-5678.")
        #expect(entities.of(.phone).map(\.value) == ["+49301234567", "+491701234567", "+15552345678"])
    }

    @Test func bareDigitRunsNeedAPhoneWord() {
        #expect(extractor.extract(from: "Bestellung 03012345678").of(.phone).isEmpty)
        #expect(extractor.extract(from: "Telefon: 03012345678").of(.phone).first?.value == "+493012345678")
    }

    @Test func notPhoneNumbers() {
        let text = "Version 1.2.3, Datum 15.03.2026, Preis 12,50 EUR, Zeit 10:30, Bestellnummer 4711, +0 12"
        #expect(extractor.extract(from: text).of(.phone).isEmpty)
    }
}
