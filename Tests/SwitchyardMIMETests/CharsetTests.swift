import Testing

@testable import SwitchyardMIME

@Suite("Charsets through ICU")
struct CharsetTests {
    @Test func legacyCharsets() {
        #expect(Charset.decode([0xC1, 0xC2, 0xD7][...], label: "koi8-r").text == "абв")
        #expect(
            Charset.decode([0x1B, 0x24, 0x42, 0x30, 0x21, 0x1B, 0x28, 0x42][...], label: "iso-2022-jp").text == "亜")
        #expect(Charset.decode([0xA4, 0xA2][...], label: "euc-jp").text == "あ")
        #expect(Charset.decode([0x8E][...], label: "macintosh").text == "é")
    }

    @Test func mislabelsPreferTheSuperset() {
        // 0x80 is the euro sign in windows-1252 and a C1 control in ISO-8859-1.
        let euro = Charset.decode([0x80, 0x20, 0x35][...], label: "iso-8859-1")
        #expect(euro.text == "€ 5")
        #expect(Charset.decode([0x9A][...], label: "ISO_8859-2").text == "š")  // windows-1250
        #expect(Charset.decode([0xC3, 0xA4][...], label: "UTF8").text == "ä")
        #expect(Charset.decode([0xE4][...], label: "\"utf-8\"").text == "ä")  // not UTF-8 at all
        #expect(Charset.decode([0xC3, 0xA4][...], label: "unknown-8bit").text == "ä")
    }

    @Test func unknownLabelIsReported() {
        let decoded = Charset.decode([0xE4, 0x6E, 0x64][...], label: "no-such-charset")
        #expect(decoded.problem == .unknownCharset)
        #expect(decoded.text.hasPrefix("ä"))
    }

    @Test func detectorOnUnlabeledText() {
        let german = Array("Sehr geehrte Damen und Herren, für die Rückgabe benötige ich Hilfe. Grüße".utf8)
        #expect(Charset.detect(german[...]).text.contains("Rückgabe"))
        let latin = Charset.decode(
            "Grüße aus Köln, schöne Straße".unicodeScalars.map { UInt8($0.value) }[...], label: nil)
        #expect(latin.text == "Grüße aus Köln, schöne Straße")
    }

    @Test func detectorReadsOnlyTheTellingLines() {
        let latin1: [UInt8] = [0x47, 0x72, 0xFC, 0xDF, 0x65, 0x0A]  // "Grüße" in ISO-8859-1
        let escape: [UInt8] = [0x1B, 0x24, 0x42, 0x0A]  // ISO-2022-JP shift
        let last = Array("tail".utf8) + [0xE4]
        let body = Array("plain ascii line\n".utf8) + latin1 + Array("more ascii\n".utf8) + escape + last
        let telling = latin1 + escape + last
        #expect(Charset.detectionSample(body[...], limit: 4_096) == telling)
        // Whole lines only, except a first line longer than the limit, which is cut.
        #expect(Charset.detectionSample(body[...], limit: 8) == latin1)
        #expect(Charset.detectionSample(body[...], limit: 3) == [0x47, 0x72, 0xFC])
        #expect(Charset.detectionSample(Array("ascii only\n".utf8)[...], limit: 4_096).isEmpty)
    }

    @Test func detectorFindsTheCharsetInALongMostlyASCIIBody() {
        // Shift_JIS lines below a long ASCII quote: the sample holds the Japanese, so the guess
        // is the one those lines give, and the whole body is decoded with it.
        let japanese = "お世話になっております。来週の会議の件でご連絡いたします。" + "よろしくお願いいたします。\n"
        let shiftJIS: [UInt8] = [
            0x82, 0xA8, 0x90, 0xA2, 0x98, 0x62, 0x82, 0xC9, 0x82, 0xC8, 0x82, 0xC1, 0x82, 0xC4, 0x82, 0xA8, 0x82,
            0xE8, 0x82, 0xDC, 0x82, 0xB7, 0x81, 0x42, 0x97, 0x88, 0x8F, 0x54, 0x82, 0xCC, 0x89, 0xEF, 0x8B, 0x63,
            0x82, 0xCC, 0x8C, 0x8F, 0x82, 0xC5, 0x82, 0xB2, 0x98, 0x41, 0x97, 0x8D, 0x82, 0xA2, 0x82, 0xBD, 0x82,
            0xB5, 0x82, 0xDC, 0x82, 0xB7, 0x81, 0x42, 0x82, 0xE6, 0x82, 0xEB, 0x82, 0xB5, 0x82, 0xAD, 0x82, 0xA8,
            0x8A, 0xE8, 0x82, 0xA2, 0x82, 0xA2, 0x82, 0xBD, 0x82, 0xB5, 0x82, 0xDC, 0x82, 0xB7, 0x81, 0x42, 0x0A,
        ]
        let ascii = Array(String(repeating: "> quoted ascii text from an earlier message\n", count: 400).utf8)
        let body = ascii + shiftJIS + shiftJIS
        #expect(body.count > 16_000)
        let decoded = Charset.detect(body[...], sampleBytes: 4_096)
        #expect(decoded.charset == "windows-31j")
        #expect(decoded.text.hasSuffix(japanese + japanese))
        #expect(decoded.text.hasPrefix("> quoted ascii"))
        // Too small a sample to go on: the last resort, still over the whole body.
        let tiny = Charset.detect(body[...], sampleBytes: 2)
        #expect(tiny.charset == "windows-1252")
        #expect(tiny.text.utf8.count > body.count)
    }
}
