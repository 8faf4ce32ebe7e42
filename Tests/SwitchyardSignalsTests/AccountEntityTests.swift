import Testing

@testable import SwitchyardSignals

@Suite struct AccountEntityTests {
    let extractor = EntityExtractor()

    @Test func validIBANsAreFoundWithOrWithoutSpaces() {
        let text = "Bitte auf DE89 3704 0044 0532 0130 00 überweisen, alternativ GB82WEST12345698765432."
        let ibans = extractor.extract(from: text).of(.iban)
        #expect(ibans.map(\.value) == ["DE89370400440532013000", "GB82WEST12345698765432"])
        #expect(ibans.allSatisfy { $0.valid })
        #expect(ibans[0].text == "DE89 3704 0044 0532 0130 00")
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[ibans[0].start..<ibans[0].end], as: UTF8.self) == ibans[0].text)
    }

    @Test func ibanWithBadChecksumIsMarkedInvalid() {
        let ibans = extractor.extract(from: "IBAN: DE89370400440532013001").of(.iban)
        #expect(ibans.count == 1)
        #expect(ibans.first?.valid == false)
    }

    @Test func ibanShapedTextOfWrongLengthIsNotAnIBAN() {
        #expect(extractor.extract(from: "Code DE8937040044053201").of(.iban).isEmpty)
        #expect(extractor.extract(from: "Ticket XX89370400440532013000").of(.iban).isEmpty)
    }

    @Test func cardsPassingLuhnAndIssuerAreFound() {
        let text = "Visa 4111 1111 1111 1111, MC 5555-5555-5555-4444 and Amex 378282246310005."
        let cards = extractor.extract(from: text).of(.paymentCard)
        #expect(cards.map(\.kind) == ["visa", "mastercard", "amex"])
        #expect(cards.map(\.value) == ["4111111111111111", "5555555555554444", "378282246310005"])
    }

    @Test func luhnFailuresPrintedLikeCardsAreInvalidCards() {
        // Grouped 4-4-4-4 with an issuer prefix: a mistyped card, reported (and masked) as invalid.
        let grouped = extractor.extract(from: "card 4111 1111 1111 1112").of(.paymentCard)
        #expect(grouped.map(\.valid) == [false])
        #expect(grouped.first?.kind == "visa")
        #expect(extractor.extract(from: "Nummer 5555-5555-5555-4445").of(.paymentCard).map(\.valid) == [false])
        // One run of digits right after a card word.
        let afterWord = extractor.extract(from: "Meine Kreditkarte: 4111111111111112").of(.paymentCard)
        #expect(afterWord.map(\.valid) == [false])
        #expect(afterWord.first?.value == "4111111111111112")
    }

    @Test func luhnFailuresNotPrintedLikeCardsAreLeftAlone() {
        // No card word, or grouped otherwise, or no issuer prefix: not a card at all.
        #expect(extractor.extract(from: "Auftrag 4111111111111112").of(.paymentCard).isEmpty)
        #expect(extractor.extract(from: "Ref 41111 11111 111112").of(.paymentCard).isEmpty)
        #expect(extractor.extract(from: "card 1234 5678 9012 3456").of(.paymentCard).isEmpty)
        #expect(extractor.extract(from: "card 4111-1111 1111-1112").of(.paymentCard).isEmpty)
    }

    @Test func cardWordWindowIsAParameter() {
        let text = "card number, as written on the back: 4111111111111112"
        #expect(EntityExtractor(cardContextWindow: 8).extract(from: text).of(.paymentCard).isEmpty)
        #expect(EntityExtractor(cardContextWindow: 64).extract(from: text).of(.paymentCard).map(\.valid) == [false])
    }

    @Test func numbersThatMerelyLookLikeCardsAreNotCards() {
        // Luhn-valid but no issuer starts with 1; wrong length for Visa; part of a longer number.
        #expect(extractor.extract(from: "Auftrag 1234 5678 9012 3452").of(.paymentCard).isEmpty)
        #expect(extractor.extract(from: "Kunden-Nr. 41111111111111").of(.paymentCard).isEmpty)
        #expect(extractor.extract(from: "Beleg 41111111111111110000").of(.paymentCard).isEmpty)
        #expect(extractor.extract(from: "Version 4111.1111.1111.1111").of(.paymentCard).isEmpty)
    }

    @Test func checksumsAgreeWithKnownValues() {
        #expect(Checksums.ibanIsValid(Array("DE89370400440532013000".utf8)))
        #expect(!Checksums.ibanIsValid(Array("DE88370400440532013000".utf8)))
        #expect(Checksums.luhnIsValid([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]))
        #expect(!Checksums.luhnIsValid([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]))
    }
}
