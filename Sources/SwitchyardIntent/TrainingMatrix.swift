import SwitchyardText

/// Training documents as a sparse matrix, stored both by row (document → features, for scoring)
/// and by column (feature → documents, for the gradient, which is then computed one feature row
/// at a time with no write conflicts between threads).
struct TrainingMatrix: Sendable {
    let rows: Int
    let columns: Int
    // CSR
    let rowStart: [Int]
    let rowIndex: [Int32]
    let rowValue: [Float]
    // CSC
    let columnStart: [Int]
    let columnRow: [Int32]
    let columnValue: [Float]

    init(vectors: [SparseVector], columns: Int) {
        var rowStart = [0]
        var rowIndex: [Int32] = []
        var rowValue: [Float] = []
        var perColumn = [Int](repeating: 0, count: columns)
        for v in vectors {
            rowIndex.append(contentsOf: v.indices)
            rowValue.append(contentsOf: v.values)
            rowStart.append(rowIndex.count)
            for i in v.indices { perColumn[Int(i)] += 1 }
        }
        var columnStart = [0]
        for c in 0..<columns { columnStart.append(columnStart[c] + perColumn[c]) }
        var fill = Array(columnStart.dropLast())
        var columnRow = [Int32](repeating: 0, count: rowIndex.count)
        var columnValue = [Float](repeating: 0, count: rowIndex.count)
        // Rows in ascending order, so each column lists its documents in ascending order.
        for r in 0..<vectors.count {
            for k in rowStart[r]..<rowStart[r + 1] {
                let c = Int(rowIndex[k])
                columnRow[fill[c]] = Int32(r)
                columnValue[fill[c]] = rowValue[k]
                fill[c] += 1
            }
        }
        self.rows = vectors.count
        self.columns = columns
        self.rowStart = rowStart
        self.rowIndex = rowIndex
        self.rowValue = rowValue
        self.columnStart = columnStart
        self.columnRow = columnRow
        self.columnValue = columnValue
    }

    /// Feature ranges with about equal numbers of stored values, for splitting gradient work.
    func balancedColumnRanges(parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, columns))
        let total = columnStart[columns]
        var ranges: [Range<Int>] = []
        var start = 0
        for p in 1...parts {
            let target = total * p / parts
            var end = start
            while end < columns, columnStart[end] < target || p == parts { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        return ranges.filter { !$0.isEmpty }
    }
}
