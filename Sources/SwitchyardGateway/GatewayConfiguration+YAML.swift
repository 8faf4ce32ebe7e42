internal import Logging
internal import SwitchyardMaildir
internal import SwitchyardServer
internal import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension GatewayConfiguration {
    static let topLevelKeys = [
        "listeners", "hostname", "tls", "trusted_networks", "accept", "limits", "timeouts", "maildir", "mime",
        "signals", "logging",
    ]

    /// Reads and checks a YAML configuration file.
    /// - Throws: `ConfigurationError` ("FILE:LINE: reason") for a missing or unreadable file, YAML
    ///   syntax, an unknown key, a wrong type, a bad address or CIDR block, or a missing TLS file.
    public static func load(file: String) throws(ConfigurationError) -> GatewayConfiguration {
        guard let bytes = readFile(file) else {
            throw ConfigurationError(file: file, line: 0, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError(file: file, line: 0, reason: "not UTF-8 text")
        }
        return try parse(yaml: text, file: file)
    }

    /// Parses configuration text; `file` only names it in errors.
    public static func parse(yaml text: String, file: String) throws(ConfigurationError) -> GatewayConfiguration {
        let fields = YAMLFields(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw ConfigurationError(file: file, line: 0, reason: "\(error)")
        }
        var config = GatewayConfiguration()
        guard let root else { return config }
        let top = try fields.mapping(root, at: "", allowed: topLevelKeys)
        if let node = top["listeners"] { config.server.listeners = try listeners(node, fields) }
        if let node = top["hostname"] {
            let name = try fields.string(node, at: "hostname")
            guard Self.isHostName(name) else { throw fields.error(node, "hostname: '\(name)' is not a host name") }
            config.server.hostname = name
        }
        if let node = top["tls"] { config.server.tls = try tls(node, fields) }
        if let node = top["trusted_networks"] {
            config.server.trustedNetworks = []
            if !YAMLFields.isNull(node) && node.sequence == nil {
                throw fields.error(node, "trusted_networks: expected a list of CIDR blocks")
            }
            for item in node.sequence.map(Array.init) ?? [] {
                let text = try fields.string(item, at: "trusted_networks[]")
                guard let range = NetworkRange(text) else {
                    throw fields.error(
                        item, "trusted_networks: '\(text)' is not a CIDR block such as 127.0.0.0/8 or ::1/128")
                }
                config.server.trustedNetworks.append(range)
            }
        }
        if let node = top["accept"] { config.recipients = try recipients(node, fields) }
        if let node = top["limits"] { config.server.limits = try limits(node, fields) }
        if let node = top["timeouts"] { config.server.timeouts = try timeouts(node, fields) }
        if let node = top["maildir"] { config.maildir = try maildir(node, fields) }
        if let node = top["mime"] { config.mime = try mimeLimits(node, fields) }
        if let node = top["signals"] { config.signals = try signals(node, fields) }
        if let node = top["logging"] { config.logLevel = try logLevel(node, fields) }
        return config
    }

    static func yamlError(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigurationError(file: file, line: mark.line, reason: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigurationError(
                file: file, line: context.mark.line, reason: "duplicate key '\(duplicates.joined(separator: "', '"))'"
            )
        default:
            return ConfigurationError(file: file, line: 0, reason: "YAML: \(error)")
        }
    }

    static func listeners(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> [ServerConfiguration
        .Listener]
    {
        guard let sequence = node.sequence, !sequence.isEmpty else {
            throw fields.error(node, "listeners: expected a non-empty list of {protocol, address}")
        }
        var out: [ServerConfiguration.Listener] = []
        for item in sequence {
            let entry = try fields.mapping(item, at: "listeners[]", allowed: ["protocol", "address"])
            guard let protocolNode = entry["protocol"], let addressNode = entry["address"] else {
                throw fields.error(item, "listeners: each listener needs 'protocol' (lmtp or smtp) and 'address'")
            }
            let name = try fields.string(protocolNode, at: "listeners[].protocol")
            guard let dialect = ServerConfiguration.Dialect(rawValue: name.lowercased()) else {
                throw fields.error(protocolNode, "listeners: protocol '\(name)' is not lmtp or smtp")
            }
            let text = try fields.string(addressNode, at: "listeners[].address")
            guard let address = bindAddress(text) else {
                throw fields.error(
                    addressNode,
                    "listeners: address '\(text)' is not HOST:PORT, [IPv6]:PORT or unix:/path (port 0-65535)"
                )
            }
            out.append(.init(dialect: dialect, address: address))
        }
        return out
    }

    /// "127.0.0.1:2424", "[::1]:24", "localhost:2424" or "unix:/run/switchyard/lmtp".
    static func bindAddress(_ text: String) -> ServerConfiguration.BindAddress? {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            return path.isEmpty || path.utf8.count > 107 ? nil : .unix(path: path)
        }
        let host: String
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            guard host.contains(":"), NetworkRange(host) != nil else { return nil }
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = String(text[..<colon])
            guard !host.contains(":"), NetworkRange(host) != nil || isHostName(host) else { return nil }
            portText = text[text.index(after: colon)...]
        }
        guard let port = Int(portText), (0...65535).contains(port), portText.allSatisfy(\.isNumber) else { return nil }
        return .tcp(host: host, port: port)
    }

    static func isHostName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-")
                && label.utf8.allSatisfy { byte in
                    (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                }
        }
    }

    static func tls(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> ServerConfiguration.TLSFiles? {
        let entry = try fields.mapping(node, at: "tls", allowed: ["certificate", "key"])
        if entry.isEmpty { return nil }
        guard let certificateNode = entry["certificate"], let keyNode = entry["key"] else {
            throw fields.error(node, "tls: needs both 'certificate' and 'key' (PEM files)")
        }
        let certificate = try fields.string(certificateNode, at: "tls.certificate")
        let key = try fields.string(keyNode, at: "tls.key")
        for (path, at) in [(certificate, certificateNode), (key, keyNode)] where access(path, R_OK) != 0 {
            throw fields.error(at, "tls: cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        return .init(certificatePath: certificate, privateKeyPath: key)
    }

    static func recipients(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> RecipientPolicy {
        let entry = try fields.mapping(node, at: "accept", allowed: ["domains", "addresses"])
        var domains: [String] = []
        var addresses: [String] = []
        if let list = entry["domains"] {
            domains = try fields.strings(list, at: "accept.domains")
            for (index, domain) in domains.enumerated() where !isHostName(domain) {
                throw fields.error(list.sequence?[index] ?? list, "accept.domains: '\(domain)' is not a domain name")
            }
        }
        if let list = entry["addresses"] {
            addresses = try fields.strings(list, at: "accept.addresses")
            for (index, address) in addresses.enumerated() {
                let parts = address.split(separator: "@", omittingEmptySubsequences: false)
                guard parts.count >= 2, let domain = parts.last, !parts[0].isEmpty, isHostName(String(domain)) else {
                    throw fields.error(
                        list.sequence?[index] ?? list, "accept.addresses: '\(address)' is not user@domain")
                }
            }
        }
        return RecipientPolicy(domains: domains, addresses: addresses)
    }

    static func limits(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> ServerConfiguration.Limits {
        let keys = ["max_message_size", "max_recipients", "max_line_length", "max_connections", "max_errors"]
        let entry = try fields.mapping(node, at: "limits", allowed: keys)
        var limits = ServerConfiguration.Limits()
        if let n = entry["max_message_size"] {
            limits.maxMessageSize = try fields.byteSize(n, at: "limits.max_message_size", minimum: 1024)
        }
        // RFC 5321 §4.5.3.1.8: at least 100 recipients must be buffered.
        if let n = entry["max_recipients"] {
            limits.maxRecipients = try fields.integer(n, at: "limits.max_recipients", minimum: 1)
        }
        // §4.5.3.1.6: a text line may be 1000 octets with CRLF; shorter would refuse valid mail.
        if let n = entry["max_line_length"] {
            limits.maxLineLength = try fields.integer(n, at: "limits.max_line_length", minimum: 1000)
        }
        if let n = entry["max_connections"] {
            limits.maxConnections = try fields.integer(n, at: "limits.max_connections", minimum: 1)
        }
        if let n = entry["max_errors"] { limits.maxErrors = try fields.integer(n, at: "limits.max_errors", minimum: 1) }
        return limits
    }

    static func timeouts(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> ServerConfiguration.Timeouts
    {
        let entry = try fields.mapping(
            node, at: "timeouts", allowed: ["command", "data", "shutdown_grace", "delivery"])
        var timeouts = ServerConfiguration.Timeouts()
        if let n = entry["command"] { timeouts.command = try fields.duration(n, at: "timeouts.command", minimum: 1) }
        if let n = entry["data"] { timeouts.data = try fields.duration(n, at: "timeouts.data", minimum: 1) }
        if let n = entry["delivery"] { timeouts.delivery = try fields.duration(n, at: "timeouts.delivery", minimum: 1) }
        if let n = entry["shutdown_grace"] {
            timeouts.shutdownGrace = try fields.duration(n, at: "timeouts.shutdown_grace", minimum: 0)
        }
        return timeouts
    }

    static func maildir(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> Maildir {
        let keys = ["root", "default_team", "dedupe_window", "dedupe_untraced", "fsync_threads"]
        let entry = try fields.mapping(node, at: "maildir", allowed: keys)
        var maildir = Maildir()
        if let n = entry["root"] {
            maildir.root = try fields.string(n, at: "maildir.root")
            guard !maildir.root.isEmpty else { throw fields.error(n, "maildir.root: must not be empty") }
        }
        if let n = entry["default_team"] {
            maildir.defaultTeam = try fields.string(n, at: "maildir.default_team")
            guard MaildirWriter.isValidTeam(maildir.defaultTeam) else {
                throw fields.error(
                    n, "maildir.default_team: '\(maildir.defaultTeam)' must be one path component not starting with '.'"
                )
            }
        }
        if let n = entry["dedupe_untraced"] {
            maildir.dedupeUntraced = try fields.boolean(n, at: "maildir.dedupe_untraced")
        }
        if let n = entry["dedupe_window"] {
            maildir.dedupeWindow = try fields.duration(n, at: "maildir.dedupe_window", minimum: 0)
        }
        if let n = entry["fsync_threads"] {
            maildir.fsyncThreads = try fields.integer(n, at: "maildir.fsync_threads", minimum: 1)
            guard maildir.fsyncThreads <= 1024 else { throw fields.error(n, "maildir.fsync_threads: at most 1024") }
        }
        return maildir
    }

    static func logLevel(_ node: Node, _ fields: YAMLFields) throws(ConfigurationError) -> Logger.Level {
        let entry = try fields.mapping(node, at: "logging", allowed: ["level"])
        guard let n = entry["level"] else { return .info }
        let text = try fields.string(n, at: "logging.level")
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw fields.error(n, "logging.level: '\(text)' is not one of \(names)")
        }
        return level
    }

    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { return out }
            out += chunk.prefix(got)
        }
    }
}
