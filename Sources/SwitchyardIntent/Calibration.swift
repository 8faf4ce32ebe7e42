#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Probability calibration and abstention fitted on held-out (dev) predictions.
enum Calibration {
    /// The temperature T minimising the negative log-likelihood of softmax(z / T) on dev: a
    /// golden-section search over ln T in [ln 0.05, ln 20] (the NLL is unimodal in T).
    static func fitTemperature(logits: [[Float]], gold: [Int]) -> Double {
        guard !logits.isEmpty else { return 1 }
        func nll(_ logT: Double) -> Double {
            let t = exp(logT)
            var total = 0.0
            for (i, z) in logits.enumerated() {
                let maxZ = Double(z.max() ?? 0)
                var sum = 0.0
                for v in z { sum += exp((Double(v) - maxZ) / t) }
                total += log(sum) - (Double(z[gold[i]]) - maxZ) / t
            }
            return total
        }
        var a = log(0.05)
        var b = log(20.0)
        let ratio = (5.0.squareRoot() - 1) / 2
        var c = b - ratio * (b - a)
        var d = a + ratio * (b - a)
        var fc = nll(c)
        var fd = nll(d)
        for _ in 0..<60 {
            if fc < fd {
                b = d
                d = c
                fd = fc
                c = b - ratio * (b - a)
                fc = nll(c)
            } else {
                a = c
                c = d
                fc = fd
                d = a + ratio * (b - a)
                fd = nll(d)
            }
        }
        return exp((a + b) / 2)
    }

    /// Expected calibration error of the top-label probability: Σ_bins |bin|/N × |accuracy − mean
    /// confidence| over `bins` equal-width bins of [0, 1].
    static func expectedCalibrationError(confidence: [Double], correct: [Bool], bins: Int = 15) -> Double {
        guard !confidence.isEmpty else { return 0 }
        var count = [Int](repeating: 0, count: bins)
        var hits = [Int](repeating: 0, count: bins)
        var sum = [Double](repeating: 0, count: bins)
        for (i, c) in confidence.enumerated() {
            let b = min(bins - 1, max(0, Int(c * Double(bins))))
            count[b] += 1
            sum[b] += c
            if correct[i] { hits[b] += 1 }
        }
        var ece = 0.0
        for b in 0..<bins where count[b] > 0 {
            let n = Double(count[b])
            ece += n / Double(confidence.count) * abs(Double(hits[b]) / n - sum[b] / n)
        }
        return ece
    }

    /// The highest threshold on the top probability such that in-scope dev accuracy (abstaining
    /// counts as a miss) drops by at most `budget` from the no-threshold accuracy. Every extra
    /// bit of threshold turns more low-confidence answers, out-of-scope ones foremost, into
    /// "unknown"; the budget caps what it may cost on the answers that were in scope.
    /// `inScope` rows are those whose gold label is a real intent.
    static func abstentionThreshold(confidence: [Double], correct: [Bool], inScope: [Bool], budget: Double) -> Double {
        let rows = confidence.indices.filter { inScope[$0] }
        guard !rows.isEmpty, budget > 0 else { return 0 }
        let n = Double(rows.count)
        // Raising the threshold past a correct row's confidence loses that row: walk correct
        // rows by ascending confidence until the loss would exceed the budget.
        let correctConfidences = rows.filter { correct[$0] }.map { confidence[$0] }.sorted()
        let allowed = Int((budget * n).rounded(.down))
        guard allowed < correctConfidences.count else { return correctConfidences.last ?? 0 }
        // A threshold equal to the (allowed)-th smallest correct confidence abstains exactly the
        // `allowed` rows below it.
        return correctConfidences[allowed]
    }
}

/// Natural logarithm (kept in one place so files that need it avoid importing the C library).
func logarithm(_ x: Double) -> Double {
    log(x)
}
