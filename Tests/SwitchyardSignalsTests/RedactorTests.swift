import Testing

@testable import SwitchyardSignals

@Suite struct RedactorTests {
    @Test func cardsKeepTheirLastFourDigits() {
        let out = Redactor().redact("Card 4111 1111 1111 1111 was charged.")
        #expect(out == "Card **** **** **** 1111 was charged.")
    }

    @Test func ibansKeepCountryAndLastFour() {
        let out = Redactor().redact("IBAN DE89 3704 0044 0532 0130 00 bitte")
        #expect(out == "IBAN DE** **** **** **** **30 00 bitte")
        // An IBAN with a typo is still someone's account number.
        #expect(Redactor().redact("DE89370400440532013001") == "DE****************3001")
    }

    @Test func emailsAndPhonesOnlyWhenConfigured() {
        let text = "Mail anna.berg@example.com or call +49 30 1234567."
        #expect(Redactor().redact(text) == text)
        let masked = Redactor(configuration: .init(maskEmails: true, maskPhones: true)).redact(text)
        #expect(masked == "Mail a***.****@example.com or call +** ** *****67.")
    }

    @Test func lookAlikeNumbersAreLeftAlone() {
        let text = "Order 1234 5678 9012 3452, invoice 4111111111111112 from 2026"
        #expect(Redactor().redact(text) == text)
    }

    @Test func aMistypedCardIsMaskedToo() {
        let text = "Order 1234 5678 9012 3452 and card 4111 1111 1111 1112"
        #expect(Redactor().redact(text) == "Order 1234 5678 9012 3452 and card **** **** **** 1112")
    }

    @Test func maskingKeepsOffsetsAndNonASCII() {
        let text = "Grüße, Karte 5555555555554444 – danke"
        let out = Redactor().redact(text)
        #expect(out.utf8.count == text.utf8.count)
        #expect(out == "Grüße, Karte ************4444 – danke")
    }

    @Test func keptDigitsAreConfigurable() {
        var configuration = Redactor.Configuration()
        configuration.cardDigitsKept = 0
        configuration.maskCharacter = "#"
        #expect(Redactor(configuration: configuration).redact("4111111111111111") == "################")
    }
}
