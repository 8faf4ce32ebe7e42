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

    @Test func luhnFailuresAreNotCards() {
        #expect(extractor.extract(from: "card 4111 1111 1111 1112").of(.paymentCard).isEmpty)
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
