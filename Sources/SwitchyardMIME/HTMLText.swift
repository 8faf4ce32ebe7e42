/// HTML to the text a person reads in a mail client: block structure as line breaks, lists as
/// "- " / "1. " items, blockquotes as "> " lines, link text, entities decoded; script, style,
/// head, comments and hidden elements dropped. One pass, no tree, bounded state.
public enum HTMLText {
    private static let skipped: Set<String> = [
        "script", "style", "head", "title", "template", "noscript", "object", "svg",
    ]
    private static let paragraphs: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "hr", "address", "figure",
    ]
    private static let lines: Set<String> = [
        "div", "br", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "center", "form",
        "fieldset", "main", "nav", "aside", "caption", "tbody", "thead", "tfoot", "body", "html", "blockquote",
    ]
    private static let voids: Set<String> = [
        "br", "hr", "img", "meta", "link", "input", "area", "base", "col", "wbr", "source",
    ]
    private static let maxListDepth = 32

    public static func convert(_ html: String) -> String {
        var writer = TextWriter()
        let bytes = Array(html.utf8)
        var index = 0
        var text: [UInt8] = []
        var hiddenTag: String?
        var hiddenDepth = 0
        var lists: [Int] = []  // 0 for <ul>, next number for <ol>
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                // Text up to the next "<" in one copy.
                let next = bytes.withUnsafeBufferPointer { buffer in
                    ByteSearch.firstIndex(of: UInt8(ascii: "<"), in: buffer, from: index, to: buffer.count)
                }
                let end = next ?? bytes.count
                text.append(contentsOf: bytes[index..<end])
                index = end
                continue
            }
            guard let tag = Tag.read(bytes, at: index) else {
                text.append(byte)
                index += 1
                continue
            }
            if hiddenTag == nil && !text.isEmpty { writer.write(decodeEntities(text)) }
            text.removeAll(keepingCapacity: true)
            index = tag.end
            guard !tag.name.isEmpty else { continue }  // comment, doctype, processing instruction
            if let hidden = hiddenTag {
                if tag.name == hidden && !voids.contains(hidden) {
                    hiddenDepth += tag.closing ? -1 : (tag.selfClosing ? 0 : 1)
                    if hiddenDepth == 0 { hiddenTag = nil }
                }
                continue
            }
            if !tag.closing && skipped.contains(tag.name) {
                index = rawTextEnd(bytes, from: index, name: tag.name)
                continue
            }
            if !tag.closing && tag.hidden && !voids.contains(tag.name) && !tag.selfClosing {
                hiddenTag = tag.name
                hiddenDepth = 1
                continue
            }
            handle(tag, writer: &writer, lists: &lists)
        }
        if hiddenTag == nil && !text.isEmpty { writer.write(decodeEntities(text)) }
        return writer.finish()
    }

    private static func handle(_ tag: Tag, writer: inout TextWriter, lists: inout [Int]) {
        let name = tag.name
        switch name {
        case "ul", "ol":
            // A top-level list is a paragraph of its own; nested lists just start a new line.
            let topLevel = tag.closing ? lists.count == 1 : lists.isEmpty
            if tag.closing {
                _ = lists.popLast()
            } else if lists.count < maxListDepth {
                lists.append(name == "ol" ? 1 : 0)
            }
            writer.breakLine(blank: topLevel)
        case "li" where !tag.closing:
            writer.breakLine(blank: false)
            let indent = String(repeating: "  ", count: max(0, lists.count - 1))
            if let number = lists.last, number > 0 {
                writer.writeRaw(indent + "\(number). ")
                lists[lists.count - 1] = number + 1
            } else {
                writer.writeRaw(indent + "- ")
            }
        case "blockquote":
            writer.breakLine(blank: true)
            writer.quoteDepth = max(0, min(maxListDepth, writer.quoteDepth + (tag.closing ? -1 : 1)))
        case "pre":
            writer.breakLine(blank: true)
            writer.preformatted = !tag.closing
        case "td", "th":
            if !tag.closing { writer.separateCell() }
        case "hr":
            writer.breakLine(blank: false)
            writer.writeRaw("---")
            writer.breakLine(blank: false)
        default:
            if paragraphs.contains(name) {
                writer.breakLine(blank: true)
            } else if lines.contains(name) {
                writer.breakLine(blank: false)
            }
        }
    }

    /// Index after "</name>" for raw-text elements (script, style), or the end of input.
    private static func rawTextEnd(_ bytes: [UInt8], from start: Int, name: String) -> Int {
        let closing = Array(("</" + name).utf8)
        var index = start
        while index + closing.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"),
                zip(bytes[index..<index + closing.count], closing).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
            {
                var end = index + closing.count
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                return min(bytes.count, end + 1)
            }
            index += 1
        }
        return bytes.count
    }

    /// Decodes character references in a text run.
    static func decodeEntities(_ bytes: [UInt8]) -> String {
        HTMLEntities.decode(bytes)
    }
}

