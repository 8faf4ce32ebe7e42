/// Order, invoice, ticket and customer references configured in rules/ as `name: pattern`
/// (e.g. `order: ORD-\d{6}`). Patterns are Swift Regex syntax; a match must stand alone as a word.
public struct ReferencePatterns: Sendable {
    /// A configured pattern that does not compile.
    public struct InvalidPattern: Error, CustomStringConvertible, Sendable {
        public var name: String
        public var pattern: String
        public var reason: String
        public var description: String { "reference pattern '\(name)' (\(pattern)): \(reason)" }
    }

    struct Compiled: @unchecked Sendable {
        // Regex lacks a Sendable conformance on this toolchain; it is not mutated after init, and
        // its lazily lowered program is built in init (see below).
        var name: String
        var regex: Regex<AnyRegexOutput>
        /// Literal text every match starts with: the scan looks for it first, so the regex runs only
        /// where a match can begin (a whole-text Regex pass costs more than all other signals).
        var literalPrefix: [UInt8]
    }

    let patterns: [Compiled]

    public static let none = ReferencePatterns(compiled: [])

    private init(compiled: [Compiled]) { patterns = compiled }

    /// Compiles `name: pattern` pairs; order of evaluation is by name so results are deterministic.
    /// - throws: `InvalidPattern` naming the first pattern that fails to compile.
    public init(_ definitions: [String: String]) throws {
        var compiled: [Compiled] = []
        for (name, pattern) in definitions.sorted(by: { $0.key < $1.key }) {
            do {
                let regex = try Regex(pattern)
                // Matching once lowers the pattern to its program now, before the value is shared
                // between tasks (the lowering is the only lazily built state inside a Regex).
                _ = try? regex.firstMatch(in: "")
                compiled.append(Compiled(name: name, regex: regex, literalPrefix: Self.literalPrefix(of: pattern)))
            } catch {
                throw InvalidPattern(name: name, pattern: pattern, reason: "\(error)")
            }
        }
        patterns = compiled
    }

    func scan(_ text: String, _ bytes: [UInt8], into found: inout [Entity]) {
        for pattern in patterns {
            if pattern.literalPrefix.isEmpty {
                for match in text.matches(of: pattern.regex) { add(match.range, pattern, text, bytes, &found) }
                continue
            }
            var index = 0
            let first = pattern.literalPrefix[0]
            let length = pattern.literalPrefix.count
            while index + length <= bytes.count {
                guard let hit = ByteText.firstIndex(of: first, in: bytes, from: index) else { break }
                index = hit + 1
                guard hit + length <= bytes.count, bytes[hit..<(hit + length)].elementsEqual(pattern.literalPrefix),
                    ByteText.boundaryBefore(bytes, hit)
                else { continue }
                let start = text.utf8.index(text.utf8.startIndex, offsetBy: hit)
                if let match = try? pattern.regex.prefixMatch(in: text[start...]) {
                    add(match.range, pattern, text, bytes, &found)
                    index = text.utf8.distance(from: text.utf8.startIndex, to: match.range.upperBound)
                }
            }
        }
    }

    private func add(
        _ range: Range<String.Index>, _ pattern: Compiled, _ text: String, _ bytes: [UInt8], _ found: inout [Entity]
    ) {
        let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
        let end = text.utf8.distance(from: text.utf8.startIndex, to: range.upperBound)
        guard end > start, ByteText.boundaryBefore(bytes, start), ByteText.boundaryAfter(bytes, end) else { return }
        let matched = ByteText.string(bytes, start, end)
        found.append(
            Entity(type: .reference, text: matched, start: start, end: end, value: matched, kind: pattern.name))
    }

    /// The plain characters a pattern starts with, stopping before any metacharacter; a character
    /// followed by a quantifier is dropped because it may be absent.
    static func literalPrefix(of pattern: String) -> [UInt8] {
        var prefix: [UInt8] = []
        let bytes = Array(pattern.utf8)
        for (index, b) in bytes.enumerated() {
            if ByteText.isAlnum(b) || b == 0x2D || b == 0x5F || b == 0x23 || b == 0x2F || b == 0x3A {
                prefix.append(b)
                continue
            }
            if b == 0x3F || b == 0x2A || b == 0x7B, !prefix.isEmpty { prefix.removeLast() }
            if b == 0x7C { return [] }  // alternation: no common prefix known
            _ = index
            break
        }
        if bytes.contains(0x7C) { return [] }
        return prefix
    }
}
