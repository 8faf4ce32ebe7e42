/// Something wrong or capped in a message, recorded instead of failing (like Python's
/// `email` defects). `part` is the dotted part path ("1.2"), empty for the top level.
public struct MessageDefect: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The closed set of problems the parser reports.
    public enum Kind: String, Sendable, Hashable, Codable {
        case headerBytesExceeded = "header_bytes_exceeded"
        case headerCountExceeded = "header_count_exceeded"
        case depthExceeded = "depth_exceeded"
        case partCountExceeded = "part_count_exceeded"
        case partSizeExceeded = "part_size_exceeded"
        case messageSizeExceeded = "message_size_exceeded"
        case htmlSizeExceeded = "html_size_exceeded"
        case malformedHeaderLine = "malformed_header_line"
        case missingHeaderBodySeparator = "missing_header_body_separator"
        case missingBoundary = "missing_boundary"
        case boundaryNotFound = "boundary_not_found"
        case closeBoundaryMissing = "close_boundary_missing"
        case invalidBase64 = "invalid_base64"
        case invalidQuotedPrintable = "invalid_quoted_printable"
        case unknownTransferEncoding = "unknown_transfer_encoding"
        case unknownCharset = "unknown_charset"
        case invalidCharsetData = "invalid_charset_data"
        case charsetDetected = "charset_detected"
        case invalidEncodedWord = "invalid_encoded_word"
        case invalidDate = "invalid_date"
        case invalidAddress = "invalid_address"
    }

    public var kind: Kind
    public var part: String
    public var detail: String

    public init(_ kind: Kind, part: String = "", detail: String = "") {
        self.kind = kind
        self.part = part
        self.detail = detail
    }

    public var description: String {
        var text = kind.rawValue
        if !part.isEmpty { text += " (part \(part))" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
