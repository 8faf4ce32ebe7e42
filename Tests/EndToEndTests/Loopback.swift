// Loopback ports for the servers a test starts.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Free TCP ports on 127.0.0.1 and waiting for a server's greeting on one.
enum Loopback {
    /// A port the kernel just handed out for 127.0.0.1 and that nothing listens on. The server
    /// under test needs the number in its config file before it starts, so it cannot bind port 0
    /// itself; the kernel does not hand the same ephemeral port out again right away.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackError.socket(errno) }
        defer { close(fd) }
        var address = loopbackAddress(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw LoopbackError.socket(errno) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw LoopbackError.socket(errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Reads the first line the server sends on `port`, or nil when nothing answers.
    static func greeting(port: Int, timeout: Double = 2) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = loopbackAddress(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while !bytes.contains(0x0A) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        let quit = Array("QUIT\r\n".utf8)
        _ = quit.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// Waits (bounded) until a server greets with 220 on `port`.
    static func waitForGreeting(port: Int, timeout: Double, alive: () -> Bool = { true }) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = greeting(port: port), line.hasPrefix("220") { return }
            guard alive() else { throw LoopbackError.serverExited(port: port) }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LoopbackError.noGreeting(port: port, seconds: timeout)
    }

    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// Why a loopback server could not be reached.
enum LoopbackError: Error, CustomStringConvertible {
    case socket(Int32)
    case noGreeting(port: Int, seconds: Double)
    case serverExited(port: Int)

    var description: String {
        switch self {
        case .socket(let code): return "socket error \(code)"
        case .noGreeting(let port, let seconds): return "no 220 greeting on 127.0.0.1:\(port) within \(seconds) s"
        case .serverExited(let port): return "the server for 127.0.0.1:\(port) exited before greeting"
        }
    }
}
