internal import CICU

/// Word segmentation of the text between links, for one `Tokenizer.tokens(in:)` call: pure-ASCII
/// stretches are cut by `ASCIIWordBreaker`, the rest by one ICU break iterator opened on first use
/// and reused for the whole text.
///
/// A gap is split into chunks just before a space that follows an ASCII non-space character.
/// ICU always breaks there (only WB3d joins a space to what precedes it, and only to another
/// space), and its forward iteration from a boundary does not look behind it, so cutting the gap
/// there changes no segment. Chunks without a byte >= 0x80 go to the ASCII breaker; consecutive
/// others go to ICU together.
struct GapSegmenter: ~Copyable {
    /// Segments of the last `segment` call, offsets absolute in the text.
    private(set) var segments = WordSegments()
    private let asciiFastPath: Bool
    private var breaker: OpaquePointer?
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var kinds: [UInt8] = []

    init(asciiFastPath: Bool) {
        self.asciiFastPath = asciiFastPath
    }

    deinit {
        if let breaker { cicu_word_breaker_close(breaker) }
    }

    mutating func segment(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        segments.removeAll()
        guard !range.isEmpty else { return }
        guard asciiFastPath else {
            viaICU(bytes, range, reusingBreaker: false)
            return
        }
        var chunkStart = range.lowerBound
        var chunkIsASCII = true
        var pendingICU: Int?
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x20, i > chunkStart, bytes[i - 1] < 0x80, bytes[i - 1] != 0x20 {
                finishChunk(bytes, chunkStart..<i, isASCII: chunkIsASCII, pendingICU: &pendingICU)
                chunkStart = i
                chunkIsASCII = true
            }
            if b >= 0x80 { chunkIsASCII = false }
            i += 1
        }
        finishChunk(bytes, chunkStart..<range.upperBound, isASCII: chunkIsASCII, pendingICU: &pendingICU)
        if let start = pendingICU {
            viaICU(bytes, start..<range.upperBound, reusingBreaker: true)
        }
    }

    private mutating func finishChunk(
        _ bytes: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>, isASCII: Bool, pendingICU: inout Int?
    ) {
        guard isASCII else {
            if pendingICU == nil { pendingICU = chunk.lowerBound }
            return
        }
        if let start = pendingICU {
            viaICU(bytes, start..<chunk.lowerBound, reusingBreaker: true)
            pendingICU = nil
        }
        ASCIIWordBreaker.segment(bytes, chunk, origin: 0, into: &segments)
    }

    private mutating func viaICU(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, reusingBreaker: Bool) {
        guard !range.isEmpty, let base = bytes.baseAddress else { return }
        let length = range.count
        if starts.count < length {
            starts = [Int32](repeating: 0, count: length)
            ends = [Int32](repeating: 0, count: length)
            kinds = [UInt8](repeating: 0, count: length)
        }
        if reusingBreaker, breaker == nil { breaker = cicu_word_breaker_open() }
        let breaker = reusingBreaker ? breaker : nil
        let count = (base + range.lowerBound).withMemoryRebound(to: CChar.self, capacity: length) { src in
            if let breaker {
                return Int(cicu_word_breaker_segments(breaker, src, Int32(length), &starts, &ends, &kinds, Int32(length)))
            }
            return Int(cicu_word_segments(src, Int32(length), &starts, &ends, &kinds, Int32(length)))
        }
        guard count > 0 else { return }
        for k in 0..<count {
            segments.append(
                start: range.lowerBound + Int(starts[k]), end: range.lowerBound + Int(ends[k]), kind: Int32(kinds[k]))
        }
    }
}
