public import SwitchyardSMTP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file-system step of a delivery that failed, with the errno behind it.
///
/// Every failure is temporary from the MTA's point of view: the copy is not durable, so the
/// recipient gets 4xx and the MTA keeps the message queued and retries.
public struct MaildirError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What we were doing: "open", "write", "fsync", "link", "mkdir", ...
    public var operation: String
    public var path: String
    public var code: Int32

    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The C library's text for `code`, e.g. "No space left on device".
    public var reason: String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    public var description: String { "\(operation) \(path): \(reason)" }

    /// Whether the file system ran out of room (space or quota): RFC 3463 4.3.1.
    public var isStorageExhausted: Bool { code == ENOSPC || code == EDQUOT }

    /// The reply this failure deserves: 452 4.3.1 when storage is exhausted (RFC 3463 "mail system
    /// full"), otherwise 451 4.3.0 with the errno text so the MTA's log says what went wrong.
    public var outcome: DeliveryOutcome {
        if isStorageExhausted {
            return .temporaryFailure(code: 452, enhanced: "4.3.1", text: "Insufficient system storage (\(reason))")
        }
        return .temporaryFailure(
            code: 451, enhanced: "4.3.0", text: "Local delivery error: \(operation) failed (\(reason))")
    }
}
