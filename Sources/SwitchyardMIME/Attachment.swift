/// A file carried by the message: name, type, decoded size and SHA-256 of the decoded bytes.
public struct Attachment: Sendable, Hashable, Codable {
    public var filename: String?
    public var contentType: String
    public var size: Int
    public var sha256: String
    /// "attachment" or "inline" (as declared; "attachment" when undeclared).
    public var disposition: String
    public var path: String
    public var contentID: String?

    public init(_ part: MIMEPart) {
        filename = part.filename
        contentType = part.contentType.mimeType
        size = part.body.count
        sha256 = Fingerprint.sha256Hex(part.body)
        disposition = part.disposition?.type == "inline" ? "inline" : "attachment"
        path = part.path
        contentID = part.contentID
    }
}

/// A message/rfc822 part: mail the sender forwarded (or a bounce carried back), parsed.
public struct ForwardedMessage: Sendable {
    public var path: String
    public var from: [MailAddress]
    public var subject: String?
    public var date: MailDate?
    public var text: String

    init(part: MIMEPart, root: MIMEPart, limits: ParserLimits) {
        // The embedded tree was built within the same depth bound, so this is bounded too.
        let inner = Message(root: root, defects: [], limits: limits)
        path = part.path
        from = inner.from
        subject = inner.subject?.full
        date = inner.date
        text = inner.bodyText
    }
}
