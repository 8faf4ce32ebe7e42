/// Builds the MIME tree from raw bytes within ``ParserLimits``. Recursion is bounded by
/// `maxDepth`; each level scans only its own byte range, so time is linear in input size
/// times a constant depth.
struct MIMEParser {
    let limits: ParserLimits
    private(set) var defects: [MessageDefect] = []
    private var partCount = 0
    private var decodedTotal = 0

    init(limits: ParserLimits) {
        self.limits = limits
    }

    mutating func parse(_ bytes: [UInt8]) -> MIMEPart {
        parsePart(bytes, start: 0, end: bytes.count, depth: 0, path: "", defaultType: .defaultText)
    }

    private mutating func parsePart(
        _ bytes: [UInt8], start: Int, end: Int, depth: Int, path: String, defaultType: ContentType
    ) -> MIMEPart {
        partCount += 1
        let section = HeaderSection(bytes, from: start, to: end, limits: limits, allowMbox: depth == 0 && start == 0)
        for kind in section.defects { defects.append(MessageDefect(kind, part: path)) }
        var contentType = defaultType
        if let field = section.fields.first("Content-Type") {
            let parsed = ContentType.parse(field.rawValue)
            // An unusable type falls back to text/plain, as RFC 2045 §5.2 and Python do.
            contentType = parsed.subtype.isEmpty || parsed.type.isEmpty ? .defaultText : parsed
        }
        var part = MIMEPart(path: path, headers: section.fields, contentType: contentType)
        if let field = section.fields.first("Content-Disposition") {
            part.disposition = ContentType.parse(field.rawValue)
        }
        if let encoding = section.fields.first("Content-Transfer-Encoding") {
            let value = encoding.rawValue.lowercased().filter { !$0.isWhitespace && $0 != "\"" }
            part.transferEncoding = value.isEmpty ? "7bit" : value
        }
        let bodyStart = section.bodyStart
        if contentType.type == "multipart" {
            guard depth < limits.maxDepth else {
                defects.append(MessageDefect(.depthExceeded, part: path, detail: "multipart at depth \(depth)"))
                part.body = capped(Array(bytes[bodyStart..<end]), path: path)
                return part
            }
            part.kind = .multipart
            guard let boundary = contentType.boundary, !boundary.isEmpty else {
                // Like mime4j: a multipart without parts; its body is kept as the preamble,
                // which the body selection shows as text.
                defects.append(MessageDefect(.missingBoundary, part: path))
                part.preamble = capped(Array(bytes[bodyStart..<end]), path: path)
                return part
            }
            let split = BoundarySplit(bytes, from: bodyStart, to: end, boundary: Array(boundary.utf8))
            guard !split.parts.isEmpty else {
                if !split.closed { defects.append(MessageDefect(.boundaryNotFound, part: path, detail: boundary)) }
                part.preamble = capped(Array(bytes[split.closed ? split.preamble : bodyStart..<end]), path: path)
                part.epilogue = Array(bytes[split.epilogue])
                return part
            }
            if !split.closed { defects.append(MessageDefect(.closeBoundaryMissing, part: path)) }
            part.preamble = Array(bytes[split.preamble])
            part.epilogue = Array(bytes[split.epilogue])
            let childDefault = contentType.subtype == "digest" ? ContentType.defaultDigestPart : .defaultText
            for (index, range) in split.parts.enumerated() {
                guard partCount < limits.maxParts else {
                    defects.append(MessageDefect(.partCountExceeded, part: path, detail: "\(limits.maxParts) parts"))
                    break
                }
                let childPath = path.isEmpty ? "\(index + 1)" : "\(path).\(index + 1)"
                part.children.append(
                    parsePart(
                        bytes, start: range.lowerBound, end: range.upperBound, depth: depth + 1,
                        path: childPath, defaultType: childDefault))
            }
            return part
        }
        var decoded = decode(bytes[bodyStart..<end], encoding: part.transferEncoding, path: path)
        if contentType.type == "message" && (contentType.subtype == "rfc822" || contentType.subtype == "global") {
            guard depth < limits.maxDepth, partCount < limits.maxParts else {
                let kind: MessageDefect.Kind = depth < limits.maxDepth ? .partCountExceeded : .depthExceeded
                defects.append(MessageDefect(kind, part: path, detail: "embedded message not parsed"))
                part.body = capped(decoded, path: path)
                return part
            }
            part.kind = .message
            let childPath = path.isEmpty ? "1" : "\(path).1"
            part.children = [
                parsePart(
                    decoded, start: 0, end: decoded.count, depth: depth + 1, path: childPath, defaultType: .defaultText)
            ]
            return part
        }
        decoded = capped(decoded, path: path)
        part.body = decoded
        return part
    }

