// Running the real clients and peers as child processes, bounded in time.
import Foundation

/// What a finished child process left behind.
struct CommandResult: Sendable {
    let pid: Int32
    let status: Int32
    let stdout: String
    let stderr: String
    /// Both streams, for failure messages.
    var transcript: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// A child process did not finish within its time bound; it has been killed.
struct CommandTimedOut: Error, CustomStringConvertible {
    let command: String
    let seconds: Double
    var description: String { "\(command) did not finish within \(seconds) s (killed)" }
}

enum Command {
    /// Runs `executable` with `arguments`, feeding `input` on stdin, and waits at most `timeout`
    /// seconds. Output goes through files, not pipes, so a chatty child can never block on a full
    /// pipe while we wait for it.
    static func run(
        _ executable: String, _ arguments: [String], input: Data = Data(),
        environment: [String: String]? = nil, timeout: Double = 120
    ) async throws -> CommandResult {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchyard-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("in")
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        try input.write(to: inURL)

        let child = try ChildProcess(
            executable: executable, arguments: arguments, stdinPath: inURL.path, outputPath: outURL.path,
            errorPath: errURL.path, environment: environment)
        guard let status = try await child.wait(timeout: timeout) else {
            child.killNow()
            throw CommandTimedOut(command: ([executable] + arguments).joined(separator: " "), seconds: timeout)
        }
        let out = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return CommandResult(pid: child.pid, status: status, stdout: out, stderr: err)
    }

    /// Runs a tool found on the search path (see `E2E.tool`).
    static func tool(
        _ name: String, _ arguments: [String], input: Data = Data(),
        environment: [String: String]? = nil, timeout: Double = 120
    ) async throws -> CommandResult {
        try await run(E2E.tool(name), arguments, input: input, environment: environment, timeout: timeout)
    }
}
