internal import SwitchyardMIME
internal import SwitchyardSignals
internal import Yams

/// The `mime:` and `signals:` sections: the caps that bound what one hostile message can cost the
/// parser and the signal stage. Read with the same FILE:LINE errors as the rest of the file, so a
/// misspelt cap is refused instead of silently running on its default.
extension GatewayConfiguration {
    static func mimeLimits(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> ParserLimits {
        // Minimums keep ordinary mail parseable: one folded header line, one multipart level, one
        // part with its alternative. Sizes take K/M/G suffixes, counts are plain integers.
        let caps: [(key: String, field: WritableKeyPath<ParserLimits, Int>, minimum: Int, isSize: Bool)] = [
            ("max_header_bytes", \.maxHeaderBytes, 1024, true), ("max_header_count", \.maxHeaderCount, 16, false),
            ("max_depth", \.maxDepth, 1, false), ("max_parts", \.maxParts, 2, false),
            ("max_part_bytes", \.maxPartBytes, 1024, true), ("max_message_bytes", \.maxMessageBytes, 1024, true),
            ("max_html_bytes", \.maxHTMLBytes, 0, true),
        ]
        let entry = try fields.mapping(node, at: "mime", allowed: caps.map(\.key))
        var limits = ParserLimits()
        for cap in caps {
            guard let n = entry[cap.key] else { continue }
            let path = "mime.\(cap.key)"
            limits[keyPath: cap.field] =
                cap.isSize
                ? try fields.byteSize(n, at: path, minimum: cap.minimum)
                : try fields.integer(n, at: path, minimum: cap.minimum)
        }
        guard limits.maxPartBytes <= limits.maxMessageBytes else {
            throw fields.error(
                entry["max_part_bytes"] ?? node, "mime.max_part_bytes: must not exceed mime.max_message_bytes")
        }
        return limits
    }

    static func signals(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError)
        -> SignalConfiguration
    {
        let keys = [
            "language_minimum_letters", "language_maximum_characters", "language_minimum_confidence",
            "sentiment_maximum_evidence", "sentiment_neutral_threshold", "anger_threshold", "sentiment_maximum_bytes",
            "entity_maximum_bytes", "tracking_context_window", "card_context_window", "references", "tagger",
            "tagger_languages", "tagger_maximum_tokens",
        ]
        let entry = try fields.mapping(node, at: "signals", allowed: keys)
        var config = SignalConfiguration()
        func integer(_ key: String, minimum: Int) throws(ConfigurationError) -> Int? {
            guard let n = entry[key] else { return nil }
            return try fields.integer(n, at: "signals.\(key)", minimum: minimum)
        }
        func number(_ key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
            guard let n = entry[key] else { return nil }
            return try fields.number(n, at: "signals.\(key)", in: range)
        }
        if let v = try integer("language_minimum_letters", minimum: 1) {
            config.languageMinimumLetters = v
        }
        if let v = try integer("language_maximum_characters", minimum: 16) {
            config.languageMaximumCharacters = v
        }
        if let v = try number("language_minimum_confidence", in: 0...1) {
            config.languageMinimumConfidence = v
        }
        if let v = try integer("sentiment_maximum_evidence", minimum: 0) {
            config.sentimentMaximumEvidence = v
        }
        if let v = try number("sentiment_neutral_threshold", in: 0...1) {
            config.sentimentNeutralThreshold = v
        }
        if let v = try number("anger_threshold", in: -1...0) { config.angerThreshold = v }
        if let n = entry["sentiment_maximum_bytes"] {
            config.sentimentMaximumBytes = try fields.byteSize(
                n, at: "signals.sentiment_maximum_bytes", minimum: 256)
        }
        if let n = entry["entity_maximum_bytes"] {
            config.entityMaximumBytes = try fields.byteSize(
                n, at: "signals.entity_maximum_bytes", minimum: 256)
        }
        if let v = try integer("tracking_context_window", minimum: 0) {
            config.trackingContextWindow = v
        }
        if let v = try integer("card_context_window", minimum: 0) {
            config.cardContextWindow = v
        }
        if let n = entry["tagger"] {
            config.taggerEnabled = try fields.boolean(n, at: "signals.tagger")
        }
        if let n = entry["tagger_languages"] {
            config.taggerLanguages = try fields.strings(n, at: "signals.tagger_languages")
        }
        if let v = try integer("tagger_maximum_tokens", minimum: 1) { config.taggerMaximumTokens = v }
        if let n = entry["references"] { config.references = try references(n, fields) }
        return config
    }

    /// `name: pattern` pairs; each pattern must compile, or the file is refused at that line.
    static func references(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> [String:
        String]
    {
        if YAMLFields.isNull(node) { return [:] }
        guard let mapping = node.mapping else {
            throw fields.error(
                node, "signals.references: expected a mapping of name: pattern (e.g. order: 'ORD-\\d{6}')")
        }
        var out: [String: String] = [:]
        for (key, value) in mapping {
            let name = try fields.string(key, at: "signals.references")
            guard !name.isEmpty, out[name] == nil else {
                throw fields.error(key, "signals.references: '\(name)' is empty or given twice")
            }
            let pattern = try fields.string(value, at: "signals.references.\(name)")
            do {
                _ = try ReferencePatterns([name: pattern])
            } catch {
                throw fields.error(
                    value, "signals.references.\(name): '\(pattern)' is not a valid pattern: \(error)")
            }
            out[name] = pattern
        }
        return out
    }
}
