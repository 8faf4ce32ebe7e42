import Foundation
import Testing

@testable import SwitchyardMIME

@Suite("Machine-mail signals")
struct MachineSignalsTests {
    @Test func autoSubmittedAndBulk() {
        let message = Message(
            parsing: """
                From: news@shop.example
                Auto-Submitted: auto-generated
                Precedence: bulk
                List-Id: Shop News <news.shop.example>
                Subject: Weekly deals

                Deals!
                """)
        #expect(message.machine.autoSubmitted == "auto-generated")
        #expect(message.machine.precedence == "bulk")
        #expect(message.machine.listID == "news.shop.example")
        #expect(message.machine.isBulk)
        #expect(message.machine.isAutomated)
    }

    @Test func humanMailIsNotAutomated() {
        let message = Message(parsing: "From: a@b.example\nAuto-Submitted: no\nSubject: Hi\n\nHello")
        #expect(message.machine.autoSubmitted == nil)
        #expect(!message.machine.isAutomated)
    }

    @Test func deliveryStatusNotification() {
        let message = Message(
            parsing: """
                From: Mail Delivery System <MAILER-DAEMON@mx.example>
                Subject: Undelivered Mail Returned to Sender
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example
                Final-Recipient: rfc822; nobody@example.org
                Action: failed
                Status: 5.1.1
                --r--
                """)
        #expect(message.machine.isDeliveryReport)
        #expect(message.bodyText.hasPrefix("I'm sorry"))
    }

    @Test(arguments: [
        ("Out of Office: Re: invoice", "I will be back on Monday."),
        ("Abwesenheitsnotiz: Ihre Anfrage", "Vielen Dank für Ihre Nachricht."),
        ("Automatische Antwort: Rechnung", "Danke."),
        ("Re: invoice", "Ich bin bis 12.05. nicht im Büro und habe keinen Zugriff auf E-Mails."),
        ("Your request", "I am out of the office until April 3 with limited access to email."),
    ])
    func outOfOffice(subject: String, body: String) {
        let message = Message(
            parsing: "From: x@y.example\nSubject: \(subject)\nContent-Type: text/plain; charset=utf-8\n\n\(body)")
        #expect(message.machine.isOutOfOffice)
    }

    @Test func ordinaryMailMentioningOfficeIsNotOutOfOffice() {
        let message = Message(
            parsing: "From: x@y.example\nSubject: New office chairs\n\nPlease order 4 chairs for the office.")
        #expect(!message.machine.isOutOfOffice)
    }
}
