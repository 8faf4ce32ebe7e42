import ArgumentParser
import Foundation
import SwitchyardGateway
import SwitchyardMIME

/// `switchyard parse`: Print what the gateway sees in a message.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print what the gateway sees in a message.",
        discussion: "Reads an RFC 5322 message from FILE (or stdin with '-') and prints a summary, or with --json "
            + "a stable JSON document: decoded headers, addresses, new text, quoted text, signature, "
            + "HTML converted to text, attachments with SHA-256, machine-mail flags, parse defects, and "
            + "(with the shipped models) language, sentiment and entities."
    )

    @Argument(help: "The message file, or '-' for stdin.")
    var file: String

    @Flag(help: "Print the stable JSON document instead of the summary.")
    var json = false

    @Option(help: "Largest message read, in bytes.")
    var maxBytes = 64 * 1024 * 1024

    @Option(help: "Gateway configuration whose mime: caps and signals: settings apply (default: built-in ones).")
    var config: String?

    @Option(help: "Directory of the shipped models (language, sentiment, entities). Default: ./models if present.")
    var models: String?

    func run() async throws {
        var configuration = GatewayConfiguration()
        if let config {
            do {
                configuration = try GatewayConfiguration.load(file: config)
            } catch {
                FileHandle.standardError.write(Data("switchyard: \(error)\n".utf8))
                throw ExitCode(78)  // EX_CONFIG, as `serve` does
            }
        }
        let bytes = try readInput()
        let message = Message(parsing: bytes, limits: configuration.mime)
        let document = MessageDocument(message)
        let signals = try ParseSignals.load(explicitDirectory: models, configuration: configuration.signals)?
            .analyze(message)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(ParseDocument(document: document, signals: signals))
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(ParseSummary(document, signals: signals?.summaryLines ?? []).text)
        }
    }

    private func readInput() throws -> [UInt8] {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            data = contents
        }
        guard data.count <= maxBytes else {
            throw ValidationError("\(file) is \(data.count) bytes, more than --max-bytes \(maxBytes)")
        }
        return [UInt8](data)
    }
}

/// The human-readable summary `switchyard parse` prints by default.
struct ParseSummary {
    let text: String

    init(_ document: MessageDocument, signals: [(String, String)] = []) {
        func mailboxes(_ list: [MessageDocument.Mailbox]) -> String {
            list.map { box in
                switch (box.name, box.address) {
                case (let name?, let address?): return "\(name) <\(address)>"
                case (nil, let address?): return address
                case (let name?, nil): return name
                case (nil, nil): return ""
                }
            }.joined(separator: ", ")
        }
        var lines: [String] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty {
                lines.append("\(label.padding(toLength: 13, withPad: " ", startingAt: 0))\(value)")
            }
        }
        add("From:", mailboxes(document.from))
        add("To:", mailboxes(document.to))
        add("Cc:", mailboxes(document.cc))
        add("Reply-To:", mailboxes(document.replyTo))
        add("Subject:", document.subject)
        add("Date:", document.date)
        add("Message-ID:", document.messageID)
        add("In-Reply-To:", document.inReplyTo.joined(separator: " "))
        var flags: [String] = []
        if document.isReply { flags.append("reply") }
        if document.isForward { flags.append("forward") }
        if let auto = document.autoSubmitted { flags.append("auto-submitted=\(auto)") }
        if document.bulk { flags.append("bulk") }
        if document.deliveryReport { flags.append("delivery-report") }
        if document.outOfOffice { flags.append("out-of-office") }
        add("Flags:", flags.joined(separator: ", "))
        for (label, value) in signals { add(label, value) }
        for attachment in document.attachments {
            add(
                "Attachment:",
                "\(attachment.filename ?? "(unnamed)") \(attachment.contentType) \(attachment.size) bytes "
                    + "sha256:\(attachment.sha256.prefix(16))… \(attachment.disposition)")
        }
        for defect in document.defects {
            add(
                "Defect:",
                defect.part.isEmpty
                    ? "\(defect.kind) \(defect.detail)" : "\(defect.kind) part \(defect.part) \(defect.detail)")
        }
        lines.append("")
        lines.append("--- new text")
        lines.append(document.text)
        if !document.signature.isEmpty {
            lines.append("--- signature")
            lines.append(document.signature)
        }
        if !document.quoted.isEmpty {
            let quotedLines = document.quoted.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("--- quoted (\(quotedLines.count) lines)")
            lines.append(contentsOf: quotedLines.prefix(5).map(String.init))
            if quotedLines.count > 5 { lines.append("…") }
        }
        text = lines.joined(separator: "\n")
    }
}
