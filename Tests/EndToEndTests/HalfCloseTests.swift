// What Exim does at the end of a delivery: pipeline QUIT after the last chunk, then half-close.
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("client half-close", .endToEnd)
struct HalfCloseTests {
    /// Exim sends `BDAT n LAST`, the data and `QUIT` in one go and then shuts down its sending
    /// side (shutdown(SHUT_WR)). The end of the client's input must not cost it the replies: every
    /// recipient's 250 and the 221 still have to arrive, or the MTA defers and sends again.
    @Test("BDAT LAST + pipelined QUIT + client half-close: all replies still arrive")
    func repliesSurviveHalfClose() async throws {
        let scratch = try E2E.makeScratch("half-close")
        defer { E2E.removeScratch(scratch) }
        let gateway = try Gateway(scratch: scratch)
        try await gateway.start()
        let port = gateway.lmtpPort
        let body = Array("Subject: half-close\r\n\r\nhello\r\n".utf8)
        let commands = "MAIL FROM:<sender@example.org>\r\nRCPT TO:<alice@example.com>\r\n"
            + "RCPT TO:<bob@example.com>\r\nBDAT \(body.count) LAST\r\n"
        let pipelined = Array(commands.utf8) + body + Array("QUIT\r\n".utf8)
        let transcript = try await Task.detached { try Self.halfCloseSession(port: port, payload: pipelined) }.value
        try await gateway.stop()
        let lines = transcript.split(whereSeparator: \.isNewline).map(String.init)
        // MAIL, RCPT, RCPT, then one reply per recipient after BDAT LAST, then QUIT's 221.
        #expect(lines.filter { $0.hasPrefix("250 ") }.count == 5, "\(transcript)")
        #expect(lines.last?.hasPrefix("221") == true, "\(transcript)")
        #expect(Maildirs.files(in: gateway.newDirectory).count == 2)
    }

    /// Greeting, LHLO, then `payload` in one write, shutdown(SHUT_WR), and everything the server
    /// sends until it closes (at most 10 s).
    static func halfCloseSession(port: Int, payload: [UInt8]) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackError.socket(errno) }
        defer { close(fd) }
        var tv = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw LoopbackError.socket(errno) }
        func send(_ bytes: [UInt8]) {
            _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        func read(until done: (String) -> Bool) -> String {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !done(String(decoding: bytes, as: UTF8.self)) {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                bytes += buffer[0..<n]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        _ = read { $0.contains("\r\n") }
        send(Array("LHLO client.e2e.test\r\n".utf8))
        _ = read { $0.split(separator: "\r\n").contains { $0.hasPrefix("250 ") } }
        send(payload)
        shutdown(fd, Int32(SHUT_WR))
        return read { _ in false }
    }
}
