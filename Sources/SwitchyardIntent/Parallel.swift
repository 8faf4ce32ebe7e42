import Dispatch

/// Runs `body` over `count` items split into `parts` contiguous ranges, concurrently. The split
/// depends only on `count` and `parts`, so callers that combine per-part results in part order
/// get the same floating-point answer on every run, however the threads are scheduled.
func forEachPart(_ count: Int, parts: Int, _ body: (Int, Range<Int>) -> Void) {
    let parts = max(1, min(parts, count))
    if parts == 1 {
        body(0, 0..<count)
        return
    }
    let ranges = (0..<parts).map { p in (count * p / parts)..<(count * (p + 1) / parts) }
    withoutActuallyEscaping(body) { body in
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: parts) { p in work.value(p, ranges[p]) }
    }
}

/// Same as `forEachPart`, with explicit part boundaries (e.g. balanced by work, not by count).
func forEachRange(_ ranges: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
    if ranges.count <= 1 {
        if let only = ranges.first { body(0, only) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { p in work.value(p, ranges[p]) }
    }
}

/// Carries a value into the worker threads of `forEachPart`. Every use writes only to memory
/// that its own part owns (disjoint ranges), which is what makes this sound.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
