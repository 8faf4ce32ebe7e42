/// Limited-memory BFGS with a backtracking (Armijo) line search: a deterministic full-batch
/// optimiser for the convex training objective. After every iteration `observe` sees the current
/// parameters and may stop the run (early stopping lives there, not here).
struct LBFGS {
    var memory = 7
    var maxIterations = 300
    /// Stop when the relative decrease of f over one iteration falls below this.
    var tolerance = 1e-7

    enum Verdict {
        case proceed
        case stop
    }

    /// Minimises `evaluate` from `start`; returns the last parameters and the iteration count.
    func minimize(
        start: [Float],
        evaluate: (_ theta: [Float], _ gradient: inout [Float]) -> Double,
        observe: (_ iteration: Int, _ theta: [Float], _ value: Double) -> Verdict
    ) -> (theta: [Float], iterations: Int) {
        let n = start.count
        var x = start
        var g = [Float](repeating: 0, count: n)
        var f = evaluate(x, &g)
        var s: [[Float]] = []
        var y: [[Float]] = []
        var rho: [Double] = []
        var direction = [Float](repeating: 0, count: n)
        var candidate = [Float](repeating: 0, count: n)
        var candidateGradient = [Float](repeating: 0, count: n)
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            twoLoop(g, s, y, rho, into: &direction)
            var slope = Vectors.dot(g, direction)
            if slope >= 0 {
                // Not a descent direction (curvature pairs went stale): restart from steepest descent.
                s.removeAll()
                y.removeAll()
                rho.removeAll()
                twoLoop(g, s, y, rho, into: &direction)
                slope = Vectors.dot(g, direction)
            }
            var t: Float = 1
            var fNew = f
            var accepted = false
            for _ in 0..<30 {
                Vectors.step(x, t, direction, into: &candidate)
                fNew = evaluate(candidate, &candidateGradient)
                if fNew.isFinite, fNew <= f + 1e-4 * Double(t) * slope {
                    accepted = true
                    break
                }
                t *= 0.5
            }
            if !accepted { break }
            var sk = [Float](repeating: 0, count: n)
            var yk = [Float](repeating: 0, count: n)
            Vectors.difference(candidate, x, into: &sk)
            Vectors.difference(candidateGradient, g, into: &yk)
            let sy = Vectors.dot(sk, yk)
            if sy > 1e-12 {
                if s.count == memory {
                    s.removeFirst()
                    y.removeFirst()
                    rho.removeFirst()
                }
                s.append(sk)
                y.append(yk)
                rho.append(1 / sy)
            }
            swap(&x, &candidate)
            swap(&g, &candidateGradient)
            let previous = f
            f = fNew
            if observe(iteration, x, f) == .stop { break }
            if abs(previous - f) <= tolerance * max(1, abs(f)) { break }
        }
        return (x, iteration)
    }

    /// direction = −H·g, with H the L-BFGS inverse-Hessian estimate (scaled identity when empty:
    /// then a unit-length steepest-descent step).
    private func twoLoop(_ g: [Float], _ s: [[Float]], _ y: [[Float]], _ rho: [Double], into d: inout [Float]) {
        d = g
        Vectors.scale(-1, &d)
        guard !s.isEmpty else {
            let norm = Vectors.dot(g, g).squareRoot()
            if norm > 0 { Vectors.scale(Float(1 / norm), &d) }
            return
        }
        var alpha = [Double](repeating: 0, count: s.count)
        for i in stride(from: s.count - 1, through: 0, by: -1) {
            alpha[i] = rho[i] * Vectors.dot(s[i], d)
            Vectors.axpy(Float(-alpha[i]), y[i], &d)
        }
        let last = s.count - 1
        let gamma = Vectors.dot(s[last], y[last]) / Vectors.dot(y[last], y[last])
        Vectors.scale(Float(gamma), &d)
        for i in 0..<s.count {
            let beta = rho[i] * Vectors.dot(y[i], d)
            Vectors.axpy(Float(alpha[i] - beta), s[i], &d)
        }
    }
}
