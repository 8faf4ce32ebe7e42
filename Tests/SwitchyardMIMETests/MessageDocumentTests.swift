import Foundation
import SwitchyardMIME
import Testing

@Suite("parse --json document")
struct MessageDocumentTests {
    @Test func stableKeysAndValues() throws {
        let message = Message(
            parsing: """
                From: "Müller, Anna" <anna@example.de>
                To: Support <support@example.com>, ops@example.com
                Reply-To: anna.private@example.de
                Subject: AW: Rechnung 4711
                Date: Mon, 4 Mar 2024 09:15:00 +0100
                Message-ID: <abc@example.de>
                In-Reply-To: <prev@example.com>
                References: <first@example.com> <prev@example.com>
                Content-Type: multipart/mixed; boundary=x

                --x
                Content-Type: text/plain; charset=utf-8

                Bitte korrigieren.

                Viele Grüße
                Anna
                --x
                Content-Type: application/pdf; name=r.pdf
                Content-Transfer-Encoding: base64

                aGVsbG8=
                --x--
                """)
        let data = try JSONEncoder().encode(MessageDocument(message))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "headers", "from", "to", "cc", "reply_to", "subject", "date", "message_id", "in_reply_to",
            "references", "text", "quoted", "signature", "html_text", "attachments", "auto_submitted",
            "bulk", "defects",
        ] where key != "html_text" && key != "auto_submitted" {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["date"] as? String == "2024-03-04T09:15:00+01:00")
        #expect(object["text"] as? String == "Bitte korrigieren.")
        #expect(object["signature"] as? String == "Viele Grüße\nAnna")
        #expect(object["is_reply"] as? Bool == true)
        #expect(object["references"] as? [String] == ["first@example.com", "prev@example.com"])
        let from = try #require((object["from"] as? [[String: Any]])?.first)
        #expect(from["name"] as? String == "Müller, Anna")
        let attachment = try #require((object["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["filename"] as? String == "r.pdf")
        #expect(attachment["content_type"] as? String == "application/pdf")
        #expect(attachment["size"] as? Int == 5)
        #expect(attachment["disposition"] as? String == "attachment")
    }
}
