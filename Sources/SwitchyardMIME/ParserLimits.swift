/// Caps that keep hostile or broken mail bounded. Past a cap the parser stops, records a
/// ``MessageDefect`` and returns what it has; it never throws.
public struct ParserLimits: Sendable, Hashable, Codable {
    /// Bytes of one header section (all fields of the message or of one part).
    public var maxHeaderBytes: Int
    /// Fields in one header section.
    public var maxHeaderCount: Int
    /// Nesting of multiparts and message/rfc822 parts.
    public var maxDepth: Int
    /// Parts in the whole message.
    public var maxParts: Int
    /// Decoded bytes kept for one part.
    public var maxPartBytes: Int
    /// Decoded bytes kept for the whole message.
    public var maxMessageBytes: Int
    /// HTML bytes fed to the HTML-to-text converter per part.
    public var maxHTMLBytes: Int

    public init(
        maxHeaderBytes: Int = 256 * 1024,
        maxHeaderCount: Int = 1_000,
        maxDepth: Int = 20,
        maxParts: Int = 500,
        maxPartBytes: Int = 32 * 1024 * 1024,
        maxMessageBytes: Int = 64 * 1024 * 1024,
        maxHTMLBytes: Int = 2 * 1024 * 1024
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxPartBytes = maxPartBytes
        self.maxMessageBytes = maxMessageBytes
        self.maxHTMLBytes = maxHTMLBytes
    }

    public static let `default` = ParserLimits()

    /// Configuration keys (snake_case); a missing key keeps its default.
    enum CodingKeys: String, CodingKey {
        case maxHeaderBytes = "max_header_bytes"
        case maxHeaderCount = "max_header_count"
        case maxDepth = "max_depth"
        case maxParts = "max_parts"
        case maxPartBytes = "max_part_bytes"
        case maxMessageBytes = "max_message_bytes"
        case maxHTMLBytes = "max_html_bytes"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ParserLimits()
        maxHeaderBytes = try container.decodeIfPresent(Int.self, forKey: .maxHeaderBytes) ?? defaults.maxHeaderBytes
        maxHeaderCount = try container.decodeIfPresent(Int.self, forKey: .maxHeaderCount) ?? defaults.maxHeaderCount
        maxDepth = try container.decodeIfPresent(Int.self, forKey: .maxDepth) ?? defaults.maxDepth
        maxParts = try container.decodeIfPresent(Int.self, forKey: .maxParts) ?? defaults.maxParts
        maxPartBytes = try container.decodeIfPresent(Int.self, forKey: .maxPartBytes) ?? defaults.maxPartBytes
        maxMessageBytes = try container.decodeIfPresent(Int.self, forKey: .maxMessageBytes) ?? defaults.maxMessageBytes
        maxHTMLBytes = try container.decodeIfPresent(Int.self, forKey: .maxHTMLBytes) ?? defaults.maxHTMLBytes
    }
}
