public import SwitchyardSMTP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The header lines delivery prepends to each copy: `Return-Path`, `Delivered-To` and `Received`
/// (RFC 5321 §4.4), CRLF-terminated like the message they precede.
public struct TraceHeaders: Sendable {
    public var hostname: String

    public init(hostname: String) {
        self.hostname = hostname
    }

    /// The prepended block for one recipient's copy. Everything taken from the client (HELO,
    /// addresses, XFORWARD values) is stripped of control characters so it cannot inject headers.
    public func render(for envelope: Envelope, recipient: String, date: Double) -> [UInt8] {
        let sender = Self.clean(envelope.sender)
        let rcpt = Self.clean(recipient)
        let forwarded = envelope.forwardedClient
        let helo = Self.known(forwarded?.helo) ?? Self.known(envelope.heloName) ?? "unknown"
        let name = Self.known(forwarded?.name)
        let address = Self.known(forwarded?.address) ?? Self.known(envelope.peerAddress)
        var client: String
        switch (name, address) {
        case (let name?, let address?) where address != "unix": client = "\(name) \(Self.literal(address))"
        case (nil, let address?) where address != "unix": client = Self.literal(address)
        case (let name?, _): client = name
        default: client = "unix socket"
        }
        client = Self.clean(client)
        let text =
            "Return-Path: <\(sender)>\r\n"
            + "Delivered-To: \(rcpt)\r\n"
            + "Received: from \(Self.clean(helo)) (\(client))\r\n"
            + "\tby \(Self.clean(hostname)) (Switchyard) with \(Self.clean(envelope.receivedProtocol))"
            + " id \(Self.clean(envelope.queueID))\r\n"
            + "\tfor <\(rcpt)>; \(Self.rfc5322Date(date))\r\n"
        return Array(text.utf8)
    }

    /// RFC 5321 §4.1.3 address literal: "[192.0.2.1]" or "[IPv6:2001:db8::1]".
    static func literal(_ address: String) -> String {
        if address.hasPrefix("[") { return address }
        return address.contains(":") ? "[IPv6:\(address)]" : "[\(address)]"
    }

    /// Postfix sends "[UNAVAILABLE]"/"[TEMPUNAVAIL]" in XFORWARD for values it does not have.
    static func known(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value != "[UNAVAILABLE]", value != "[TEMPUNAVAIL]" else { return nil }
        return value
    }

    static func clean(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars.prefix(512) where scalar.value >= 0x20 && scalar.value != 0x7f {
            out.append(scalar)
        }
        return String(out)
    }

    /// RFC 5322 §3.3 date-time in local time with its numeric offset: "Fri, 27 Nov 2026 11:58:34 +0000".
    public static func rfc5322Date(_ seconds: Double) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offset = Int(parts.tm_gmtoff) / 60
        let sign = offset < 0 ? "-" : "+"
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = days[Int(parts.tm_wday) % 7]
        let month = months[Int(parts.tm_mon) % 12]
        return "\(day), \(parts.tm_mday) \(month) \(Int(parts.tm_year) + 1900) "
            + "\(two(Int(parts.tm_hour))):\(two(Int(parts.tm_min))):\(two(Int(parts.tm_sec))) "
            + "\(sign)\(two(abs(offset) / 60))\(two(abs(offset) % 60))"
    }
}
