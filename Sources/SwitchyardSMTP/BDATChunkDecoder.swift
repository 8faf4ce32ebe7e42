public import NIOCore

/// Reads exactly `size` octets of one BDAT chunk (RFC 3030), passing them on as they arrive.
///
/// After the last octet it reports `.end` (also for `BDAT 0`), even when called with an empty buffer.
public struct BDATChunkDecoder: NIOSingleStepByteToMessageDecoder {
    /// Chunk octets as they arrive, then the end of the chunk.
    public enum Frame: Sendable, Equatable {
        case content(ByteBuffer)
        case end
    }

    public typealias InboundOut = Frame

    public let size: Int
    public private(set) var remaining: Int
    private var ended = false

    public init(size: Int) {
        self.size = max(0, size)
        self.remaining = self.size
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> Frame? {
        if remaining == 0 {
            if ended { return nil }
            ended = true
            return .end
        }
        let take = min(remaining, buffer.readableBytes)
        guard take > 0, let piece = buffer.readSlice(length: take) else { return nil }
        remaining -= take
        return .content(piece)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> Frame? {
        try decode(buffer: &buffer)
    }
}
