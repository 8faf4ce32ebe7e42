/// Reads text-only labelled sets: RFC 4180 CSV with a header row, the text in the first column
/// and the label in the second (the shape of the BANKING77 and CLINC150 files). Quoted fields may
/// contain commas, doubled quotes and line breaks.
public enum LabeledCSV {
    /// A CSV file that cannot be read as a labelled set.
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var reason: String

        public var description: String { "line \(line): \(reason)" }
    }

    /// Examples in file order; the text becomes the example's body.
    public static func parse(_ bytes: [UInt8]) throws(Error) -> [LabeledExample] {
        let records = try records(bytes)
        var examples: [LabeledExample] = []
        for (offset, record) in records.enumerated().dropFirst() {
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            guard record.fields.count >= 2 else {
                throw Error(
                    line: record.line,
                    reason: "expected text and label columns, found \(record.fields.count) (row \(offset))")
            }
            let label = record.fields[1].trimmingSpaces()
            guard !label.isEmpty else { throw Error(line: record.line, reason: "empty label") }
            examples.append(LabeledExample(body: record.fields[0], label: label))
        }
        return examples
    }

    /// Writes examples back as CSV (header `text,category`), quoting where needed.
    public static func render(_ examples: [LabeledExample]) -> String {
        var out = "text,category\n"
        for e in examples {
            let text = e.subject.isEmpty ? e.body : e.subject + "\n" + e.body
            out += quote(text) + "," + quote(e.label) + "\n"
        }
        return out
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }

    struct Record {
        var line: Int
        var fields: [String]
    }

    static func records(_ bytes: [UInt8]) throws(Error) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = 0
        var quoted = false
        var wasQuoted = false
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // UTF-8 byte order mark
        i = start
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty && !wasQuoted {
                quoted = true
                wasQuoted = true
            } else if b == UInt8(ascii: ",") {
                endField()
            } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                if b == UInt8(ascii: "\r"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                endField()
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll()
                line += 1
                recordLine = line
            } else {
                field.append(b)
            }
            i += 1
        }
        if quoted { throw Error(line: recordLine, reason: "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
