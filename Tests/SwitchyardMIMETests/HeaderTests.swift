import Testing

@testable import SwitchyardMIME

@Suite("Headers: encoded words, addresses, parameters, dates")
struct HeaderTests {
    @Test func encodedWordsJoinAdjacentAndSplitMultibyte() {
        #expect(EncodedWords.decode("=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=") == "ab")
        // "ü" (C3 BC) split across two words must still decode.
        #expect(EncodedWords.decode("=?utf-8?Q?gr=C3?= =?utf-8?Q?=BC=C3=9Fe?=") == "grüße")
        #expect(EncodedWords.decode("=?utf-8?B?w6TDtsO8?=") == "äöü")
        #expect(EncodedWords.decode("Re: =?windows-1252?Q?Caf=E9?= ok") == "Re: Café ok")
        #expect(EncodedWords.decode("=?utf-8? broken") == "=?utf-8? broken")
    }

    @Test func mislabeledEncodedWordCharsetFallsBack() {
        // Declared an unknown charset: bytes still decoded (UTF-8 valid here).
        #expect(EncodedWords.decode("=?x-unknown?Q?M=C3=BCller?=") == "Müller")
    }

    @Test func addressesWithGroupsAndDisplayNames() {
        let list = AddressParser.parse("\"Doe, John\" <john@example.com>, jane@example.org (Jane), Team: a@b.c, d@e.f;")
        #expect(list.mailboxes.map(\.address) == ["john@example.com", "jane@example.org", "a@b.c", "d@e.f"])
        #expect(list.mailboxes.first?.name == "Doe, John")
        #expect(list.mailboxes[1].name == "Jane")
        guard case .group(let name, let members) = list.entries[2] else {
            Issue.record("expected a group")
            return
        }
        #expect(name == "Team")
        #expect(members.count == 2)
    }

    @Test func encodedDisplayName() {
        let list = AddressParser.parse("=?utf-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.de>")
        #expect(list.mailboxes.first?.name == "Jürgen Müller")
        #expect(list.mailboxes.first?.domain == "example.de")
    }

    @Test func contentTypeWithRFC2231Continuations() {
        let type = ContentType.parse(
            "application/pdf; name*0*=utf-8''R%C3%A9sum; name*1*=%C3%A9.pdf; x=\"quoted; semi\"")
        #expect(type.mimeType == "application/pdf")
        #expect(type[parameter: "name"] == "Résumé.pdf")
        #expect(type[parameter: "x"] == "quoted; semi")
    }

    @Test func datesIncludingBrokenForms() throws {
        let date = try #require(DateParser.parse("Tue, 1 Jul 2003 10:52:37 +0200"))
        #expect(date.iso8601 == "2003-07-01T10:52:37+02:00")
        #expect(date.date.timeIntervalSince1970 == 1_057_049_557)
        #expect(DateParser.parse("Thu Nov 21 09:55:06 1997")?.year == 1997)  // asctime
        #expect(DateParser.parse("21 Nov 97 09:55 EST")?.offsetMinutes == -300)  // obsolete
        #expect(DateParser.parse("Tue, 7 Bog 2026 19:14:51 +0000") == nil)
    }

    @Test func subjectPrefixes() {
        let subject = SubjectLine("AW: WG: Re[2]: [support] Rechnung 4711")
        #expect(subject.base == "Rechnung 4711")
        #expect(subject.prefixes == ["aw", "wg", "re"])
        #expect(subject.isReply)
        #expect(SubjectLine("Fwd: hello").isForward)
        #expect(!SubjectLine("Reminder: meeting").isReply)
    }

    @Test func messageIDs() {
        #expect(MessageIDs.parse("<a@b> <c@d>") == ["a@b", "c@d"])
        #expect(MessageIDs.parse("bare@id") == ["bare@id"])
    }
}
