/// Turns the agent's `DeliveryOutcome`s into replies: one per recipient for LMTP, one summary for SMTP.
enum DeliveryReplies {
    static func reply(for outcome: DeliveryOutcome?, recipient: String) -> SMTPReply {
        switch outcome {
        case .delivered(let detail)?:
            return SMTPReply(250, "2.0.0", "<\(recipient)> \(detail)")
        case .temporaryFailure(let code, let enhanced, let text)?:
            return SMTPReply(
                (400..<500).contains(code) ? code : 451, enhancedCode(enhanced, classDigit: "4"),
                "<\(recipient)> \(text)")
        case .permanentFailure(let code, let enhanced, let text)?:
            return SMTPReply(
                (500..<600).contains(code) ? code : 554, enhancedCode(enhanced, classDigit: "5"),
                "<\(recipient)> \(text)")
        case nil:
            return SMTPReply(451, "4.3.0", "<\(recipient)> Error: no delivery result; try again later")
        }
    }

    /// SMTP has one reply for all recipients, so a partial failure must fail the whole message
    /// temporarily (the MTA retries; delivery deduplicates the copies that did succeed). Only when
    /// every recipient failed permanently is the answer permanent.
    static func summary(_ outcomes: [DeliveryOutcome], recipientCount: Int, queueID: String) -> SMTPReply {
        let padded = (0..<recipientCount).map { $0 < outcomes.count ? outcomes[$0] : nil }
        let failures = padded.filter { if case .delivered? = $0 { return false } else { return true } }
        if failures.isEmpty { return SMTPReply(250, "2.0.0", "Ok: queued as \(queueID)") }
        let permanent = failures.compactMap { outcome -> DeliveryOutcome? in
            if case .permanentFailure? = outcome { return outcome } else { return nil }
        }
        if permanent.count == recipientCount,
            case .permanentFailure(let code, let enhanced, let text)? = permanent.first
        {
            return SMTPReply((500..<600).contains(code) ? code : 554, enhancedCode(enhanced, classDigit: "5"), text)
        }
        if recipientCount == 1, case .temporaryFailure(let code, let enhanced, let text)? = failures.first {
            return SMTPReply((400..<500).contains(code) ? code : 451, enhancedCode(enhanced, classDigit: "4"), text)
        }
        return SMTPReply(
            451, "4.3.0",
            "Error: delivery failed for \(failures.count) of \(recipientCount) recipients; try again later")
    }

    /// Keeps the agent's enhanced code when it is well-formed and of the reply's class.
    static func enhancedCode(_ code: String, classDigit: Character) -> String {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed =
            parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
        guard wellFormed, code.first == classDigit else { return "\(classDigit).3.0" }
        return code
    }
}
