import Testing

@testable import SwitchyardSignals

@Suite struct DateEntityTests {
    let extractor = EntityExtractor()
    let reference = CivilDate(year: 2026, month: 3, day: 1)

    func dates(_ text: String, language: String? = nil) -> [Entity] {
        extractor.extract(from: text, reference: reference, language: language).of(.date)
    }

    @Test func numericDatesInGermanAndISOForm() {
        let found = dates("Bestellt am 15.03.2026, geliefert 2026-03-18, Rechnung vom 1.4.26.")
        #expect(found.map(\.value) == ["2026-03-15", "2026-03-18", "2026-04-01"])
    }

    @Test func slashDatesFollowTheLanguage() {
        #expect(dates("on 03/04/2026", language: "en").first?.value == "2026-03-04")
        #expect(dates("am 03/04/2026", language: "de").first?.value == "2026-04-03")
        #expect(dates("on 25/04/2026", language: "en").first?.value == "2026-04-25")
    }

    @Test func monthNameDatesInEnglishAndGerman() {
        let found = dates("on 15 March 2026, on March 16th, 2026, am 17. März 2026 and 3rd of May")
        #expect(found.map(\.value) == ["2026-03-15", "2026-03-16", "2026-03-17", "2026-05-03"])
    }

    @Test func relativeDaysResolveAgainstTheMessageDate() {
        let found = dates("Yesterday it broke, gestern kam nichts, vorgestern auch nicht, 3 days ago, vor 2 Tagen.")
        #expect(found.map(\.value) == ["2026-02-28", "2026-02-28", "2026-02-27", "2026-02-26", "2026-02-27"])
        #expect(dates("the day before yesterday").first?.text == "day before yesterday")
        #expect(dates("the day before yesterday").first?.value == "2026-02-27")
    }

    @Test func relativeDaysWithoutReferenceHaveNoValue() {
        let found = extractor.extract(from: "It arrived yesterday").of(.date)
        #expect(found.count == 1)
        #expect(found.first?.value == nil)
    }

    @Test func impossibleCalendarDaysAreInvalid() {
        let found = dates("am 31.02.2026")
        #expect(found.count == 1)
        #expect(found.first?.valid == false)
    }

    @Test func thingsThatAreNotDates() {
        #expect(dates("Version 1.2.3 and 10.20.30.40, Preis 12.50, 32.13.2026, Guten Morgen, May I ask, 2026").isEmpty)
    }

    @Test func germanMonthWordsWithUmlautsInEitherForm() {
        // Precomposed and decomposed (a + U+0308) umlauts, any case: the candidate pass filters words by
        // their first letters and byte length, and both forms must get through.
        let found = dates("am 15. Ma\u{308}rz 2026, am 3. MÄRZ 2026, am 16. März 2026 und am 15. Ja\u{308}nner 2026")
        #expect(found.map(\.value) == ["2026-03-15", "2026-03-03", "2026-03-16", "2026-01-15"])
        #expect(dates("Lieferung übermorgen, Übermorgen kommt sie").map(\.value) == ["2026-03-03", "2026-03-03"])
    }

    @Test func wordsSharingAMonthsFirstLettersAreNotDates() {
        #expect(dates("der den des dem das mal Maße vor von auf Marz Maerzen Augenblick 3 mayday 7 Decke").isEmpty)
        #expect(dates("Mai 3, 3 may, Maerz 4").map(\.value) == ["2026-05-03", "2026-05-03", "2026-03-04"])
    }

    @Test func civilDateArithmetic() {
        #expect(CivilDate(year: 2024, month: 3, day: 1).adding(days: -1) == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(secondsSince1970: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(secondsSince1970: -1) == CivilDate(year: 1969, month: 12, day: 31))
        #expect(CivilDate(secondsSince1970: 1_772_323_200 - 1, utcOffsetSeconds: 3600).description == "2026-03-01")
        #expect(!CivilDate(year: 2026, month: 2, day: 29).isValid)
    }
}
