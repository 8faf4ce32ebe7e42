public import NIOCore

/// Frames the content after DATA (RFC 5321 §4.1.1.4, §4.5.2): removes dot-stuffing and ends only
/// at CRLF "." CRLF.
///
/// A bare LF never ends a line here, so "\n.\r\n", "\r\n.\n" and "\n.\n" do not end the data
/// (the SMTP smuggling class, CVE-2023-51764). Content is emitted as it arrives, in pieces of
/// whole lines where possible; once the size limit is passed nothing more is kept, the rest is
/// discarded up to the end marker, and `.end(sizeExceeded: true)` is reported.
public struct SMTPDataDecoder: NIOSingleStepByteToMessageDecoder {
    /// Message octets as they arrive, then the end of the data.
    public enum Frame: Sendable, Equatable {
        /// Unstuffed message octets, CRLFs kept.
        case content(ByteBuffer)
        case end(sizeExceeded: Bool)
    }

    public typealias InboundOut = Frame

    public let sizeLimit: Int
    /// Octets of content seen so far (including discarded ones).
    public private(set) var receivedOctets = 0
    private var atLineStart = true

    public init(sizeLimit: Int) {
        self.sizeLimit = sizeLimit
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> Frame? {
        while true {
            let view = buffer.readableBytesView
            let count = view.count
            guard count > 0 else { return nil }
            let base = view.startIndex
            if atLineStart, view[base] == UInt8(ascii: ".") {
                guard count >= 2 else { return nil }
                if view[base + 1] == UInt8(ascii: "\r") {
                    guard count >= 3 else { return nil }
                    if view[base + 2] == UInt8(ascii: "\n") {
                        buffer.moveReaderIndex(forwardBy: 3)
                        let exceeded = receivedOctets > sizeLimit
                        receivedOctets = 0
                        return .end(sizeExceeded: exceeded)
                    }
                }
                buffer.moveReaderIndex(forwardBy: 1)  // transparency: drop the stuffed dot
                atLineStart = false
                continue
            }
            var emit = 0
            var endsAtLineStart = atLineStart
            var searchFrom = base
            var stoppedAtDot = false
            while let newline = view[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                searchFrom = newline + 1
                guard newline > base, view[newline - 1] == UInt8(ascii: "\r") else { continue }
                emit = newline + 1 - base
                endsAtLineStart = true
                if emit < count, view[base + emit] == UInt8(ascii: ".") {
                    stoppedAtDot = true
                    break
                }
            }
            if !stoppedAtDot {
                // The partial last line, minus a trailing CR that may start the next CRLF.
                let tailEnd = view[base + count - 1] == UInt8(ascii: "\r") ? count - 1 : count
                if tailEnd > emit {
                    emit = tailEnd
                    endsAtLineStart = false
                }
            }
            guard emit > 0, let piece = buffer.readSlice(length: emit) else { return nil }
            atLineStart = endsAtLineStart
            receivedOctets += emit
            if receivedOctets <= sizeLimit { return .content(piece) }
        }
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> Frame? {
        try decode(buffer: &buffer)
    }
}
