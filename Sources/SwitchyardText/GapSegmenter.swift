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
    /// Segments of the last `segment` call, offsets absolute in the text.
    private(set) var segments = WordSegments()
    private let fastPath: Bool
    private var breaker: OpaquePointer?
    private var starts: [Int32] = []
    private var ends: [Int32] = []
    private var kinds: [UInt8] = []

    init(asciiFastPath: Bool) {
        self.fastPath = asciiFastPath
    }

    deinit {
        if let breaker { cicu_word_breaker_close(breaker) }
    }

    mutating func segment(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        segments.removeAll()
        guard !range.isEmpty else { return }
        guard fastPath else {
            viaICU(bytes, range, reusingBreaker: false)
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
                finishChunk(bytes, chunkStart..<i, isFast: chunkIsFast, &stretch)
                chunkStart = i
                chunkIsFast = true
            }
            if b >= 0x80 {
                if b == 0xC3 {
                    i += 2
                    continue
                }
                chunkIsFast = false
            }
            i += 1
        }
        finishChunk(bytes, chunkStart..<end, isFast: chunkIsFast, &stretch)
        if let start = stretch.pendingICU {
            viaICU(bytes, start..<end, reusingBreaker: true)
        } else if stretch.fastStart < end {
            LatinWordBreaker.segment(bytes, stretch.fastStart..<end, origin: 0, into: &segments)
        }
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

    private mutating func finishChunk(
        _ bytes: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>, isFast: Bool, _ stretch: inout Stretch
    ) {
        if isFast {
            if let start = stretch.pendingICU {
                viaICU(bytes, start..<chunk.lowerBound, reusingBreaker: true)
                stretch.pendingICU = nil
                stretch.fastStart = chunk.lowerBound
            }
        } else if stretch.pendingICU == nil {
            if stretch.fastStart < chunk.lowerBound {
                LatinWordBreaker.segment(bytes, stretch.fastStart..<chunk.lowerBound, origin: 0, into: &segments)
            }
            stretch.pendingICU = chunk.lowerBound
        }
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
