// The server under test: the real `switchyard serve --config FILE` binary on loopback ports.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a test wants from the gateway's configuration.
struct GatewayOptions {
    /// Also listen for plain SMTP (the LMTP listener is always there).
    var smtp = false
    /// PEM certificate and key for STARTTLS.
    var tls: (certificate: URL, key: URL)?
    /// Seconds within which a redelivery of the same message to the same recipient is not stored
    /// again; nil keeps the gateway's default, 0 turns de-duplication off.
    var dedupeWindow: Int?
    var acceptDomains = ["example.com", "support.example.com", "bench.test"]
    /// Where the Maildirs go; nil means `<scratch>/maildirs`.
    var maildirRoot: URL?
    var team = "support"
    /// Also listen for LMTP on this unix socket (Postfix's `lmtp:unix:` transport).
    var unixSocket: URL?
}

/// One gateway process with its own config, ports, log and Maildir root.
///
/// `SWITCHYARD_E2E_SERVER=dovecot` swaps in a throwaway Dovecot LMTP instance writing the same
/// Maildir (all recipients into `<root>/<team>`): the reference the harness was validated
/// against, and a way to tell a harness fault from a gateway fault.
final class Gateway {
    let scratch: URL
    let options: GatewayOptions
    let lmtpPort: Int
    let smtpPort: Int?
    let maildirRoot: URL
    let configFile: URL
    let logFile: URL
    let isDovecot: Bool
    private var process: ChildProcess?

    init(scratch: URL, options: GatewayOptions = GatewayOptions()) throws {
        self.scratch = scratch
        self.options = options
        self.isDovecot = E2E.environment["SWITCHYARD_E2E_SERVER"] == "dovecot"
        self.lmtpPort = try Loopback.freePort()
        self.smtpPort = options.smtp ? try Loopback.freePort() : nil
        self.maildirRoot = options.maildirRoot ?? scratch.appendingPathComponent("maildirs")
        self.configFile = scratch.appendingPathComponent(isDovecot ? "dovecot.conf" : "switchyard.yaml")
        self.logFile = scratch.appendingPathComponent(isDovecot ? "dovecot.log" : "switchyard.log")
        try writeConfig()
    }

    deinit { process?.killNow() }

    /// The team Maildir every message lands in until routing exists.
    var teamMaildir: URL { maildirRoot.appendingPathComponent(options.team) }
    var newDirectory: URL { teamMaildir.appendingPathComponent("new") }
    var pid: Int32? { process?.pid }
    var isRunning: Bool { process?.isRunning ?? false }
    var log: String { String(decoding: (try? Data(contentsOf: logFile)) ?? Data(), as: UTF8.self) }

    /// Where `breakMaildirRoot()` keeps the real root while it is broken.
    var savedMaildirRoot: URL { scratch.appendingPathComponent("maildirs.saved") }

    /// Makes every delivery fail: the root is moved aside and a regular file put in its place, so
    /// every path below it fails with ENOTDIR (tests run as root, so chmod would stop nothing).
    func breakMaildirRoot() throws {
        try FileManager.default.createDirectory(at: maildirRoot, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: maildirRoot, to: savedMaildirRoot)
        try Data("not a directory\n".utf8).write(to: maildirRoot)
    }

    /// Undoes `breakMaildirRoot()`.
    func repairMaildirRoot() throws {
        try FileManager.default.removeItem(at: maildirRoot)
        try FileManager.default.moveItem(at: savedMaildirRoot, to: maildirRoot)
    }

    /// Starts the process and waits for the 220 greeting on the LMTP port.
    func start(timeout: Double = 60) async throws {
        let executable: String
        let arguments: [String]
        if isDovecot {
            executable = try E2E.tool("dovecot")
            arguments = ["-F", "-c", configFile.path]
        } else {
            executable = try Self.binary()
            arguments = ["serve", "--config", configFile.path]
        }
        let process = try ChildProcess(
            executable: executable, arguments: arguments, outputPath: logFile.path, errorPath: logFile.path)
        self.process = process
        do {
            try await Loopback.waitForGreeting(port: lmtpPort, timeout: timeout, alive: { process.isRunning })
            if let smtpPort {
                try await Loopback.waitForGreeting(port: smtpPort, timeout: timeout, alive: { process.isRunning })
            }
        } catch {
            throw GatewayFailure(reason: "\(error)", log: log)
        }
    }

