// MARK: - Shape ops along the batch (first) axis

extension Tape {
    /// The same elements under another shape.
    public func reshape(_ x: Variable, _ newShape: [Int]) -> Variable {
        let xv = value(x)
        return record(xv.reshaped(newShape), inputs: [x]) { g, _ in [g.reshaped(xv.shape)] }
    }

    /// Concatenation along the first axis; all other extents must match.
    public func concat(_ xs: [Variable]) -> Variable {
        precondition(!xs.isEmpty, "concat: no inputs")
        let tail = Array(shape(xs[0]).dropFirst())
        var rows = 0
        var scalars: [Float] = []
        for x in xs {
            let v = value(x)
            precondition(Array(v.shape.dropFirst()) == tail, "concat: \(v.shape) does not match trailing \(tail)")
            rows += v.shape[0]
            scalars.append(contentsOf: v.scalars)
        }
        let counts = xs.map { value($0).count }
        return record(Tensor(shape: [rows] + tail, scalars: scalars), inputs: xs) { g, needs in
            var out: [Tensor?] = []
            var offset = 0
            for (k, x) in xs.enumerated() {
                out.append(needs[k] ? Tensor(shape: self.shape(x), scalars: Array(g.scalars[offset..<(offset + counts[k])])) : nil)
                offset += counts[k]
            }
            return out
        }
    }

    /// Rows `range` of `x` along the first axis.
    public func slice(_ x: Variable, rows range: Range<Int>) -> Variable {
        let xv = value(x)
        precondition(range.lowerBound >= 0 && range.upperBound <= xv.shape[0], "slice: rows \(range) of \(xv.shape)")
        let per = xv.count / max(xv.shape[0], 1)
        let out = Tensor(shape: [range.count] + xv.shape.dropFirst(),
                         scalars: Array(xv.scalars[(range.lowerBound * per)..<(range.upperBound * per)]))
        return record(out, inputs: [x]) { g, _ in
            var gx = xv.zerosLike
            gx.scalars.replaceSubrange((range.lowerBound * per)..<(range.upperBound * per), with: g.scalars)
            return [gx]
        }
    }

    /// Column `j` of a rank-2 `x [n, c]` → `[n]` (e.g. p(anomalous) from a softmax).
    public func column(_ x: Variable, _ j: Int) -> Variable {
        let xv = value(x)
        precondition(xv.rank == 2 && j >= 0 && j < xv.shape[1], "column: \(j) of \(xv.shape)")
        let n = xv.shape[0], c = xv.shape[1]
        let out = Tensor(shape: [n], scalars: (0..<n).map { xv.scalars[$0 * c + j] })
        return record(out, inputs: [x]) { g, _ in
            var gx = xv.zerosLike
            for i in 0..<n { gx.scalars[i * c + j] = g.scalars[i] }
            return [gx]
        }
    }
}
