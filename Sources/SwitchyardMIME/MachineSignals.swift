/// Signs that a machine, not a person, sent the message: needed to avoid auto-reply loops and
/// to keep bounces and bulk mail out of team queues.
public struct MachineSignals: Sendable, Hashable, Codable {
    /// RFC 3834 Auto-Submitted value ("auto-replied", "auto-generated"), nil when absent or "no".
    public var autoSubmitted: String?
    /// Precedence: bulk, list or junk.
    public var precedence: String?
    public var listID: String?
    /// A delivery status notification (multipart/report; report-type=delivery-status) or a
    /// bounce by its usual sender and subject.
    public var isDeliveryReport: Bool
    /// Out-of-office / vacation reply by header or subject/body pattern (English, German).
    public var isOutOfOffice: Bool
    /// Mailing list or bulk sender (List-Id, List-Unsubscribe, Precedence).
    public var isBulk: Bool

    /// Whether replying automatically to this message risks a loop (RFC 3834 §2).
    public var isAutomated: Bool { autoSubmitted != nil || isDeliveryReport || isOutOfOffice || isBulk }

    init(headers: HeaderFields, root: MIMEPart, subject: String, body: String) {
        let auto = headers["Auto-Submitted"]?.trimmingBlanks().lowercased()
        let autoValue = auto.map { String($0.prefix { $0 != ";" && $0 != " " }) }
        autoSubmitted = autoValue == nil || autoValue == "no" || autoValue == "" ? nil : autoValue
        let precedenceValue = headers["Precedence"]?.trimmingBlanks().lowercased()
        precedence = ["bulk", "list", "junk"].contains(precedenceValue ?? "") ? precedenceValue : nil
        listID = headers["List-Id"].map { MessageIDs.parse($0).first ?? $0.trimmingBlanks() }
        isBulk =
            precedence != nil || listID != nil || headers.first("List-Unsubscribe") != nil
            || headers.first("X-Mailing-List") != nil

        let reportType = root.contentType[parameter: "report-type"]?.lowercased()
        let hasStatusPart = Self.containsStatusPart(root)
        let fromValue = ByteSearch.asciiLowercased((headers["From"] ?? "").utf8)
        let lowerSubject = Array(subject.lowercased().utf8)
        let bounceSender =
            ByteSearch.contains(fromValue, Self.mailerDaemon) || ByteSearch.contains(fromValue, Self.postmaster)
        let bounceSubject = Self.bounceSubjects.contains { ByteSearch.contains(lowerSubject, $0) }
        isDeliveryReport =
            (root.contentType.is("multipart", "report") && reportType == "delivery-status")
            || hasStatusPart || (bounceSender && bounceSubject)

        let headerSignal = headers.first("X-Autoreply") != nil || headers.first("X-Autorespond") != nil
        let subjectSignal = Self.outOfOfficeSubjects.contains { ByteSearch.contains(lowerSubject, $0) }
        // A body pattern alone counts only in a short message: long mail may quote an auto-reply.
        // The body is searched only when its answer can still matter.
        isOutOfOffice = headerSignal || subjectSignal || (body.utf8.count < 2_000 && Self.readsAsAbsence(body))
    }

    private static func readsAsAbsence(_ body: String) -> Bool {
        var bodyText = body
        let lowerStart = bodyText.withUTF8 { ByteSearch.asciiLowercased($0.prefix(1_200)) }
        // The short absence words rule most messages out before the longer phrases are searched.
        return absenceWords.contains { ByteSearch.contains(lowerStart, $0) }
            && outOfOfficeBodies.contains { ByteSearch.contains(lowerStart, $0) }
    }

    private static func containsStatusPart(_ root: MIMEPart) -> Bool {
        var stack = [root]
        while let part = stack.popLast() {
            if part.contentType.is("message", "delivery-status") { return true }
            stack.append(contentsOf: part.children)
        }
        return false
    }

    private static let mailerDaemon = Array("mailer-daemon".utf8)
    private static let postmaster = Array("postmaster@".utf8)
    private static let bounceSubjects = [
        "undeliverable", "delivery status notification", "mail delivery failed", "returned mail", "unzustellbar",
        "nicht zustellbar", "delivery failure", "undelivered mail",
    ].map { Array($0.utf8) }
    private static let outOfOfficeSubjects = [
        "out of office", "out of the office", "automatic reply", "auto-reply", "autoreply", "abwesenheitsnotiz",
        "abwesenheit", "automatische antwort", "außer haus", "ausser haus", "nicht im büro", "vacation reply",
        "on vacation", "im urlaub",
    ].map { Array($0.utf8) }
    private static let outOfOfficeBodies = [
        "i am out of the office", "i'm out of the office", "i am currently out of", "i will be out of the office",
        "ich bin bis", "ich bin vom", "ich befinde mich", "bin ich nicht im büro", "außer haus und",
        "in dringenden fällen", "with limited access to email", "i am on vacation", "eingeschränktem zugriff",
    ].map { Array($0.utf8) }
    private static let absenceWords = ["office", "büro", "urlaub", "vacation", "abwesend", "zurück", "return"]
        .map { Array($0.utf8) }
}
