internal import Yams

/// Typed reads of YAML nodes that fail with the file and line of the offending node, so every
/// configuration error points at the place to fix.
struct YAMLFields {
    let file: String

    func error(_ node: Node?, _ reason: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node?.mark?.line ?? 0, reason: reason)
    }

    /// The entries of a mapping keyed by name, refusing keys not in `allowed` (typos must not be
    /// silently ignored: a misspelt limit would otherwise run with its default).
    func mapping(_ node: Node, at path: String, allowed: [String]) throws(ConfigurationError) -> [String: Node] {
        if Self.isNull(node) { return [:] }
        guard let mapping = node.mapping else { throw error(node, "\(path): expected a mapping of keys") }
        var out: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error(key, "\(path): keys must be plain names") }
            let full = path.isEmpty ? name : "\(path).\(name)"
            guard allowed.contains(name) else {
                throw error(key, "unknown key '\(full)' (expected one of: \(allowed.joined(separator: ", ")))")
            }
            guard out[name] == nil else { throw error(key, "duplicate key '\(full)'") }
            out[name] = value
        }
        return out
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func string(_ node: Node, at path: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar, !Self.isNull(node) else { throw error(node, "\(path): expected a string") }
        return scalar.string
    }

    func strings(_ node: Node, at path: String) throws(ConfigurationError) -> [String] {
        if Self.isNull(node) { return [] }
        guard let sequence = node.sequence else { throw error(node, "\(path): expected a list") }
        var out: [String] = []
        for item in sequence { out.append(try string(item, at: "\(path)[]")) }
        return out
    }

    func boolean(_ node: Node, at path: String) throws(ConfigurationError) -> Bool {
        let text = try string(node, at: path)
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, "\(path): expected true or false, got '\(text)'")
        }
    }

    func integer(_ node: Node, at path: String, minimum: Int) throws(ConfigurationError) -> Int {
        let text = try string(node, at: path)
        guard let value = Int(String(text.filter { $0 != "_" })) else {
            throw error(node, "\(path): expected an integer, got '\(text)'")
        }
        guard value >= minimum else { throw error(node, "\(path): must be at least \(minimum), got \(value)") }
        return value
    }

    func number(_ node: Node, at path: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        let text = try string(node, at: path)
        guard let value = Double(text), value.isFinite else {
            throw error(node, "\(path): expected a number, got '\(text)'")
        }
        guard range.contains(value) else {
            throw error(node, "\(path): must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    /// A byte count: an integer, optionally with a K, M or G suffix (powers of 1024).
    func byteSize(_ node: Node, at path: String, minimum: Int) throws(ConfigurationError) -> Int {
        let text = try string(node, at: path)
        guard let value = Self.parseByteSize(text) else {
            throw error(node, "\(path): expected a size such as 10485760, 512K or 50M, got '\(text)'")
        }
        guard value >= minimum else { throw error(node, "\(path): must be at least \(minimum) bytes, got \(value)") }
        return value
    }

    static func parseByteSize(_ text: String) -> Int? {
        var digits = String(text.filter { $0 != "_" }).uppercased()
        if digits.hasSuffix("B"), digits.count > 1, !digits.dropLast().allSatisfy(\.isNumber) { digits.removeLast() }
        var factor = 1
        switch digits.last {
        case "K": factor = 1024
        case "M": factor = 1024 * 1024
        case "G": factor = 1024 * 1024 * 1024
        default: break
        }
        if factor > 1 { digits.removeLast() }
        guard let value = Int(digits), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }

    /// Seconds: a number, or a number with s, m, h or d ("30s", "5m", "24h").
    func duration(_ node: Node, at path: String, minimum: Double) throws(ConfigurationError) -> Double {
        let text = try string(node, at: path)
        guard let value = Self.parseDuration(text) else {
            throw error(node, "\(path): expected a duration such as 30, 30s, 5m, 24h or 7d, got '\(text)'")
        }
        guard value >= minimum else { throw error(node, "\(path): must be at least \(minimum) seconds, got '\(text)'") }
        return value
    }

    static func parseDuration(_ text: String) -> Double? {
        var number = String(text.filter { $0 != " " })
        var factor = 1.0
        switch number.last {
        case "s": factor = 1
        case "m": factor = 60
        case "h": factor = 3600
        case "d": factor = 86400
        default: break
        }
        if number.last?.isLetter == true { number.removeLast() }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        return value * factor
    }
}