    private mutating func decode(_ body: ArraySlice<UInt8>, encoding: String, path: String) -> [UInt8] {
        switch encoding {
        case "base64":
            let result = TransferDecoding.base64(body)
            if !result.clean { defects.append(MessageDefect(.invalidBase64, part: path)) }
            return result.bytes
        case "quoted-printable":
            let result = TransferDecoding.quotedPrintable(body)
            if !result.clean { defects.append(MessageDefect(.invalidQuotedPrintable, part: path)) }
            return result.bytes
        case "7bit", "8bit", "binary", "7-bit", "8-bit", "none", "":
            return Array(body)
        default:
            defects.append(MessageDefect(.unknownTransferEncoding, part: path, detail: encoding))
            return Array(body)
        }
    }

    private mutating func capped(_ body: [UInt8], path: String) -> [UInt8] {
        var kept = body
        if kept.count > limits.maxPartBytes {
            defects.append(MessageDefect(.partSizeExceeded, part: path, detail: "\(body.count) bytes"))
            kept = Array(kept.prefix(limits.maxPartBytes))
        }
        let room = max(0, limits.maxMessageBytes - decodedTotal)
        if kept.count > room {
            defects.append(MessageDefect(.messageSizeExceeded, part: path, detail: "\(limits.maxMessageBytes) bytes"))
            kept = Array(kept.prefix(room))
        }
        decodedTotal += kept.count
        return kept
    }
}

/// Where the boundary delimiter lines of one multipart body are (RFC 2046 §5.1.1): a line
/// "--boundary", optionally "--", then end of line or a blank (text after it is ignored).
/// The line break before a delimiter belongs to the delimiter.
struct BoundarySplit {
    var parts: [Range<Int>] = []
    var preamble: Range<Int>
    var epilogue: Range<Int>
    var closed = false

    init(_ bytes: [UInt8], from start: Int, to end: Int, boundary: [UInt8]) {
        preamble = start..<start
        epilogue = end..<end
        var partStart: Int?
        var lineStart = start
        while lineStart < end {
            let next = HeaderSection.lineEnd(bytes, from: lineStart, to: end)
            if let close = Self.delimiter(bytes, lineStart, next, boundary) {
                let contentEnd = Self.trimBreak(bytes, from: start, before: lineStart)
                if let open = partStart {
                    parts.append(open..<max(open, contentEnd))
                } else {
                    preamble = start..<contentEnd
                }
                if close {
                    closed = true
                    epilogue = next..<end
                    return
                }
                partStart = next
            }
            lineStart = next
        }
        if let open = partStart { parts.append(open..<end) }
    }

    /// nil if the line is no delimiter; true for the close delimiter.
    private static func delimiter(_ bytes: [UInt8], _ start: Int, _ end: Int, _ boundary: [UInt8]) -> Bool? {
        let length = boundary.count
        guard end - start >= length + 2, bytes[start] == 0x2D, bytes[start + 1] == 0x2D,
            bytes[(start + 2)..<(start + 2 + length)].elementsEqual(boundary)
        else { return nil }
        var index = start + 2 + length
        if index + 1 < end, bytes[index] == 0x2D, bytes[index + 1] == 0x2D { return true }
        // RFC 2046 §5.1.1: the boundary need only start the line; text after a blank is
        // ignored. A boundary followed directly by other characters is a different boundary.
        guard index < end else { return false }
        let next = bytes[index]
        guard next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A else { return nil }
        index += 1
        return false
    }

    private static func trimBreak(_ bytes: [UInt8], from start: Int, before index: Int) -> Int {
        var end = index
        if end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }
}
