import Foundation
import Logging
import SwitchyardServer
import Testing

@testable import SwitchyardGateway

@Suite struct ConfigurationTests {
    func parse(_ text: String) throws(ConfigurationError) -> GatewayConfiguration {
        try GatewayConfiguration.parse(yaml: text, file: "test.yaml")
    }

    /// The error a configuration text gets, as the operator sees it.
    func refusal(_ text: String) -> String? {
        do throws(ConfigurationError) {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func anEmptyFileRunsOnTheDocumentedDefaults() throws {
        let config = try parse("")
        #expect(config.server.listeners == [.init(dialect: .lmtp, address: .tcp(host: "127.0.0.1", port: 2424))])
        #expect(config.server.trustedNetworks.map(\.description) == ["127.0.0.0/8", "0:0:0:0:0:0:0:1/128"])
        #expect(config.server.tls == nil)
        #expect(!config.server.hostname.isEmpty)
        #expect(config.server.limits == ServerConfiguration.Limits())
        #expect(config.server.limits.maxMessageSize == 50 * 1024 * 1024)
        #expect(config.server.timeouts == ServerConfiguration.Timeouts())
        #expect(config.server.timeouts.command == 300 && config.server.timeouts.shutdownGrace == 30)
        #expect(config.server.timeouts.delivery == 300)
        #expect(config.recipients.acceptsEverything)
        #expect(config.maildir.root == "./var/maildirs")
        #expect(config.maildir.defaultTeam == "support")
        #expect(config.maildir.dedupeWindow == 86400)
        #expect(!config.maildir.dedupeUntraced)
        #expect(config.maildir.fsyncThreads == 16)
        #expect(config.logLevel == .info)
    }

    @Test func everyKeyIsRead() throws {
        let config = try parse(
            """
            listeners:
              - protocol: lmtp
                address: "[::1]:24"
              - protocol: SMTP
                address: 127.0.0.1:0
              - protocol: lmtp
                address: unix:/run/switchyard/lmtp.sock
            hostname: gw.example.com
            trusted_networks: [10.0.0.0/8, "2001:db8::/32"]
            accept:
              domains: [Example.COM]
              addresses: [postmaster@other.example]
            limits:
              max_message_size: 10M
              max_recipients: 100
              max_line_length: 2000
              max_connections: 64
              max_errors: 5
            timeouts:
              command: 5m
              data: 90s
              shutdown_grace: 10
              delivery: 2m
            maildir:
              root: /srv/mail
              default_team: billing
              dedupe_window: 2h
              dedupe_untraced: yes
              fsync_threads: 4
            logging:
              level: debug
            """
        )
        #expect(
            config.server.listeners.map(\.address.description) == [
                "[::1]:24", "127.0.0.1:0", "unix:/run/switchyard/lmtp.sock",
            ])
        #expect(config.server.listeners.map(\.dialect) == [.lmtp, .smtp, .lmtp])
        #expect(config.server.hostname == "gw.example.com")
        #expect(config.server.trustedNetworks.count == 2)
        #expect(config.server.trustedNetworks.first?.contains("10.1.2.3") == true)
        #expect(config.recipients.rejection(for: "a@example.com") == nil)
        #expect(config.recipients.rejection(for: "POSTMASTER@other.example") == nil)
        #expect(config.recipients.rejection(for: "a@other.example") != nil)
        let limits = config.server.limits
        #expect(
            limits.maxMessageSize == 10 * 1024 * 1024 && limits.maxRecipients == 100 && limits.maxLineLength == 2000)
        #expect(limits.maxConnections == 64 && limits.maxErrors == 5)
        #expect(config.server.timeouts.command == 300 && config.server.timeouts.data == 90)
        #expect(config.server.timeouts.shutdownGrace == 10 && config.server.timeouts.delivery == 120)
        #expect(config.maildir.root == "/srv/mail" && config.maildir.defaultTeam == "billing")
        #expect(config.maildir.dedupeWindow == 7200 && config.maildir.fsyncThreads == 4)
        #expect(config.maildir.dedupeUntraced)
        #expect(config.logLevel == .debug)
    }

