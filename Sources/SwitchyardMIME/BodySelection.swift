/// Which parts make up the readable body, the HTML body and the attachments, following how
/// mail clients display a MIME tree: one alternative per multipart/alternative, the start part
/// of multipart/related, inline text parts of multipart/mixed in order.
struct BodySelection {
    var textParts: [MIMEPart] = []
    var htmlParts: [MIMEPart] = []
    var attachments: [MIMEPart] = []
    var embedded: [MIMEPart] = []

    init(root: MIMEPart) {
        // Explicit stack instead of recursion; the tree depth is already bounded by the parser.
        var stack: [(part: MIMEPart, inAlternative: Bool)] = [(root, false)]
        while let (part, _) = stack.popLast() {
            switch part.kind {
            case .message:
                embedded.append(part)
            case .multipart:
                let children = part.children
                if children.isEmpty {
                    // No parts found (missing or unmatched boundary): show the raw body as text.
                    var text = MIMEPart(path: part.path, headers: HeaderFields(), contentType: .defaultText)
                    text.body = part.preamble
                    textParts.append(text)
                    continue
                }
                if part.contentType.subtype == "alternative" {
                    let plain =
                        children.last { Self.isText($0, "plain") } ?? children.last { Self.hasText($0, "plain") }
                    let html = children.last { Self.isText($0, "html") } ?? children.last { Self.hasText($0, "html") }
                    if let html, plain == nil || html.path != plain?.path {
                        if let plain {
                            textParts.append(contentsOf: Self.leaves(plain, "plain"))
                        } else {
                            textParts.append(contentsOf: Self.leaves(html, "html"))
                        }
                        htmlParts.append(contentsOf: Self.leaves(html, "html"))
                        for child in children where child.path != plain?.path && child.path != html.path {
                            attachments.append(
                                contentsOf: child.allParts.filter { $0.kind == .leaf && $0.isAttachment })
                        }
                        continue
                    }
                    if let chosen = plain ?? children.first {
                        stack.append((chosen, true))
                        for child in children where child.path != chosen.path {
                            attachments.append(
                                contentsOf: child.allParts.filter { $0.kind == .leaf && $0.isAttachment })
                        }
                    }
                    continue
                }
                for child in children.reversed() { stack.append((child, false)) }
            case .leaf:
                if part.isAttachment {
                    attachments.append(part)
                } else if Self.isText(part, "html") {
                    textParts.append(part)
                    htmlParts.append(part)
                } else if part.contentType.type == "text" {
                    textParts.append(part)
                } else {
                    attachments.append(part)
                }
            }
        }
    }

    private static func isText(_ part: MIMEPart, _ subtype: String) -> Bool {
        part.kind == .leaf && !part.isAttachment && part.contentType.is("text", subtype)
    }

    private static func hasText(_ part: MIMEPart, _ subtype: String) -> Bool {
        part.kind == .multipart && part.allParts.contains { isText($0, subtype) }
    }

    private static func leaves(_ part: MIMEPart, _ subtype: String) -> [MIMEPart] {
        let found = part.allParts.filter { isText($0, subtype) }
        // Inside multipart/related the first matching part is the body, the rest are resources.
        return part.contentType.subtype == "related" ? Array(found.prefix(1)) : found
    }

    /// Python's `EmailMessage.get_body` walk (depth first, attachments skipped, related: start).
    static func firstBody(_ root: MIMEPart, subtypes: [String]) -> MIMEPart? {
        var best: (rank: Int, part: MIMEPart)?
        var stack: [MIMEPart] = [root]
        while let part = stack.popLast() {
            if part.disposition?.type == "attachment" { continue }
            if part.contentType.type == "text" {
                if let rank = subtypes.firstIndex(of: part.contentType.subtype), rank < (best?.rank ?? Int.max) {
                    best = (rank, part)
                    if rank == 0 { return part }
                }
                continue
            }
            guard part.kind == .multipart else { continue }
            if part.contentType.subtype != "related" {
                stack.append(contentsOf: part.children.reversed())
                continue
            }
            let start = part.contentType[parameter: "start"].map { MessageIDs.parse($0).first ?? $0 }
            let candidate = start.flatMap { id in part.children.first { $0.contentID == id } } ?? part.children.first
            if let candidate { stack.append(candidate) }
        }
        return best?.part
    }
}
