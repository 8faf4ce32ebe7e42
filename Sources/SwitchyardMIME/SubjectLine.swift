/// A Subject with its reply/forward prefixes recognised ("Re:", "AW:", "Fwd:", "WG:", "[list]").
public struct SubjectLine: Sendable, Hashable, Codable {
    /// The decoded subject as written.
    public var full: String
    /// The subject without leading reply/forward prefixes and list tags.
    public var base: String
    /// The prefixes removed, lower-cased, in order ("re", "aw", "fwd", ...).
    public var prefixes: [String]

    private static let replyPrefixes: Set<String> = [
        "re", "aw", "antw", "antwort", "sv", "r", "rif", "odp", "res", "ynt",
    ]
    private static let forwardPrefixes: Set<String> = ["fwd", "fw", "wg", "tr", "enc", "i", "doorst", "vs", "fs", "pd"]

    public init(_ subject: String) {
        full = subject
        var rest = Substring(subject.collapsingWhitespace())
        var found: [String] = []
        // Bounded: each round removes at least one character.
        while found.count < 32 {
            let trimmed = rest.drop { $0 == " " }
            if trimmed.first == "[", let close = trimmed.firstIndex(of: "]"),
                trimmed.distance(from: trimmed.startIndex, to: close) <= 40
            {
                rest = trimmed[trimmed.index(after: close)...]
                continue
            }
            guard let colon = trimmed.prefix(12).firstIndex(of: ":") else { break }
            var word = trimmed[..<colon].lowercased()
            // "Re[2]:", "Re(3):", "RE^2:" count as one prefix.
            if let mark = word.firstIndex(where: { $0 == "[" || $0 == "(" || $0 == "^" }) {
                let counter = word[mark...].dropFirst().filter { $0 != "]" && $0 != ")" }
                guard counter.allSatisfy(\.isNumber) else { break }
                word = String(word[..<mark])
            }
            word = word.trimmingBlanks()
            guard Self.replyPrefixes.contains(word) || Self.forwardPrefixes.contains(word) else { break }
            found.append(word)
            rest = trimmed[trimmed.index(after: colon)...]
        }
        prefixes = found
        base = String(rest).trimmingBlanks()
    }

    /// The first prefix marks a reply ("Re:", "AW:", "SV:" ...).
    public var isReply: Bool { prefixes.first.map(Self.replyPrefixes.contains) ?? false }
    /// The first prefix marks a forward ("Fwd:", "WG:", "TR:" ...).
    public var isForward: Bool { prefixes.first.map(Self.forwardPrefixes.contains) ?? false }
}