    @Test func theExampleConfigurationLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let config = try GatewayConfiguration.load(
            file: root.appendingPathComponent("contrib/example/switchyard.yaml").path)
        #expect(config.server.listeners == [.init(dialect: .lmtp, address: .tcp(host: "127.0.0.1", port: 2424))])
        #expect(config.maildir.root == "./var/maildirs")
        #expect(config.recipients.rejection(for: "help@example.com") == nil)
        #expect(config.recipients.rejection(for: "someone@elsewhere.example") != nil)
    }

    /// Each bad file and the start of what the operator is told, line number included.
    static let refusals: [(yaml: String, message: String)] = [
        ("hostname: gw\nlimts:\n  max_errors: 3\n", "test.yaml:2: unknown key 'limts'"),
        ("limits:\n  max_errors: 3\n  max_eror: 4\n", "test.yaml:3: unknown key 'limits.max_eror'"),
        ("limits:\n  max_recipients: many\n", "test.yaml:2: limits.max_recipients: expected an integer, got 'many'"),
        ("limits:\n\n  max_line_length: 80\n", "test.yaml:3: limits.max_line_length: must be at least 1000, got 80"),
        ("trusted_networks:\n  - 127.0.0.0/8\n  - 10.0.0.0/33\n", "test.yaml:3: trusted_networks: '10.0.0.0/33'"),
        (
            "listeners:\n  - protocol: lmtp\n    address: 127.0.0.1:99999\n",
            "test.yaml:3: listeners: address '127.0.0.1:99999'"
        ),
        ("listeners:\n  - protocol: imap\n    address: 127.0.0.1:24\n", "test.yaml:2: listeners: protocol 'imap'"),
        ("listeners:\n  - address: 127.0.0.1:24\n", "test.yaml:2: listeners: each listener needs"),
        ("listeners: 127.0.0.1:24\n", "test.yaml:1: listeners: expected a non-empty list"),
        ("timeouts:\n  data: soon\n", "test.yaml:2: timeouts.data: expected a duration"),
        ("timeouts:\n  delivery: 0\n", "test.yaml:2: timeouts.delivery: must be at least 1"),
        ("maildir:\n  default_team: ../etc\n", "test.yaml:2: maildir.default_team"),
        ("maildir:\n  fsync_threads: 0\n", "test.yaml:2: maildir.fsync_threads: must be at least 1"),
        ("maildir:\n  dedupe_untraced: maybe\n", "test.yaml:2: maildir.dedupe_untraced: expected true or false"),
        ("accept:\n  domains: [example.com, 'bad domain']\n", "test.yaml:2: accept.domains: 'bad domain'"),
        ("accept:\n  addresses:\n    - nobody\n", "test.yaml:3: accept.addresses: 'nobody'"),
        ("logging:\n  level: loud\n", "test.yaml:2: logging.level: 'loud'"),
        (
            "tls:\n  certificate: /nonexistent/cert.pem\n  key: /nonexistent/key.pem\n",
            "test.yaml:2: tls: cannot read '/nonexistent/cert.pem'"
        ),
        ("tls:\n  certificate: /etc/hostname\n", "test.yaml:2: tls: needs both"),
        ("maildir: [a, b]\n", "test.yaml:1: maildir: expected a mapping"),
        ("hostname: 'not a host'\n", "test.yaml:1: hostname: 'not a host'"),
    ]

    @Test(arguments: refusals)
    func errorsNameTheFileAndTheLine(_ bad: (yaml: String, message: String)) {
        let message = refusal(bad.yaml)
        #expect(message?.hasPrefix(bad.message) == true, "got \(message ?? "no error")")
    }

    @Test func yamlSyntaxErrorsCarryTheirLine() {
        let message = refusal("hostname: gw\nlimits:\n  max_errors: [1, 2\n")
        #expect(message?.hasPrefix("test.yaml:") == true)
        #expect(message?.contains("YAML syntax") == true)
        #expect(refusal("hostname: a\nhostname: b\n")?.contains("duplicate key") == true)
    }

    @Test func aMissingFileIsRefused() {
        do throws(ConfigurationError) {
            _ = try GatewayConfiguration.load(file: "/nonexistent/switchyard.yaml")
            Issue.record("a missing file must be refused")
        } catch {
            #expect(error.description == "/nonexistent/switchyard.yaml: cannot read: No such file or directory")
        }
    }

    @Test func durationsAndSizes() {
        #expect(YAMLFields.parseDuration("30") == 30)
        #expect(YAMLFields.parseDuration("1.5s") == 1.5)
        #expect(YAMLFields.parseDuration("5m") == 300)
        #expect(YAMLFields.parseDuration("24h") == 86400)
        #expect(YAMLFields.parseDuration("7d") == 604_800)
        #expect(YAMLFields.parseDuration("-1") == nil)
        #expect(YAMLFields.parseDuration("soon") == nil)
        #expect(YAMLFields.parseByteSize("10240000") == 10_240_000)
        #expect(YAMLFields.parseByteSize("512K") == 524_288)
        #expect(YAMLFields.parseByteSize("50MB") == 52_428_800)
        #expect(YAMLFields.parseByteSize("1_000") == 1000)
        #expect(YAMLFields.parseByteSize("lots") == nil)
    }

    @Test func bindAddresses() {
        #expect(GatewayConfiguration.bindAddress("127.0.0.1:2424") == .tcp(host: "127.0.0.1", port: 2424))
        #expect(GatewayConfiguration.bindAddress("[::1]:24") == .tcp(host: "::1", port: 24))
        #expect(GatewayConfiguration.bindAddress("localhost:25") == .tcp(host: "localhost", port: 25))
        #expect(GatewayConfiguration.bindAddress("unix:/run/s.sock") == .unix(path: "/run/s.sock"))
        #expect(GatewayConfiguration.bindAddress("::1:24") == nil)
        #expect(GatewayConfiguration.bindAddress("127.0.0.1") == nil)
        #expect(GatewayConfiguration.bindAddress("127.0.0.1:-1") == nil)
        #expect(GatewayConfiguration.bindAddress("[zz]:24") == nil)
        #expect(GatewayConfiguration.bindAddress("unix:") == nil)
    }

    @Test func recipientPolicy() {
        let policy = RecipientPolicy(domains: ["example.com"], addresses: ["Ops@Other.Example"])
        #expect(policy.rejection(for: "anyone@EXAMPLE.com") == nil)
        #expect(policy.rejection(for: "<anyone@example.com>") == nil)
        #expect(policy.rejection(for: "ops@other.example") == nil)
        #expect(
            policy.rejection(for: "dev@other.example") == "other.example is not a domain this gateway accepts mail for")
        #expect(policy.rejection(for: "postmaster") == "no domain in recipient address")
        #expect(policy.rejection(for: "a@sub.example.com") != nil)
        #expect(RecipientPolicy().rejection(for: "x@anything.example") == nil)
    }
}
