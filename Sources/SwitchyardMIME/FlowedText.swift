/// Undoes format=flowed (RFC 3676): joins soft-broken lines, removes space-stuffing and,
/// with DelSp=yes, the space that marked the soft break. Quote depths are kept apart.
public enum FlowedText {
    public static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var source = text
        let output = source.withUTF8 { buffer in unflow(buffer, deleteSpace: deleteSpace) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Lines are byte ranges (they end at ASCII LF, so each holds whole UTF-8 sequences).
    private static func unflow(_ buffer: UnsafeBufferPointer<UInt8>, deleteSpace: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count)
        var wroteLine = false
        var paragraph: [UInt8] = []
        var paragraphDepth = -1
        var open = false
        func emit() {
            if wroteLine { output.append(0x0A) }
            wroteLine = true
            if paragraphDepth > 0 {
                output.append(contentsOf: repeatElement(UInt8(ascii: ">"), count: paragraphDepth))
                output.append(0x20)
            }
            output.append(contentsOf: paragraph)
        }
        var lineStart = 0
        while lineStart <= buffer.count {
            let lineEnd = ByteSearch.firstIndex(of: 0x0A, in: buffer, from: lineStart, to: buffer.count) ?? buffer.count
            let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])
            let (depth, content, soft) = parse(line, deleteSpace: deleteSpace)
            if open && depth == paragraphDepth {
                paragraph.append(contentsOf: content)
            } else {
                if open { emit() }
                paragraph.removeAll(keepingCapacity: true)
                paragraph.append(contentsOf: content)
                paragraphDepth = depth
            }
            open = soft
            if !soft {
                emit()
                paragraph.removeAll(keepingCapacity: true)
            }
            lineStart = lineEnd + 1
        }
        if open { emit() }
        return output
    }

    /// One line's quote depth, its content (stuffing and, with DelSp, the soft-break space
    /// removed) and whether it ends soft.
    private static func parse(
        _ line: UnsafeBufferPointer<UInt8>, deleteSpace: Bool
    ) -> (depth: Int, content: ArraySlice<UInt8>, soft: Bool) {
        // ASCII lines (nearly all): each Character is one byte once a trailing CR is cut, so the
        // byte rules equal the Character ones. Other lines keep the Character rules, because a
        // combining mark after ">" or " " makes it a different Character.
        if line.contains(where: { $0 >= 0x80 }) { return parseCharacters(line, deleteSpace: deleteSpace) }
        var end = line.count
        if end > 0 && line[end - 1] == 0x0D { end -= 1 }
        var depth = 0
        while depth < end && line[depth] == UInt8(ascii: ">") { depth += 1 }
        var start = depth
        if start < end && line[start] == 0x20 { start += 1 }  // space-stuffing
        let isSignatureMark =
            end - start == 3 && line[start] == 0x2D && line[start + 1] == 0x2D && line[start + 2] == 0x20
        let soft = end > start && line[end - 1] == 0x20 && !isSignatureMark
        if soft && deleteSpace { end -= 1 }
        return (depth, ArraySlice(line[start..<end]), soft)
    }

    private static func parseCharacters(
        _ bytes: UnsafeBufferPointer<UInt8>, deleteSpace: Bool
    ) -> (depth: Int, content: ArraySlice<UInt8>, soft: Bool) {
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        if line.hasSuffix("\r") { line = line.dropLast() }
        let depth = line.prefix { $0 == ">" }.count
        var content = line.dropFirst(depth)
        if content.hasPrefix(" ") { content = content.dropFirst() }  // space-stuffing
        let isSignatureMark = content == "-- "
        let soft = content.hasSuffix(" ") && !isSignatureMark
        if soft && deleteSpace { content = content.dropLast() }
        return (depth, ArraySlice(content.utf8), soft)
    }
}
