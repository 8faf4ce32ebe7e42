internal import CICU

/// Word segmentation of the text between links, for one `Tokenizer` scan: stretches of ASCII and
/// Latin-1 letters are cut by `LatinWordBreaker`, the rest by one ICU break iterator opened on first
/// use and reused for the whole text.
///
/// A gap is split into chunks just before a space that follows an ASCII non-space character or a
/// character of U+00C0-U+00FF. ICU always breaks there (only WB3d joins a space to what precedes
/// it, and only to another space; none of these characters is Extend or Format, which WB4 would
/// attach to an earlier space), and its forward iteration from a boundary does not look behind it,
/// so cutting the gap there changes no segment. Chunks of ASCII and C3-led pairs only ("fast"
/// chunks) go to the Latin breaker, consecutive ones together (every segment it makes ends at such
/// a cut anyway); consecutive other chunks go to ICU together.
struct GapSegmenter: ~Copyable {
    private let fastPath: Bool
    private var breaker: OpaquePointer?
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var kinds: [UInt8] = []

    init(fastPath: Bool) {
        self.fastPath = fastPath
    }

    deinit {
        if let breaker { cicu_word_breaker_close(breaker) }
    }

    /// Hands the segments of `bytes[range]` to `sink`, in order, offsets absolute in `bytes`.
    mutating func segment<Sink: WordSegmentSink & ~Copyable>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into sink: inout Sink
    ) {
        guard !range.isEmpty else { return }
        guard fastPath else {
            viaICU(bytes, range, reusingBreaker: false, into: &sink)
            return
        }
        if Self.isFast(bytes, range) {
            // The common case (English, German): no chunk can need ICU, so none is looked for.
            LatinWordBreaker.segment(bytes, range, into: &sink)
            return
        }
        var stretch = Stretch(fastStart: range.lowerBound)
        var chunkStart = range.lowerBound
        var chunkIsFast = true
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b = bytes[i]
            if b == 0x20, i > chunkStart, Self.isCutBefore(bytes, i) {
                finishChunk(bytes, chunkStart..<i, isFast: chunkIsFast, &stretch, into: &sink)
                chunkStart = i
                chunkIsFast = true
            }
            if b >= 0x80 {
                if b == 0xC3 {
                    i += 2
                    continue
                }
                if LatinWordBreaker.isCommonPunctuation(bytes, i) {
                    i += 3
                    continue
                }
                chunkIsFast = false
            }
            i += 1
        }
        finishChunk(bytes, chunkStart..<end, isFast: chunkIsFast, &stretch, into: &sink)
        if let start = stretch.pendingICU {
            viaICU(bytes, start..<end, reusingBreaker: true, into: &sink)
        } else if stretch.fastStart < end {
            LatinWordBreaker.segment(bytes, stretch.fastStart..<end, into: &sink)
        }
    }

    /// Whether `bytes[range]` is ASCII, C3-led pairs and `LatinWordBreaker.isCommonPunctuation` only.
    private static func isFast(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            if i + 8 <= end {
                // Eight bytes at a time: German has an umlaut every few words, so after each one
                // the search goes back to whole words, straight to the next byte with its high bit set.
                let high = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    & 0x8080_8080_8080_8080
                if high == 0 {
                    i += 8
                    continue
                }
                i += high.trailingZeroBitCount / 8
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
            } else if b == 0xC3 {
                i += 2
            } else if LatinWordBreaker.isCommonPunctuation(bytes, i), i + 3 <= end {
                i += 3
            } else {
                return false
            }
        }
        return true
    }

    /// Where the chunks not yet segmented begin: a run of fast chunks or of ICU chunks.
    private struct Stretch {
        var fastStart: Int
        var pendingICU: Int?
    }

    /// Whether the space at `i` follows an ASCII non-space character or a C3-led pair.
    @inline(__always)
    private static func isCutBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let previous = bytes[i - 1]
        if previous < 0x80 { return previous != 0x20 }
        // 0xC3 is never a continuation byte, so it leads the character before the space.
        return i >= 2 && bytes[i - 2] == 0xC3
    }

    private mutating func finishChunk<Sink: WordSegmentSink & ~Copyable>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>, isFast: Bool, _ stretch: inout Stretch,
        into sink: inout Sink
    ) {
        if isFast {
            if let start = stretch.pendingICU {
                viaICU(bytes, start..<chunk.lowerBound, reusingBreaker: true, into: &sink)
                stretch.pendingICU = nil
                stretch.fastStart = chunk.lowerBound
            }
        } else if stretch.pendingICU == nil {
            if stretch.fastStart < chunk.lowerBound {
                LatinWordBreaker.segment(bytes, stretch.fastStart..<chunk.lowerBound, into: &sink)
            }
            stretch.pendingICU = chunk.lowerBound
        }
    }

    private mutating func viaICU<Sink: WordSegmentSink & ~Copyable>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, reusingBreaker: Bool, into sink: inout Sink
    ) {
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
                return Int(
                    cicu_word_breaker_segments(breaker, src, Int32(length), &starts, &ends, &kinds, Int32(length)))
            }
            return Int(cicu_word_segments(src, Int32(length), &starts, &ends, &kinds, Int32(length)))
        }
        guard count > 0 else { return }
        for k in 0..<count {
            sink.segment(range.lowerBound + Int(starts[k]), range.lowerBound + Int(ends[k]), Int32(kinds[k]))
        }
    }
}
