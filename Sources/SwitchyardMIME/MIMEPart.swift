/// One node of the MIME tree: its headers, content type and disposition, and either decoded
/// bytes (a leaf), sub-parts (multipart/*) or one embedded message (message/rfc822).
public struct MIMEPart: Sendable, Hashable {
    /// What the node holds.
    public enum Kind: String, Sendable, Hashable, Codable {
        case leaf
        case multipart
        /// message/rfc822 or message/global: `children` holds the embedded message's root part.
        case message
    }

    /// Dotted position in the tree ("" for the root, "1", "1.2", ...).
    public var path: String
    public var headers: HeaderFields
    public var contentType: ContentType
    /// Content-Disposition: `type` is "inline"/"attachment", parameters hold the filename.
    public var disposition: ContentType?
    /// Lower-cased Content-Transfer-Encoding ("7bit" when absent).
    public var transferEncoding: String
    public var kind: Kind
    /// Decoded body of a leaf (possibly cut at ``ParserLimits/maxPartBytes``).
    public var body: [UInt8]
    public var children: [MIMEPart]
    /// Text before the first and after the last boundary of a multipart.
    public var preamble: [UInt8]
    public var epilogue: [UInt8]

    public init(path: String, headers: HeaderFields, contentType: ContentType) {
        self.path = path
        self.headers = headers
        self.contentType = contentType
        self.disposition = nil
        self.transferEncoding = "7bit"
        self.kind = .leaf
        self.body = []
        self.children = []
        self.preamble = []
        self.epilogue = []
    }

    /// The filename from Content-Disposition, else Content-Type's `name` (RFC 2231/2047 decoded).
    public var filename: String? {
        let name = disposition?[parameter: "filename"] ?? contentType[parameter: "name"]
        guard let name else { return nil }
        let trimmed = name.trimmingBlanks()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether a person would see this part as an attached file rather than the message text.
    public var isAttachment: Bool {
        guard kind == .leaf else { return false }
        if disposition?.type == "attachment" { return true }
        if contentType.type == "text" && (contentType.subtype == "plain" || contentType.subtype == "html") {
            return false
        }
        if contentType.type == "multipart" { return false }
        return disposition?.type != "inline" || filename != nil
    }

    /// The body decoded to text with the declared charset (ICU), format=flowed not undone.
    public var text: String {
        Charset.decode(body[...], label: contentType.charset).text
    }

    /// The Content-ID without angle brackets.
    public var contentID: String? {
        headers.first("Content-ID").flatMap { MessageIDs.parse($0.rawValue).first }
    }

    /// Every node below and including this one, depth first, without recursion.
    public var allParts: [MIMEPart] {
        var result: [MIMEPart] = []
        var stack: [MIMEPart] = [self]
        while let part = stack.popLast() {
            result.append(part)
            stack.append(contentsOf: part.children.reversed())
        }
        return result
    }
}
