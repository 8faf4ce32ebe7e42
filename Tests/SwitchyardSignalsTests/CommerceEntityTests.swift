import Testing

@testable import SwitchyardSignals

@Suite struct CommerceEntityTests {
    let extractor = EntityExtractor()

    @Test func amountsInEnglishAndGermanNotation() {
        let text = "Paid €12,50 and 12.50 EUR, then $1,200.00, EUR 1.200,00, 49,- Euro and £5."
        let amounts = extractor.extract(from: text).of(.amount)
        #expect(
            amounts.map(\.value) == ["12.50 EUR", "12.50 EUR", "1200.00 USD", "1200.00 EUR", "49.00 EUR", "5.00 GBP"])
        #expect(amounts.first?.text == "€12,50")
    }

    @Test func numbersWithoutCurrencyOrBadGroupingAreNotAmounts() {
        #expect(extractor.extract(from: "We have 12,50 reasons and 1,20,0 EUR and 12EUR").of(.amount).isEmpty)
    }

    @Test func carrierTrackingNumbersWithCheckDigits() {
        let text = "UPS 1Z999AA10123456784, Einschreiben RR123456785DE, USPS 9400111899223855467820."
        let tracking = extractor.extract(from: text).of(.trackingNumber)
        #expect(tracking.map(\.kind) == ["ups", "postal-s10", "usps"])
        #expect(tracking.allSatisfy { $0.valid })
    }

    @Test func trackingNumbersWithWrongCheckDigitsAreInvalid() {
        let tracking = extractor.extract(from: "1Z999AA10123456785 and RR123456786DE").of(.trackingNumber)
        #expect(tracking.map(\.valid) == [false, false])
    }

    @Test func lowercaseOrLetterFirstRunsAreNotTracking() {
        // The candidate pass keeps only digit-first runs and 13-long capital-first ones (UPU S10).
        #expect(extractor.extract(from: "rr123456785de Z1999AA10123456784 abcdefghij").of(.trackingNumber).isEmpty)
        #expect(extractor.extract(from: "(RR123456785DE)").of(.trackingNumber).map(\.kind) == ["postal-s10"])
    }

    @Test func bareDigitTrackingNeedsShippingContextAndACheck() {
        let withContext = extractor.extract(from: "DHL Sendungsnummer 340123456788, FedEx tracking 123456789012")
        #expect(withContext.of(.trackingNumber).map(\.kind) == ["dhl", "fedex"])
        #expect(extractor.extract(from: "Rechnung 340123456788").of(.trackingNumber).isEmpty)
        #expect(extractor.extract(from: "DHL Sendungsnummer 340123456789").of(.trackingNumber).isEmpty)
    }

    @Test func fedExAndDHLCheckDigitsFromTheirPublishedRules() {
        // Valid numbers from github.com/jkeen/tracking_number_data (couriers/fedex.json, dhl.json).
        let text =
            "FedEx tracking 986578788855. FedEx Ground tracking 568283610012734. Tracking 9611020987654312345672."
            + " DHL Express tracking 3318810025."
        let tracking = extractor.extract(from: text).of(.trackingNumber)
        #expect(tracking.map(\.text) == ["986578788855", "568283610012734", "9611020987654312345672", "3318810025"])
        #expect(tracking.map(\.kind) == ["fedex", "fedex", "fedex", "dhl"])
        #expect(tracking.allSatisfy { $0.valid })
        #expect(TrackingScanner.fedExExpressIsValid(Array("477179081230".utf8).map { $0 - 0x30 }))
        #expect(TrackingScanner.fedExGroundIsValid(Array("041441760228964".utf8).map { $0 - 0x30 }[...]))
    }

    @Test func fedExAndDHLNumbersFailingTheirCheckAreNotTracking() {
        // The same test data's invalid numbers: bare digits are only taken when the check passes.
        let text =
            "FedEx tracking 996578788855. FedEx Ground tracking 568283610012732. Tracking 9600000000000000000001."
            + " DHL Express tracking 3318810034."
        #expect(extractor.extract(from: text).of(.trackingNumber).isEmpty)
        #expect(!TrackingScanner.fedExExpressIsValid(Array("996578788855".utf8).map { $0 - 0x30 }))
        #expect(!TrackingScanner.fedExGroundIsValid(Array("568283610012732".utf8).map { $0 - 0x30 }[...]))
        // A valid FedEx Ground number without a shipping word is an ordinary number.
        #expect(extractor.extract(from: "Rechnung 568283610012734").of(.trackingNumber).isEmpty)
    }

    @Test func configuredReferencePatterns() throws {
        let references = try ReferencePatterns(["order": #"ORD-\d{6}"#, "ticket": #"#\d{5}"#])
        let extractor = EntityExtractor(references: references)
        let found = extractor.extract(from: "Re: ORD-123456 and XORD-654321, ticket #12345; ORD-12345 is short").of(
            .reference)
        #expect(found.map(\.text) == ["ORD-123456", "#12345"])
        #expect(found.map(\.kind) == ["order", "ticket"])
    }

    @Test func patternsWithoutLiteralPrefixStillMatch() throws {
        let extractor = EntityExtractor(references: try ReferencePatterns(["invoice": #"(RE|INV)-\d{4}"#]))
        #expect(
            extractor.extract(from: "invoice INV-2026 and RE-1234").of(.reference).map(\.text) == [
                "INV-2026", "RE-1234",
            ])
    }

    @Test func invalidReferencePatternIsRefusedWithItsName() {
        #expect(throws: ReferencePatterns.InvalidPattern.self) { try ReferencePatterns(["broken": "ORD-(\\d"]) }
    }

    @Test func literalPrefixStopsBeforeMetacharacters() {
        #expect(ReferencePatterns.literalPrefix(of: #"ORD-\d{6}"#) == Array("ORD-".utf8))
        #expect(ReferencePatterns.literalPrefix(of: "ABC?D") == Array("AB".utf8))
        #expect(ReferencePatterns.literalPrefix(of: "A|B").isEmpty)
    }
}
