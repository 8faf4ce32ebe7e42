/// Message-ID, In-Reply-To and References values (RFC 5322 §3.6.4), without angle brackets.
/// Lenient: unbracketed ids and phrases between ids (obsolete syntax) are tolerated.
public enum MessageIDs {
    public static func parse(_ value: String) -> [String] {
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

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let blanks = Set(set)
        guard let first = firstIndex(where: { !blanks.contains($0) }),
            let last = lastIndex(where: { !blanks.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}
