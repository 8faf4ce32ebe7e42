/// The stable JSON shape of a parsed message (`switchyard parse --json`). Keys are snake_case
/// and only ever added, never renamed, so scripts and the audit log can rely on them.
public struct MessageDocument: Codable, Sendable, Hashable {
    /// A decoded header field.
    public struct Header: Codable, Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// A mailbox: display name and address.
    public struct Mailbox: Codable, Sendable, Hashable {
        public var name: String?
        public var address: String?
    }

    /// An attached file.
    public struct File: Codable, Sendable, Hashable {
        public var filename: String?
        public var contentType: String
        public var size: Int
        public var sha256: String
        public var disposition: String

        enum CodingKeys: String, CodingKey {
            case filename, size, sha256, disposition
            case contentType = "content_type"
        }
    }

    /// A parse problem.
    public struct Defect: Codable, Sendable, Hashable {
        public var kind: String
        public var part: String
        public var detail: String
    }

    public var headers: [Header]
    public var from: [Mailbox]
    public var to: [Mailbox]
    public var cc: [Mailbox]
    public var replyTo: [Mailbox]
    public var subject: String?
    public var subjectBase: String?
    public var isReply: Bool
    public var isForward: Bool
    /// ISO 8601 with the sender's offset.
    public var date: String?
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]
    public var text: String
    public var quoted: String
    public var signature: String
    public var htmlText: String?
    public var attachments: [File]
    public var forwardedSubjects: [String]
    public var autoSubmitted: String?
    public var bulk: Bool
    public var listID: String?
    public var deliveryReport: Bool
    public var outOfOffice: Bool
    public var defects: [Defect]

    enum CodingKeys: String, CodingKey {
        case headers, from, to, cc, subject, date, references, text, quoted, signature, attachments, bulk, defects
        case replyTo = "reply_to"
        case subjectBase = "subject_base"
        case isReply = "is_reply"
        case isForward = "is_forward"
        case messageID = "message_id"
        case inReplyTo = "in_reply_to"
        case htmlText = "html_text"
        case forwardedSubjects = "forwarded_subjects"
        case autoSubmitted = "auto_submitted"
        case listID = "list_id"
        case deliveryReport = "delivery_report"
        case outOfOffice = "out_of_office"
    }

    public init(_ message: Message) {
        func boxes(_ list: [MailAddress]) -> [Mailbox] { list.map { Mailbox(name: $0.name, address: $0.address) } }
        headers = message.headers.map { Header(name: $0.name, value: $0.value) }
        from = boxes(message.from)
        to = boxes(message.to.mailboxes)
        cc = boxes(message.cc.mailboxes)
        replyTo = boxes(message.replyTo)
        subject = message.subject?.full
        subjectBase = message.subject?.base
        isReply = message.subject?.isReply ?? false
        isForward = (message.subject?.isForward ?? false) || !message.forwarded.isEmpty
        date = message.date?.iso8601
        messageID = message.messageID
        inReplyTo = message.inReplyTo
        references = message.references
        text = message.newText
        quoted = message.quotedText
        signature = message.signature
        htmlText = message.htmlText
        attachments = message.attachments.map {
            File(
                filename: $0.filename, contentType: $0.contentType, size: $0.size, sha256: $0.sha256,
                disposition: $0.disposition)
        }
        forwardedSubjects = message.forwarded.map { $0.subject ?? "" }
        autoSubmitted = message.machine.autoSubmitted
        bulk = message.machine.isBulk
        listID = message.machine.listID
        deliveryReport = message.machine.isDeliveryReport
        outOfOffice = message.machine.isOutOfOffice
        defects = message.defects.map { Defect(kind: $0.kind.rawValue, part: $0.part, detail: $0.detail) }
    }
}
