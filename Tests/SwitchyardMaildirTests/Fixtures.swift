import Foundation
import NIOPosix
import SwitchyardSMTP

@testable import SwitchyardMaildir

/// A fresh directory per test (tests run in parallel), removed afterwards.
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/switchyard-maildir-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        path = String(cString: made)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

func files(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}

func contents(_ path: String) -> [UInt8] {
    FileManager.default.contents(atPath: path).map { Array($0) } ?? []
}

func crlf(_ text: String) -> [UInt8] {
    Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
}

func envelope(
    to recipients: [String] = ["alice@example.com"], from sender: String = "bob@example.org",
    forwarded: ForwardedClient? = nil, peer: String = "127.0.0.1", queueID: String = "Q1"
) -> Envelope {
    Envelope(
        sender: sender, recipients: recipients.map { EnvelopeRecipient(address: $0) }, heloName: "client.example.org",
        peerAddress: peer, forwardedClient: forwarded, receivedProtocol: "LMTP", queueID: queueID
    )
}

/// A writer on its own started pool and temp root; the pool is shut down when `body` returns.
func withWriter<T>(
    root: String, dedupeWindow: Double = 3600, dedupeUntraced: Bool = false, threads: Int = 4,
    _ body: (MaildirWriter) async throws -> T
) async throws -> T {
    let pool = NIOThreadPool(numberOfThreads: threads)
    pool.start()
    let writer = MaildirWriter(
        configuration: .init(
            root: root, hostname: "mx.test", dedupeWindow: dedupeWindow, dedupeUntraced: dedupeUntraced
        ),
        threadPool: pool
    )
    do {
        let result = try await body(writer)
        try await pool.shutdownGracefully()
        return result
    } catch {
        try? await pool.shutdownGracefully()
        throw error
    }
}

let plainMessage = crlf(
    "From: bob@example.org\nTo: alice@example.com\nSubject: Hello\nMessage-ID: <m1@example.org>\n\nHi there.\n")
let tracedMessage = crlf(
    "Received: from mx.example.org by relay.example.com (Postfix) with ESMTP id 4XyZ1;\n"
        + "\tFri, 27 Nov 2026 11:00:00 +0000\n"
        + "From: bob@example.org\nTo: alice@example.com\nSubject: Traced\nMessage-ID: <t1@example.org>\n\nBody.\n"
)
