#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The training objective of multinomial logistic regression and its gradient:
/// `f(θ) = (1/N) Σᵢ [logsumexp(zᵢ) − zᵢ[yᵢ]] + (λ/2)‖W‖²`, with `zᵢ = Wᵀxᵢ + b`.
///
/// θ is laid out as W (features × labels, row-major: one feature's weights for all labels are
/// contiguous) followed by b (labels); the bias is not regularised. The work is split over
/// `threads` fixed partitions whose results are combined in partition order, so the value and the
/// gradient are bit-identical from run to run.
struct SoftmaxObjective: @unchecked Sendable {
    let matrix: TrainingMatrix
    let labels: [Int32]
    let labelCount: Int
    let l2: Float
    let threads: Int
    let columnRanges: [Range<Int>]

    var parameterCount: Int { matrix.columns * labelCount + labelCount }

    init(matrix: TrainingMatrix, labels: [Int32], labelCount: Int, l2: Float, threads: Int) {
        self.matrix = matrix
        self.labels = labels
        self.labelCount = labelCount
        self.l2 = l2
        self.threads = max(1, threads)
        self.columnRanges = matrix.balancedColumnRanges(parts: self.threads)
    }

    /// Returns f(θ) and writes ∇f(θ) into `gradient`. `residual` is scratch of rows × labels.
    /// All three arrays must have their documented sizes (the trainer allocates them).
    func evaluate(_ theta: [Float], gradient: inout [Float], residual: inout [Float]) -> Double {
        let k = labelCount
        let n = matrix.rows
        let biasOffset = matrix.columns * k
        var partLoss = [Double](repeating: 0, count: threads)
        theta.withUnsafeBufferPointer { wBuffer in
            residual.withUnsafeMutableBufferPointer { rBuffer in
                guard let w = wBuffer.baseAddress, let r = rBuffer.baseAddress else { return }
                partLoss.withUnsafeMutableBufferPointer { losses in
                    let shared = UncheckedSendable((w, r, losses))
                    forEachPart(n, parts: threads) { part, docs in
                        let (w, r, losses) = shared.value
                        var loss = 0.0
                        for i in docs {
                            let z = r + i * k
                            scores(row: i, weights: w, biasOffset: biasOffset, into: z)
                            loss += softmaxResidual(z, k, Int(labels[i]))
                        }
                        losses[part] = loss
                    }
                }
            }
        }
        let invN = Float(1) / Float(max(1, n))
        gradient.withUnsafeMutableBufferPointer { gBuffer in
            theta.withUnsafeBufferPointer { wBuffer in
                residual.withUnsafeBufferPointer { rBuffer in
                    guard let g = gBuffer.baseAddress, let w = wBuffer.baseAddress, let r = rBuffer.baseAddress else {
                        return
                    }
                    // Every feature starts with its penalty term; ranges then add the data term.
                    for f in 0..<biasOffset { g[f] = l2 * w[f] }
                    let shared = UncheckedSendable((g, r))
                    forEachRange(columnRanges) { _, features in
                        let (g, r) = shared.value
                        for f in features {
                            let gf = g + f * k
                            for e in matrix.columnStart[f]..<matrix.columnStart[f + 1] {
                                let x = matrix.columnValue[e] * invN
                                let ri = r + Int(matrix.columnRow[e]) * k
                                for j in 0..<k { gf[j] += x * ri[j] }
                            }
                        }
                    }
                    for j in 0..<k { g[biasOffset + j] = 0 }
                    for i in 0..<n {
                        for j in 0..<k { g[biasOffset + j] += r[i * k + j] * invN }
                    }
                }
            }
        }
        let penalty = theta.withUnsafeBufferPointer { w in
            Vectors.dot(
                UnsafeBufferPointer(rebasing: w[0..<biasOffset]), UnsafeBufferPointer(rebasing: w[0..<biasOffset]))
        }
        return partLoss.reduce(0, +) / Double(max(1, n)) + 0.5 * Double(l2) * penalty
    }

    /// z = b + Σ x_f W[f, :] for training row i.
    @inline(__always)
    func scores(row i: Int, weights w: UnsafePointer<Float>, biasOffset: Int, into z: UnsafeMutablePointer<Float>) {
        let k = labelCount
        for j in 0..<k { z[j] = w[biasOffset + j] }
        for e in matrix.rowStart[i]..<matrix.rowStart[i + 1] {
            let x = matrix.rowValue[e]
            let wf = w + Int(matrix.rowIndex[e]) * k
            for j in 0..<k { z[j] += x * wf[j] }
        }
    }
}

/// Replaces scores z (k values) with p − onehot(y) and returns −log p[y].
@inline(__always)
func softmaxResidual(_ z: UnsafeMutablePointer<Float>, _ k: Int, _ y: Int) -> Double {
    var maxZ = z[0]
    for j in 1..<k where z[j] > maxZ { maxZ = z[j] }
    let zy = Double(z[y] - maxZ)
    var sum = 0.0
    for j in 0..<k {
        let e = exp(Double(z[j] - maxZ))
        z[j] = Float(e)
        sum += e
    }
    let invSum = Float(1 / sum)
    for j in 0..<k { z[j] *= invSum }
    z[y] -= 1
    return log(sum) - zy
}
