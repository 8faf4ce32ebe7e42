/// Dense vector arithmetic for the optimiser, with a fixed summation order (eight lanes, then
/// blocks added in sequence) so results are reproducible bit for bit.
enum Vectors {
    static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Double {
        let n = min(a.count, b.count)
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        var total = 0.0
        var i = 0
        while i + 8 <= n {
            var lanes = SIMD8<Float>()
            let end = min(n - (n - i) % 8, i + 4096)
            while i < end {
                let va = UnsafeRawPointer(pa + i).loadUnaligned(as: SIMD8<Float>.self)
                let vb = UnsafeRawPointer(pb + i).loadUnaligned(as: SIMD8<Float>.self)
                lanes += va * vb
                i += 8
            }
            total += Double(lanes.sum())
        }
        while i < n {
            total += Double(pa[i]) * Double(pb[i])
            i += 1
        }
        return total
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in dot(pa, pb) } }
    }

    /// y += alpha * x
    static func axpy(_ alpha: Float, _ x: [Float], _ y: inout [Float]) {
        let n = min(x.count, y.count)
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                for i in 0..<n { py[i] += alpha * px[i] }
            }
        }
    }

    /// y = x + alpha * d
    static func step(_ x: [Float], _ alpha: Float, _ d: [Float], into y: inout [Float]) {
        let n = min(x.count, d.count, y.count)
        x.withUnsafeBufferPointer { px in
            d.withUnsafeBufferPointer { pd in
                y.withUnsafeMutableBufferPointer { py in
                    for i in 0..<n { py[i] = px[i] + alpha * pd[i] }
                }
            }
        }
    }

    /// y = a - b
    static func difference(_ a: [Float], _ b: [Float], into y: inout [Float]) {
        let n = min(a.count, b.count, y.count)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                y.withUnsafeMutableBufferPointer { py in
                    for i in 0..<n { py[i] = pa[i] - pb[i] }
                }
            }
        }
    }

    static func scale(_ alpha: Float, _ y: inout [Float]) {
        y.withUnsafeMutableBufferPointer { py in
            for i in 0..<py.count { py[i] *= alpha }
        }
    }
}
