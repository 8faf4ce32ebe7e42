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
}
