// The end-to-end environment: whether the suite runs, where the package and the tools are.
import Foundation
import Testing

/// Switches and paths shared by every end-to-end test.
///
/// The suite runs only when `SWITCHYARD_E2E=1` (what `make test` sets after installing the
/// tools with scripts/ensure-deps.sh). When it runs, a missing tool is a failure, not a skip:
/// CI must never report green for a peer it did not exercise.
enum E2E {
    static let environment = ProcessInfo.processInfo.environment

    static let enabled = environment["SWITCHYARD_E2E"] == "1"

    /// The repository root, found from this file's path (tests run from any directory).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Folders searched for tools; root's PATH in CI may lack the sbin directories Postfix uses.
    static let searchPath: [String] =
        (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        + ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// The absolute path of a tool, or a recorded failure naming the script that installs it.
    static func tool(_ name: String) throws -> String {
        if name.hasPrefix("/") {
            if FileManager.default.isExecutableFile(atPath: name) { return name }
        } else {
            for dir in searchPath where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
                return dir + "/" + name
            }
        }
        throw MissingTool(name: name)
    }

    /// Exim unpacked (not installed) by `scripts/ensure-deps.sh test`.
    static var eximBinary: String { packageRoot.appendingPathComponent("var/exim/root/usr/sbin/exim4").path }

    /// A fresh directory for one test, removed by the caller's `defer`.
    static func makeScratch(_ label: String) throws -> URL {
        let base = environment["SWITCHYARD_E2E_TMP"] ?? NSTemporaryDirectory()
        let dir = URL(fileURLWithPath: base).appendingPathComponent(
            "switchyard-e2e-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // Peers that drop privileges (Dovecot, doveadm, Postfix) must be able to walk into it.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        return dir
    }

    /// Keep scratch folders for inspection when SWITCHYARD_E2E_KEEP=1.
    static func removeScratch(_ dir: URL) {
        if environment["SWITCHYARD_E2E_KEEP"] == "1" { return }
        try? FileManager.default.removeItem(at: dir)
    }
}

/// A tool the end-to-end suite needs is not installed: run `scripts/ensure-deps.sh test`.
struct MissingTool: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) is not installed; `make test-deps` (scripts/ensure-deps.sh test) installs it" }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when SWITCHYARD_E2E=1.
    static var endToEnd: Self { .enabled(if: E2E.enabled, "set SWITCHYARD_E2E=1 (make test) to run real clients") }
}
