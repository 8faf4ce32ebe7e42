// `switchyard serve` as an operator meets it: a bad config file is refused before anything starts.
import Foundation
import Testing

@Suite("switchyard serve", .endToEnd)
struct ServeCommandTests {
    /// A typo in the config must stop the start with the file, the line and the reason, and a
    /// non-zero exit code, so a service manager does not report a gateway that is not there.
    @Test("A bad config is refused at start with file:line and a non-zero exit")
    func badConfigRefused() async throws {
        let scratch = try E2E.makeScratch("bad-config")
        defer { E2E.removeScratch(scratch) }
        let config = scratch.appendingPathComponent("broken.yaml")
        try """
        listeners:
          - protocol: lmtp
            address: "127.0.0.1:2525"
        trusted_networks:
          - 10.0.0.0/33
        """.write(to: config, atomically: true, encoding: .utf8)
        let result = try await Command.run(try Gateway.binary(), ["serve", "--config", config.path], timeout: 60)
        #expect(result.status != 0, "\(result.transcript)")
        // Line 5 holds the impossible /33 prefix.
        #expect(result.stderr.contains("broken.yaml:5"), "\(result.stderr)")
        #expect(result.stderr.contains("10.0.0.0/33"), "the reason should name the bad value: \(result.stderr)")
    }
}
