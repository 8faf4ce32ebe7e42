// A throwaway Postfix: SMTP on a loopback port, relaying a domain to the gateway over LMTP.
import Foundation

/// A Postfix instance with its own config, queue, data and log folders under a test's scratch
/// folder (never the system instance): chroot off, loopback only, logging to a file through
/// postlogd, and `default_transport = error` so nothing can leave the machine.
struct PostfixInstance {
    let root: URL
    let smtpPort: Int
    let lmtpPort: Int

    var configDirectory: URL { root.appendingPathComponent("etc") }
    var logFile: URL { root.appendingPathComponent("log/postfix.log") }
    var log: String { String(decoding: (try? Data(contentsOf: logFile)) ?? Data(), as: UTF8.self) }

    init(root: URL, lmtpPort: Int) throws {
        self.root = root
        self.smtpPort = try Loopback.freePort()
        self.lmtpPort = lmtpPort
    }

    static var contrib: URL { E2E.packageRoot.appendingPathComponent("contrib/postfix") }

    /// A contrib file with the example listener 127.0.0.1:2424 replaced by the test's port.
    private func contribFile(_ name: String) throws -> String {
        try String(contentsOf: Self.contrib.appendingPathComponent(name), encoding: .utf8)
            .replacingOccurrences(of: "127.0.0.1:2424", with: "127.0.0.1:\(lmtpPort)")
    }

    func start() async throws {
        let fm = FileManager.default
        for sub in ["etc", "spool", "data", "log"] {
            try fm.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let transport = configDirectory.appendingPathComponent("transport")
        let main =
            mainCF() + "\n# ---- contrib/postfix/main.cf ----\n" + (try contribFile("main.cf"))
            + "\n# The test's copy of contrib/postfix/transport.\ntransport_maps = hash:\(transport.path)\n"
        try main.write(to: configDirectory.appendingPathComponent("main.cf"), atomically: true, encoding: .utf8)
        let master = masterCF() + "# ---- contrib/postfix/master.cf ----\n" + (try contribFile("master.cf"))
        try master.write(to: configDirectory.appendingPathComponent("master.cf"), atomically: true, encoding: .utf8)
        try contribFile("transport").write(to: transport, atomically: true, encoding: .utf8)
        let postmap = try await Command.tool("postmap", ["-c", configDirectory.path, transport.path], timeout: 60)
        guard postmap.status == 0 else { throw PostfixFailure(step: "postmap", detail: postmap.transcript) }
        _ = try await Command.tool("chown", ["postfix", root.appendingPathComponent("data").path])
        // `postfix check` creates the queue folders with the owners and modes Postfix wants.
        let check = try await Command.tool("postfix", ["-c", configDirectory.path, "check"], timeout: 60)
        guard check.status == 0 else { throw PostfixFailure(step: "check", detail: check.transcript + log) }
        let start = try await Command.tool("postfix", ["-c", configDirectory.path, "start"], timeout: 60)
        guard start.status == 0 else { throw PostfixFailure(step: "start", detail: start.transcript + log) }
        do {
            try await Loopback.waitForGreeting(port: smtpPort, timeout: 30)
        } catch {
            throw PostfixFailure(step: "greeting", detail: "\(error)\n\(log)")
        }
    }

    func stop() async {
        _ = try? await Command.tool("postfix", ["-c", configDirectory.path, "stop"], timeout: 60)
        // `postfix stop` returns before the master is gone; wait (bounded) for its pid file's pid.
        let pidFile = root.appendingPathComponent("spool/pid/master.pid")
        let text = (try? String(contentsOf: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = text.flatMap({ Int32($0) }) else { return }
        for _ in 0..<100 where kill(pid, 0) == 0 { try? await Task.sleep(for: .milliseconds(100)) }
    }

    /// Whether the queue is empty (`postqueue -p`).
    func queueIsEmpty() async throws -> Bool {
        let result = try await Command.tool("postqueue", ["-c", configDirectory.path, "-p"], timeout: 30)
        return result.stdout.contains("Mail queue is empty")
    }

    /// Asks Postfix to retry deferred mail now (`postqueue -f`).
    func flush() async throws {
        _ = try await Command.tool("postqueue", ["-c", configDirectory.path, "-f"], timeout: 30)
    }

    /// Waits (bounded) until the queue is empty.
    func waitForEmptyQueue(timeout: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await queueIsEmpty() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    private func mainCF() -> String {
        """
        compatibility_level = 3.6
        queue_directory = \(root.path)/spool
        data_directory = \(root.path)/data
        mail_owner = postfix
        setgid_group = postdrop
        myhostname = mx.e2e.test
        mydomain = e2e.test
        myorigin = $myhostname
        inet_interfaces = 127.0.0.1
        inet_protocols = ipv4
        mynetworks = 127.0.0.0/8
        mydestination =
        local_recipient_maps =
        alias_maps =
        alias_database =
        biff = no
        smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
        default_transport = error:this test instance delivers only what contrib/postfix routes
        smtputf8_enable = yes
        lmtp_tls_security_level = may
        # Retry deferred mail quickly: a fault test flushes the queue after repairing the gateway.
        queue_run_delay = 1s
        minimal_backoff_time = 1s
        maximal_backoff_time = 2s
        maillog_file = \(logFile.path)
        maillog_file_prefixes = \(root.path)

        """
    }

    private func masterCF() -> String {
        """
        127.0.0.1:\(smtpPort) inet n - n - - smtpd
        pickup    unix  n       -       n       60      1       pickup
        cleanup   unix  n       -       n       -       0       cleanup
        qmgr      unix  n       -       n       300     1       qmgr
        tlsmgr    unix  -       -       n       1000?   1       tlsmgr
        rewrite   unix  -       -       n       -       -       trivial-rewrite
        bounce    unix  -       -       n       -       0       bounce
        defer     unix  -       -       n       -       0       bounce
        trace     unix  -       -       n       -       0       bounce
        verify    unix  -       -       n       -       1       verify
        flush     unix  n       -       n       1000?   0       flush
        proxymap  unix  -       -       n       -       -       proxymap
        proxywrite unix -       -       n       -       1       proxymap
        smtp      unix  -       -       n       -       -       smtp
        relay     unix  -       -       n       -       -       smtp
        showq     unix  n       -       n       -       -       showq
        error     unix  -       -       n       -       -       error
        retry     unix  -       -       n       -       -       error
        discard   unix  -       -       n       -       -       discard
        lmtp      unix  -       -       n       -       -       lmtp
        anvil     unix  -       -       n       -       1       anvil
        scache    unix  -       -       n       -       1       scache
        postlog   unix-dgram n  -       n       -       1       postlogd

        """
    }
}

/// A step of running the throwaway Postfix failed; carries its output and log.
struct PostfixFailure: Error, CustomStringConvertible {
    let step: String
    let detail: String
    var description: String { "postfix \(step) failed:\n\(detail.suffix(4000))" }
}
