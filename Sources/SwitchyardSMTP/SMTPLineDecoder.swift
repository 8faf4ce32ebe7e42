public import NIOCore

/// Frames command lines with a length limit (RFC 5321 §4.5.3.1.4: 512 octets for commands,
/// we default to the 1000 of text lines). NIOExtras' LineBasedFrameDecoder has no limit.
///
/// A line ends at LF; a CR before it is dropped. An over-long line yields `.tooLong` once, then
/// the rest of it is discarded up to the next LF, where framing resynchronises.
public struct SMTPLineDecoder: NIOSingleStepByteToMessageDecoder {
    /// One command line, or the news that a line overflowed the limit.
    public enum Frame: Sendable, Equatable {
        /// The line without its line ending.
        case line(ByteBuffer)
        case tooLong
    }

    public typealias InboundOut = Frame

    /// Maximum octets of a line including its CRLF.
    public let maximumLength: Int
    private var discarding = false

    public init(maximumLength: Int) {
        self.maximumLength = max(3, maximumLength)
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> Frame? {
        if discarding {
            guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
                buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
                return nil
            }
            buffer.moveReaderIndex(to: newline + 1)
            discarding = false
        }
        let view = buffer.readableBytesView
        let window = view.prefix(maximumLength)
        if let newline = window.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - view.startIndex
            let hasCR = length > 0 && view[newline - 1] == UInt8(ascii: "\r")
            guard let line = buffer.readSlice(length: hasCR ? length - 1 : length) else { return nil }
            buffer.moveReaderIndex(forwardBy: hasCR ? 2 : 1)
            return .line(line)
        }
        guard view.count >= maximumLength else { return nil }
        buffer.moveReaderIndex(forwardBy: maximumLength)
        discarding = true
        return .tooLong
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> Frame? {
        // A partial last line without LF is not a command: drop it.
        try decode(buffer: &buffer)
    }
}
