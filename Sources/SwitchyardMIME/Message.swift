#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A parsed mail message as a person would read it: decoded headers and addresses, the MIME
/// tree, the text split into what the sender wrote, what they quoted and their signature,
/// attachments, machine-mail signals and every defect met on the way. Pure: bytes in, value out.
public struct Message: Sendable {
    public var root: MIMEPart
    public var defects: [MessageDefect]

    public var from: [MailAddress]
    public var sender: MailAddress?
    public var replyTo: [MailAddress]
    public var to: AddressList
    public var cc: AddressList
    public var bcc: AddressList
    public var subject: SubjectLine?
    public var date: MailDate?
    public var messageID: String?
    public var inReplyTo: [String]
    public var references: [String]

    /// The whole readable body: text/plain parts (flowed undone), else HTML converted.
    public var bodyText: String
    /// The HTML alternative converted to text, when the message has HTML.
    public var htmlText: String?
    /// `bodyText` split into new text, quoted earlier messages and signature.
    public var reply: ReplySplit
    public var attachments: [Attachment]
    /// Embedded message/rfc822 parts (forwarded mail), parsed.
    public var forwarded: [ForwardedMessage]
    public var machine: MachineSignals

    /// Parses raw RFC 5322 bytes (LF or CRLF). Never throws: problems become ``defects``.
    public init(parsing bytes: [UInt8], limits: ParserLimits = .default) {
        var parser = MIMEParser(limits: limits)
        let root = parser.parse(bytes)
        self.init(root: root, defects: parser.defects, limits: limits)
    }

    /// Convenience for tests and tools.
    public init(parsing text: String, limits: ParserLimits = .default) {
        self.init(parsing: Array(text.utf8), limits: limits)
    }

    init(root: MIMEPart, defects: [MessageDefect], limits: ParserLimits) {
        self.root = root
        var defects = defects
        let headers = root.headers
        func addresses(_ name: String) -> AddressList {
            headers.all(name).reduce(into: AddressList()) { list, field in
                list.entries += AddressParser.parse(field.rawValue).entries
            }
        }
        from = addresses("From").mailboxes
        sender = addresses("Sender").mailboxes.first
        replyTo = addresses("Reply-To").mailboxes
        to = addresses("To")
        cc = addresses("Cc")
        bcc = addresses("Bcc")
        subject = headers["Subject"].map(SubjectLine.init)
        if let field = headers.first("Date") {
            date = DateParser.parse(field.rawValue)
            if date == nil { defects.append(MessageDefect(.invalidDate, detail: field.rawValue)) }
        }
        messageID = headers.first("Message-ID").flatMap { MessageIDs.parse($0.rawValue).first }
        inReplyTo = headers.first("In-Reply-To").map { MessageIDs.parse($0.rawValue) } ?? []
        references = headers.all("References").flatMap { MessageIDs.parse($0.rawValue) }

        let selection = BodySelection(root: root)
        var htmlBytesLeft = limits.maxHTMLBytes
        func decoded(_ part: MIMEPart) -> String {
            let result = Charset.decode(part.body[...], label: part.contentType.charset)
            if let problem = result.problem, !defects.contains(where: { $0.part == part.path && $0.kind == problem }) {
                defects.append(MessageDefect(problem, part: part.path, detail: result.charset))
            }
            return result.text
        }
        var rendered: [String: String] = [:]  // by part path: an HTML-only body is text and HTML
        func render(_ part: MIMEPart) -> String {
            if let done = rendered[part.path] { return done }
            let text = convert(part)
            rendered[part.path] = text
            return text
        }
        func convert(_ part: MIMEPart) -> String {
            if part.contentType.subtype == "html" {
                var html = decoded(part)
                if html.utf8.count > htmlBytesLeft {
                    defects.append(
                        MessageDefect(.htmlSizeExceeded, part: part.path, detail: "\(html.utf8.count) bytes"))
                    html = String(decoding: html.utf8.prefix(max(0, htmlBytesLeft)), as: UTF8.self)
                }
                htmlBytesLeft -= html.utf8.count
                return HTMLText.convert(html)
            }
            let text = decoded(part)
            if part.contentType[parameter: "format"]?.lowercased() == "flowed" {
                let deleteSpace = part.contentType[parameter: "delsp"]?.lowercased() == "yes"
                return FlowedText.unflow(text, deleteSpace: deleteSpace)
            }
            return text
        }
        bodyText = Self.join(selection.textParts.map(render))
        htmlText = selection.htmlParts.isEmpty ? nil : Self.join(selection.htmlParts.map(render))
        reply = ReplySplit(bodyText)
        attachments = selection.attachments.map(Attachment.init)
        forwarded = selection.embedded.compactMap { part in
            part.children.first.map { ForwardedMessage(part: part, root: $0, limits: limits) }
        }
        machine = MachineSignals(headers: headers, root: root, subject: subject?.full ?? "", body: bodyText)
        self.defects = defects
    }

    /// The decoded header fields of the top level.
    public var headers: HeaderFields { root.headers }

    /// What the sender wrote in this message (no quotes, no signature): what classifiers read first.
    public var newText: String { reply.newText }
    /// The earlier messages quoted below or inline.
    public var quotedText: String { reply.quoted }
    /// The signature block, if one was recognised.
    public var signature: String { reply.signature }
    /// The Date header as an instant.
    public var sentAt: Date? { date?.date }
    /// The Received trace headers, newest first (as they appear).
    public var received: [ReceivedTrace] { headers.all("Received").map { ReceivedTrace.parse($0.rawValue) } }
    /// The decoded Subject, "" when missing.
    public var subjectText: String { subject?.full ?? "" }

    /// The part Python's `get_body(preferencelist)` would pick: first non-attachment text part
    /// of the wanted subtype, entering only the start part of multipart/related.
    public func bodyPart(preferring subtypes: [String] = ["plain"]) -> MIMEPart? {
        BodySelection.firstBody(root, subtypes: subtypes)
    }

    private static func join(_ texts: [String]) -> String {
        texts.map { text in
            let lines = text.replacingLineBreaks()
            return String(lines.droppingTrailing { $0 == "\n" || $0 == " " || $0 == "\t" })
        }.filter { !$0.trimmingBlanks().isEmpty }.joined(separator: "\n\n")
    }
}

extension String {
    /// Normalises CRLF and lone CR to LF.
    func replacingLineBreaks() -> String {
        // Bytes, not Unicode scalars: CR and LF are ASCII, so UTF-8 sequences pass through whole.
        var text = self
        let bytes: [UInt8]? = text.withUTF8 { buffer in
            guard let firstCR = ByteSearch.firstIndex(of: 0x0D, in: buffer, from: 0, to: buffer.count) else {
                return nil
            }
            var result: [UInt8] = []
            result.reserveCapacity(buffer.count)
            result.append(contentsOf: buffer[..<firstCR])
            var index = firstCR
            // Copy the runs between CRs whole; each CR (with the LF after it) becomes one LF.
            while index < buffer.count {
                result.append(0x0A)
                if index + 1 < buffer.count && buffer[index + 1] == 0x0A { index += 1 }
                index += 1
                let next = ByteSearch.firstIndex(of: 0x0D, in: buffer, from: index, to: buffer.count) ?? buffer.count
                result.append(contentsOf: buffer[index..<next])
                index = next
            }
            return result
        }
        guard let bytes else { return self }
        return String(decoding: bytes, as: UTF8.self)
    }
}
