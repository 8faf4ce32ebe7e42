/// First-order Viterbi decoding of the entity tagger: the best label sequence under per-token
/// emission scores plus label-to-label transition scores (the same for tagging and training).
struct TaggerDecoding {
    let labelCount: Int
    /// `transitions[p * L + k]`: label p then label k; `starts[k]`: label k first in the sentence.
    var transitions: [Float]
    var starts: [Float]
    /// For label k, the labels that may precede it: `predecessors[predecessorStarts[k]..<predecessorStarts[k + 1]]`,
    /// ascending (all labels unless constrained), so decoding skips unreachable transitions.
    private(set) var predecessors: [Int32]
    private(set) var predecessorStarts: [Int32]

    init(labelCount: Int, transitions: [Float], starts: [Float]) {
        self.labelCount = labelCount
        self.transitions = transitions
        self.starts = starts
        predecessors = []
        predecessorStarts = []
        allowAll()
    }

    private mutating func allowAll() {
        predecessors = (0..<labelCount).flatMap { _ in (0..<labelCount).map { Int32($0) } }
        predecessorStarts = (0...labelCount).map { Int32($0 * labelCount) }
    }

    /// Forbids I-x unless after B-x or I-x, by making those transitions unreachable.
    mutating func constrain(labels: [String]) {
        let forbidden = -Float.greatestFiniteMagnitude / 4
        for (k, label) in labels.enumerated() where label.hasPrefix("I-") {
            let type = label.dropFirst(2)
            starts[k] = forbidden
            for (p, previous) in labels.enumerated() where previous.dropFirst(2) != type || previous == "O" {
                transitions[p * labelCount + k] = forbidden
            }
        }
        predecessors = []
        predecessorStarts = [0]
        for k in 0..<labelCount {
            for p in 0..<labelCount where transitions[p * labelCount + k] > forbidden {
                predecessors.append(Int32(p))
            }
            if predecessors.count == Int(predecessorStarts[k]) { predecessors.append(0) }  // never empty
            predecessorStarts.append(Int32(predecessors.count))
        }
    }

    /// Label indices for `n` tokens, given emission scores `emission[i * stride + k]` (stride >= L).
    func decode(_ emission: UnsafeBufferPointer<Float>, count n: Int, stride: Int) -> [Int] {
        guard n > 0 else { return [] }
        let L = labelCount
        var score = [Float](repeating: 0, count: n * L)
        var back = [Int32](repeating: 0, count: n * L)
        transitions.withUnsafeBufferPointer { t in
            score.withUnsafeMutableBufferPointer { s in
                back.withUnsafeMutableBufferPointer { b in
                    predecessors.withUnsafeBufferPointer { from in
                        for k in 0..<L { s[k] = starts[k] + emission[k] }
                        for i in 1..<max(1, n) {
                            let row = i * L
                            let previousRow = row - L
                            for k in 0..<L {
                                let first = Int(predecessorStarts[k])
                                let last = Int(predecessorStarts[k + 1])
                                var best = Int(from[first])
                                var bestScore = s[previousRow + best] + t[best * L + k]
                                for index in (first + 1)..<last {
                                    let p = Int(from[index])
                                    let candidate = s[previousRow + p] + t[p * L + k]
                                    if candidate > bestScore {
                                        bestScore = candidate
                                        best = p
                                    }
                                }
                                s[row + k] = bestScore + emission[i * stride + k]
                                b[row + k] = Int32(best)
                            }
                        }
                    }
                }
            }
        }
        var tags = [Int](repeating: 0, count: n)
        let lastRow = (n - 1) * L
        var best = 0
        for k in 1..<L where score[lastRow + k] > score[lastRow + best] { best = k }
        tags[n - 1] = best
        var i = n - 1
        while i > 0 {
            best = Int(back[i * L + best])
            i -= 1
            tags[i] = best
        }
        return tags
    }
}