    /// SIGTERM, then waits (bounded) for a graceful exit; returns the exit status.
    @discardableResult
    func stop(timeout: Double = 40) async throws -> Int32 {
        guard let process else { return 0 }
        defer { self.process = nil }
        process.signal(SIGTERM)
        guard let status = try await process.wait(timeout: timeout) else {
            process.killNow()
            throw GatewayFailure(reason: "did not exit within \(timeout) s of SIGTERM", log: log)
        }
        return status
    }

    /// SIGKILL: the crash the durability promise must survive.
    func crash() {
        process?.killNow()
        process = nil
    }

    /// The built `switchyard` executable: SWITCHYARD_BIN, else beside the test bundle, which is
    /// where `swift test` puts it because EndToEndTests depends on the executable target.
    static func binary() throws -> String {
        if let path = E2E.environment["SWITCHYARD_BIN"] { return try E2E.tool(path) }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidates = [
            me.deletingLastPathComponent().appendingPathComponent("switchyard"),
            me.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("switchyard"),
        ]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate.path
        }
        throw MissingTool(name: "switchyard binary (looked beside \(me.path); set SWITCHYARD_BIN)")
    }

    private func writeConfig() throws {
        let text = isDovecot ? dovecotConfig() : switchyardConfig()
        try text.write(to: configFile, atomically: true, encoding: .utf8)
    }

    private func switchyardConfig() -> String {
        var lines = [
            "# Written by the end-to-end tests.",
            "hostname: gateway.e2e.test",
            "listeners:",
            "  - protocol: lmtp",
            "    address: \"127.0.0.1:\(lmtpPort)\"",
        ]
        if let smtpPort {
            lines += ["  - protocol: smtp", "    address: \"127.0.0.1:\(smtpPort)\""]
        }
        if let socket = options.unixSocket {
            lines += ["  - protocol: lmtp", "    address: \"unix:\(socket.path)\""]
        }
        if let tls = options.tls {
            lines += ["tls:", "  certificate: \"\(tls.certificate.path)\"", "  key: \"\(tls.key.path)\""]
        }
        lines += ["trusted_networks: [\"127.0.0.0/8\"]", "accept:", "  domains:"]
        lines += options.acceptDomains.map { "    - \"\($0)\"" }
        lines += ["maildir:", "  root: \"\(maildirRoot.path)\"", "  default_team: \"\(options.team)\""]
        if let window = options.dedupeWindow { lines.append("  dedupe_window: \(window)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func dovecotTLS() -> String {
        guard let tls = options.tls else { return "ssl = no" }
        return "ssl = yes\nssl_cert = <\(tls.certificate.path)\nssl_key = <\(tls.key.path)"
    }

    /// Dovecot 2.3 LMTP writing every recipient's copy into the one team Maildir, as nobody.
    private func dovecotConfig() -> String {
        let base = scratch.appendingPathComponent("dovecot").path
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(at: maildirRoot, withIntermediateDirectories: true)
        _ = chown(maildirRoot.path, 65534, 65534)
        return """
            base_dir = \(base)/run
            state_dir = \(base)/state
            log_path = \(logFile.path)
            protocols = lmtp
            listen = 127.0.0.1
            \(dovecotTLS())
            mail_location = maildir:\(teamMaildir.path):INDEX=MEMORY
            lmtp_save_to_detail_mailbox = no
            passdb {
              driver = static
              args = nopassword=y
            }
            userdb {
              driver = static
              args = uid=nobody gid=nogroup home=\(maildirRoot.path)
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port = \(lmtpPort)
              }
            }
            service anvil {
              chroot =
            }
            service stats {
              inet_listener http {
                port = 0
              }
            }

            """
    }
}

/// The gateway could not be started or stopped; carries its log for the failure message.
struct GatewayFailure: Error, CustomStringConvertible {
    let reason: String
    let log: String
    var description: String { "gateway: \(reason)\n--- gateway log (last 4000 chars)\n\(log.suffix(4000))" }
}
