// Spawning peers with a clean signal state.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn, with its stdio redirected to files.
///
/// Foundation's `Process` hands the child the signal mask of the spawning thread; swift-testing's
/// worker threads block almost every signal, so a daemon started that way never sees SIGTERM
/// (measured: SigBlk fffffffe3bfbea27 in Dovecot started from a test). Here the child gets an
/// empty mask and default dispositions, like a process started from a shell.
final class ChildProcess {
    let pid: pid_t
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments`; stdin from `stdinPath` (or /dev/null), stdout and
    /// stderr appended to `outputPath` / `errorPath`. `environment` nil inherits ours.
    init(
        executable: String, arguments: [String], stdinPath: String = "/dev/null",
        outputPath: String, errorPath: String, environment: [String: String]? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // Own process group: a crash test can SIGKILL the daemon without touching the test runner.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = [executable] + arguments
        var child: pid_t = 0
        let status = Self.withCStrings(argv) { cargv in
            Self.withCStrings(env) { cenv in
                posix_spawn(&child, executable, &actions, &attributes, cargv, cenv)
            }
        }
        guard status == 0 else { throw SpawnFailure(executable: executable, code: status) }
        self.pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            _ = reap(block: true)
        }
    }

    /// Whether the child is still running (reaps it when it has exited).
    var isRunning: Bool { exitStatus == nil && !reap(block: false) }

    /// Exit code, or 128+signal like a shell; nil while running.
    var terminationStatus: Int32? {
        _ = isRunning
        return exitStatus
    }

    func signal(_ number: Int32) { if exitStatus == nil { kill(pid, number) } }

    /// Waits (polling, so the calling task stays cancellable) at most `timeout` seconds.
    /// Returns the status, or nil if the child is still running.
    func wait(timeout: Double) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() > deadline { return nil }
            try await Task.sleep(for: .milliseconds(20))
        }
        return exitStatus
    }

    /// SIGKILL and reap.
    func killNow() {
        guard exitStatus == nil else { return }
        kill(pid, SIGKILL)
        _ = reap(block: true)
    }

    private func reap(block: Bool) -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, block ? 0 : WNOHANG)
        guard result == pid else { return result < 0 }
        // WIFEXITED / WTERMSIG by hand: the C macros are not imported.
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return true
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return body(pointers + [nil])
    }
}

/// posix_spawn refused to start a program.
struct SpawnFailure: Error, CustomStringConvertible {
    let executable: String
    let code: Int32
    var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
}
