/// A body's lines as byte ranges over its UTF-8, so quote and signature splitting reads bytes
/// and builds a String only for the few lines that might be an attribution or a sign-off.
struct BodyLines {
    let bytes: [UInt8]
    let ranges: [Range<Int>]

    /// Splits on LF; the text must already have CR and CRLF turned into LF.
    init(_ text: String) {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            while let index = ByteSearch.firstIndex(of: 0x0A, in: buffer, from: start, to: buffer.count) {
                ranges.append(start..<index)
                start = index + 1
            }
        }
        ranges.append(start..<bytes.count)
        self.bytes = bytes
        self.ranges = ranges
    }

    var count: Int { ranges.count }
    var indices: Range<Int> { ranges.indices }

    /// The line's bytes (a whole UTF-8 sequence: lines end at ASCII LF).
    subscript(bytes index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

    /// The line as a String, for the rare lines that need String matching.
    subscript(index: Int) -> String { String(decoding: bytes[ranges[index]], as: UTF8.self) }

    /// Whether the line holds only spaces and tabs (CR and LF cannot occur in a line).
    func isBlank(_ index: Int) -> Bool {
        !bytes[ranges[index]].contains { $0 != 0x20 && $0 != 0x09 }
    }

    /// First byte that is not a space: ">" marks a quoted line.
    func isQuoted(_ index: Int) -> Bool {
        bytes[ranges[index]].first { $0 != 0x20 } == UInt8(ascii: ">")
    }

    /// The given lines joined by LF, trailing spaces and tabs removed per line, runs of empty
    /// lines collapsed to one and empty lines at the start and end dropped.
    func tidy<S: Sequence>(_ lines: S) -> String where S.Element == Int {
        var output: [UInt8] = []
        var lastWasEmpty = true  // also true before the first kept line: leading empties are dropped
        var pendingEmpty = 0
        for index in lines {
            let range = ranges[index]
            var end = range.upperBound
            while end > range.lowerBound, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            if end < range.upperBound, end > range.lowerBound, bytes[end - 1] >= 0x80 {
                // A blank after a non-ASCII scalar may belong to its grapheme cluster (a prepended
                // mark); then it is not a lone blank Character, so trim by Characters as before.
                let line = self[index]
                let trimmed = line.droppingTrailing { $0 == " " || $0 == "\t" }
                end = range.lowerBound + trimmed.utf8.count
            }
            if end == range.lowerBound {
                if lastWasEmpty { continue }
                lastWasEmpty = true
                pendingEmpty += 1
                continue
            }
            if !output.isEmpty {
                // The separator, plus one empty line kept between paragraphs.
                for _ in 0...pendingEmpty { output.append(0x0A) }
            }
            pendingEmpty = 0
            output.append(contentsOf: bytes[range.lowerBound..<end])
            lastWasEmpty = false
        }
        return String(decoding: output, as: UTF8.self)
    }
}
