public import NIOCore

/// What the session handler reads off the wire, whatever phase the session is in.
public enum SMTPInboundFrame: Sendable, Equatable {
    case commandLine(ByteBuffer)
    case lineTooLong
    case content(ByteBuffer)
    case dataEnd(sizeExceeded: Bool)
    case chunkEnd
}

/// Switches between command lines, DATA content and BDAT chunks. The session tells it when data
/// or a chunk begins; it falls back to command lines by itself when they end.
public struct SMTPInboundFramer: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = SMTPInboundFrame

    private enum Mode {
        case command
        case data(SMTPDataDecoder)
        case chunk(BDATChunkDecoder)
    }

    private var mode: Mode = .command
    private var lines: SMTPLineDecoder

    public init(maximumLineLength: Int) {
        self.lines = SMTPLineDecoder(maximumLength: maximumLineLength)
    }

    /// Whether the framer is inside DATA content or a BDAT chunk (the data timeout applies).
    public var isReadingContent: Bool {
        if case .command = mode { return false }
        return true
    }

    public mutating func expectData(sizeLimit: Int) {
        mode = .data(SMTPDataDecoder(sizeLimit: sizeLimit))
    }

    public mutating func expectChunk(size: Int) {
        mode = .chunk(BDATChunkDecoder(size: size))
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> SMTPInboundFrame? {
        switch mode {
        case .command:
            switch try lines.decode(buffer: &buffer) {
            case .line(let line): return .commandLine(line)
            case .tooLong: return .lineTooLong
            case nil: return nil
            }
        case .data(var decoder):
            let frame = try decoder.decode(buffer: &buffer)
            switch frame {
            case .content(let piece):
                mode = .data(decoder)
                return .content(piece)
            case .end(let exceeded):
                mode = .command
                return .dataEnd(sizeExceeded: exceeded)
            case nil:
                mode = .data(decoder)
                return nil
            }
        case .chunk(var decoder):
            let frame = try decoder.decode(buffer: &buffer)
            switch frame {
            case .content(let piece):
                mode = .chunk(decoder)
                return .content(piece)
            case .end:
                mode = .command
                return .chunkEnd
            case nil:
                mode = .chunk(decoder)
                return nil
            }
        }
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> SMTPInboundFrame? {
        try decode(buffer: &buffer)
    }
}
