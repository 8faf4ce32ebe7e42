/// Undoes format=flowed (RFC 3676): joins soft-broken lines, removes space-stuffing and,
/// with DelSp=yes, the space that marked the soft break. Quote depths are kept apart.
public enum FlowedText {
    public static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [String] = []
        var paragraph = ""
        var paragraphDepth = -1
        var open = false
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        for rawLine in lines {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let depth = line.prefix { $0 == ">" }.count
            var content = line.dropFirst(depth)
            if content.hasPrefix(" ") { content = content.dropFirst() }  // space-stuffing
            let isSignatureMark = content == "-- "
            let soft = content.hasSuffix(" ") && !isSignatureMark
            if soft && deleteSpace { content = content.dropLast() }
            if open && depth == paragraphDepth {
                paragraph += content
            } else {
                if open { output.append(quoted(paragraph, depth: paragraphDepth)) }
                paragraph = String(content)
                paragraphDepth = depth
            }
            open = soft
            if !soft {
                output.append(quoted(paragraph, depth: paragraphDepth))
                paragraph = ""
            }
        }
        if open { output.append(quoted(paragraph, depth: paragraphDepth)) }
        return output.joined(separator: "\n")
    }

    private static func quoted(_ text: String, depth: Int) -> String {
        depth > 0 ? String(repeating: ">", count: depth) + " " + text : text
    }
}