/// Builds the converted text: collapses blanks, keeps at most one blank line, prefixes quote levels.
private struct TextWriter {
    /// UTF-8 bytes: appending bytes is far cheaper than appending scalars to a String.
    var output: [UInt8] = []
    var quoteDepth = 0
    var preformatted = false
    private var lineHasText = false
    private var pendingSpace = false
    private var newlines = 2  // at the start, as if after a blank line
    private var cellCount = 0

    /// Byte by byte over whole UTF-8 sequences: only ASCII blanks separate words (as in HTML);
    /// NBSP (C2 A0) becomes a space.
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                index += 1
                if preformatted {
                    if byte == 0x0A {
                        newline()
                    } else if byte != 0x0D {
                        startLineIfNeeded()
                        output.append(byte)
                    }
                    continue
                }
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = lineHasText
                    continue
                }
                if byte >= 0xC2, let length = Self.invisibleLength(buffer, at: index - 1) {
                    index += length - 1
                    continue
                }
                startLineIfNeeded()
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                if byte == 0xC2 && index < buffer.count && buffer[index] == 0xA0 {
                    output.append(0x20)
                    index += 1
                } else {
                    output.append(byte)
                }
            }
        }
    }

    /// Byte length of an invisible character starting at `index` that a browser shows as nothing
    /// and spam puts inside words ("V&shy;iagra"): soft hyphen, zero-width space, word joiner,
    /// zero-width no-break space. ZWJ/ZWNJ stay: emoji sequences and some scripts need them.
    private static func invisibleLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let count = buffer.count - index
        let b1: UInt8 = count > 1 ? buffer[index + 1] : 0
        let b2: UInt8 = count > 2 ? buffer[index + 2] : 0
        switch (buffer[index], b1, b2) {
        case (0xC2, 0xAD, _): return 2
        case (0xE2, 0x80, 0x8B), (0xE2, 0x81, 0xA0), (0xEF, 0xBB, 0xBF): return 3
        default: return nil
        }
    }

    mutating func writeRaw(_ text: String) {
        startLineIfNeeded()
        output.append(contentsOf: text.utf8)
        pendingSpace = false
    }

    mutating func separateCell() {
        if lineHasText { pendingSpace = true }
    }

    mutating func breakLine(blank: Bool) {
        let wanted = blank ? 2 : 1
        while newlines < wanted && !output.isEmpty {
            newline()
        }
        pendingSpace = false
    }

    private mutating func newline() {
        output.append(0x0A)
        newlines += 1
        lineHasText = false
        pendingSpace = false
    }

    private mutating func startLineIfNeeded() {
        if !lineHasText {
            if quoteDepth > 0 {
                output.append(contentsOf: repeatElement(UInt8(ascii: ">"), count: quoteDepth))
                output.append(0x20)
            }
            lineHasText = true
            newlines = 0
        }
    }

    /// Lines with trailing spaces removed, empty lines at the start and end dropped.
    func finish() -> String {
        var lines: [Range<Int>] = []
        var start = 0
        for index in output.indices where output[index] == 0x0A {
            lines.append(trimmedLine(start..<index))
            start = index + 1
        }
        lines.append(trimmedLine(start..<output.count))
        guard let first = lines.firstIndex(where: { !$0.isEmpty }),
            let last = lines.lastIndex(where: { !$0.isEmpty })
        else { return "" }
        var result: [UInt8] = []
        result.reserveCapacity(output.count)
        for index in first...last {
            if index > first { result.append(0x0A) }
            result.append(contentsOf: output[lines[index]])
        }
        return String(decoding: result, as: UTF8.self)
    }

    private func trimmedLine(_ range: Range<Int>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound, output[end - 1] == 0x20 { end -= 1 }
        if end < range.upperBound, end > range.lowerBound, output[end - 1] >= 0x80 {
            // A space after a non-ASCII scalar may share its grapheme cluster (a prepended mark)
            // and then is not a lone " " Character: trim by Characters, as the String version did.
            let line = String(decoding: output[range], as: UTF8.self)
            end = range.lowerBound + line.droppingTrailing { $0 == " " }.utf8.count
        }
        return range.lowerBound..<end
    }
}
