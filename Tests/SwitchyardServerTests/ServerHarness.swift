import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import SwitchyardSMTP
import SwitchyardServer

/// Starts a real SMTPServer in a ServiceGroup on 127.0.0.1 port 0 and shuts it down gracefully.
enum ServerHarness {
    static func configuration(
        _ dialect: ServerConfiguration.Dialect = .lmtp, tls: ServerConfiguration.TLSFiles? = nil,
        trusted: [String] = [], limits: ServerConfiguration.Limits = .init(),
        timeouts: ServerConfiguration.Timeouts = .init(), extraListeners: [ServerConfiguration.Listener] = []
    ) -> ServerConfiguration {
        ServerConfiguration(
            listeners: [.init(dialect: dialect, address: .tcp(host: "127.0.0.1", port: 0))] + extraListeners,
            hostname: "mx.test", tls: tls, trustedNetworks: trusted.compactMap(NetworkRange.init), limits: limits,
            timeouts: timeouts)
    }

    static var logger: Logger {
        var logger = Logger(label: "switchyard.test")
        logger.logLevel = ProcessInfo.processInfo.environment["SWITCHYARD_TEST_LOG"] == nil ? .warning : .debug
        return logger
    }

    /// Runs `body` against a live server; afterwards triggers graceful shutdown and waits for `run()` to return.
    static func withServer<T>(
        _ configuration: ServerConfiguration, agent: any DeliveryAgent,
        _ body: (SMTPServer, [SocketAddress], ServiceGroup) async throws -> T
    ) async throws -> T {
        let server = SMTPServer(configuration: configuration, agent: agent, logger: logger)
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let addresses = try await server.boundAddresses()
                let result = try await body(server, addresses, group)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A self-signed certificate for "localhost", made by the openssl CLI in a fresh temp dir.
    static func makeCertificate() throws -> ServerConfiguration.TLSFiles {
        let directory = try temporaryDirectory()
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost", "-days", "2", "-keyout", key, "-out", certificate,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CertificateError.openssl(process.terminationStatus) }
        return ServerConfiguration.TLSFiles(certificatePath: certificate, privateKeyPath: key)
    }

    enum CertificateError: Error {
        case openssl(Int32)
    }
}
