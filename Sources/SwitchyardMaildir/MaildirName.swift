#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Maildir file name: `<sec>.M<usec>P<pid>Q<n>.<host>,S=<size>`.
///
/// The unique part follows the Maildir spec and Dovecot's habits (`M` microseconds, `P` process id,
/// `Q` per-process delivery counter); `,S=` is the exact file size, which Dovecot trusts instead of
/// stat'ing the file (Maildir++), so it must be right.
struct MaildirName: Sendable, Equatable, CustomStringConvertible {
    var seconds: Int
    var microseconds: Int
    var processID: Int32
    var sequence: UInt64
    var host: String
    var size: Int

    var description: String { "\(seconds).M\(microseconds)P\(processID)Q\(sequence).\(host),S=\(size)" }

    /// Host names may not contain "/" (a path separator) nor ":" (starts the info part); the
    /// Maildir spec writes them as octal escapes.
    static func sanitizedHost(_ host: String) -> String {
        var out = ""
        for scalar in host.unicodeScalars {
            switch scalar {
            case "/": out += "\\057"
            case ":": out += "\\072"
            case _ where scalar.value < 0x21 || scalar.value == 0x7f: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.isEmpty ? "localhost" : out
    }

    static func now(sequence: UInt64, host: String, size: Int) -> MaildirName {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return MaildirName(
            seconds: Int(time.tv_sec), microseconds: Int(time.tv_nsec / 1000), processID: getpid(),
            sequence: sequence, host: host, size: size
        )
    }

    /// The `,S=<size>` a Maildir file name carries, if any.
    static func size(in name: String) -> Int? {
        guard let marker = name.firstRange(of: ",S=") else { return nil }
        return Int(name[marker.upperBound...].prefix(while: \.isNumber))
    }

    /// Whether a directory entry is this message: in `cur/` readers append ":2,<flags>" (and some
    /// add ",W=<size>"), so the base name is what identifies it.
    static func entry(_ entry: String, isMessage base: String) -> Bool {
        guard entry.hasPrefix(base) else { return false }
        let rest = entry.dropFirst(base.count)
        return rest.isEmpty || rest.hasPrefix(":") || rest.hasPrefix(",")
    }
}

/// The host's name as the kernel knows it, for Maildir file names.
func systemHostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Seconds since the epoch, with sub-second precision, for dedupe windows.
func wallClockNow() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
