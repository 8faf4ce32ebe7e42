/// Message-ID, In-Reply-To and References values (RFC 5322 §3.6.4), without angle brackets.
/// Lenient: unbracketed ids and phrases between ids (obsolete syntax) are tolerated.
public enum MessageIDs {
    public static func parse(_ value: String) -> [String] {
        if let ids = parseASCII(value) { return ids }
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let id = rest[rest.index(after: open)..<close].trimmingCharacters(in: " \t\r\n")
            if !id.isEmpty { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            // "malformed@id.example": a bare id, sometimes several separated by blanks.
            ids = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" || $0 == "\n" })
                .map(String.init).filter { !$0.isEmpty }
        }
        return ids
    }
}

extension MessageIDs {
    /// The same over bytes for ASCII text without CR, where every Character is one byte
    /// (the common case); nil otherwise.
    fileprivate static func parseASCII(_ value: String) -> [String]? {
        var text = value
        return text.withUTF8 { buffer -> [String]? in
            if buffer.contains(where: { $0 >= 0x80 || $0 == 0x0D }) { return nil }
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
            var ids: [String] = []
            var index = 0
            while let open = buffer[index...].firstIndex(of: UInt8(ascii: "<")) {
                guard let close = buffer[open...].firstIndex(of: UInt8(ascii: ">")) else { break }
                var start = open + 1
                var end = close
                while start < end, isBlank(buffer[start]) { start += 1 }
                while end > start, isBlank(buffer[end - 1]) { end -= 1 }
                if start < end { ids.append(String(decoding: buffer[start..<end], as: UTF8.self)) }
                index = close + 1
            }
            if ids.isEmpty {
                ids = buffer.split(whereSeparator: { isBlank($0) || $0 == UInt8(ascii: ",") })
                    .map { String(decoding: $0, as: UTF8.self) }
            }
            return ids
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let blanks = Set(set)
        guard let first = firstIndex(where: { !blanks.contains($0) }),
            let last = lastIndex(where: { !blanks.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
