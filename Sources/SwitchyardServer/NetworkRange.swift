/// An IPv4 or IPv6 CIDR block ("127.0.0.0/8", "::1/128") for the trusted-networks list.
public struct NetworkRange: Sendable, Equatable, CustomStringConvertible {
    /// Address bytes (4 or 16) with the host bits cleared.
    public let network: [UInt8]
    public let prefixLength: Int

    /// Parses "a.b.c.d/n", "x:y::z/n" or a bare address (a /32 or /128). Returns nil when the
    /// text is not a valid block, so the config loader can report where it came from.
    public init?(_ text: String) {
        let pieces = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = pieces.first, let bytes = NetworkRange.parseAddress(String(first)) else { return nil }
        let maxBits = bytes.count * 8
        var bits = maxBits
        if pieces.count == 2 {
            guard let n = Int(pieces[1]), (0...maxBits).contains(n) else { return nil }
            bits = n
        }
        self.prefixLength = bits
        self.network = NetworkRange.mask(bytes, bits: bits)
    }

    /// Whether an address in text form ("127.0.0.1", "::1", "::ffff:127.0.0.1") lies in the block.
    public func contains(_ address: String) -> Bool {
        guard var bytes = NetworkRange.parseAddress(address) else { return false }
        if bytes.count == 16, network.count == 4, bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] {
            bytes = Array(bytes.suffix(4))  // IPv4-mapped IPv6
        }
        guard bytes.count == network.count else { return false }
        return NetworkRange.mask(bytes, bits: prefixLength) == network
    }

    public var description: String {
        if network.count == 4 { return network.map(String.init).joined(separator: ".") + "/\(prefixLength)" }
        var groups: [String] = []
        for i in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(network[i]) << 8 | UInt16(network[i + 1]), radix: 16))
        }
        return groups.joined(separator: ":") + "/\(prefixLength)"
    }

    static func mask(_ bytes: [UInt8], bits: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let keep = max(0, min(8, bits - index * 8))
            return keep == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xff << (8 - keep))
        }
    }

    static func parseAddress(_ text: String) -> [UInt8]? {
        if text.contains(":") { return parseIPv6(text) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, let v = UInt8(p) else { return nil }
            out.append(v)
        }
        return out
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt8]? {
            if s.isEmpty { return [] }
            var out: [UInt8] = []
            let items = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, item) in items.enumerated() {
                if i == items.count - 1, item.contains("."), let v4 = parseAddress(String(item)) {
                    out += v4
                    continue
                }
                guard !item.isEmpty, item.count <= 4, let v = UInt16(item, radix: 16) else { return nil }
                out += [UInt8(v >> 8), UInt8(v & 0xff)]
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
