/// One direction's GRU parameters on a tape: `weightIH [3H, I]`, `weightHH [3H, H]`, `biasIH [3H]`,
/// `biasHH [3H]` (PyTorch layout, gate order r, z, n).
public struct GRUDirectionWeights {
    public let weightIH: Variable, weightHH: Variable, biasIH: Variable, biasHH: Variable
    public init(weightIH: Variable, weightHH: Variable, biasIH: Variable, biasHH: Variable) {
        self.weightIH = weightIH; self.weightHH = weightHH; self.biasIH = biasIH; self.biasHH = biasHH
    }
    var all: [Variable] { [weightIH, weightHH, biasIH, biasHH] }
}

extension Tape {
    /// One GRU layer over a whole padded batch, as ONE tape node with a hand-written backward pass.
    ///
    /// - Parameters:
    ///   - x: `[batch, time, input]`.
    ///   - lengths: valid steps per sequence (`0...time`); later steps carry the state and output zero.
    ///   - forward: the left-to-right direction.
    ///   - backward: the right-to-left direction for a bidirectional layer (starts at each
    ///     sequence's own last valid step).
    /// - Returns: `[batch, time, hidden·directions]`, forward direction first.
    public func gruLayer(_ x: Variable, lengths: [Int], forward fw: GRUDirectionWeights,
                         backward bw: GRUDirectionWeights? = nil) -> Variable {
        let xv = value(x)
        precondition(xv.rank == 3, "gruLayer: x must be [batch, time, input], got \(xv.shape)")
        let B = xv.shape[0], T = xv.shape[1], I = xv.shape[2]
        precondition(lengths.count == B, "gruLayer: \(lengths.count) lengths for batch \(B)")
        precondition(lengths.allSatisfy { $0 >= 0 && $0 <= T }, "gruLayer: a length is outside 0...\(T)")
        let dirs = bw == nil ? [fw] : [fw, bw!]
        let wih0 = value(fw.weightIH)
        precondition(wih0.rank == 2 && wih0.shape[0] % 3 == 0 && wih0.shape[1] == I,
                     "gruLayer: weight_ih \(wih0.shape) does not fit input \(I)")
        let H = wih0.shape[0] / 3
        for d in dirs {
            precondition(value(d.weightIH).shape == [3 * H, I] && value(d.weightHH).shape == [3 * H, H]
                         && value(d.biasIH).count == 3 * H && value(d.biasHH).count == 3 * H,
                         "gruLayer: direction weights must be [3H, I], [3H, H], [3H], [3H] with H=\(H), I=\(I)")
        }
        let D = dirs.count
        let inputs = [x] + dirs.flatMap(\.all)
        let save = anyRequiresGradient(inputs)
        let weightValues = dirs.map { d in d.all.map { value($0) } }
        var out = Tensor(zeros: [B, T, D * H])
        var caches: [GRUKernel.Cache] = []
        let shapes = (0..<D).map { GRUKernel.Shape(batch: B, time: T, input: I, hidden: H, outStride: D * H,
                                                   outOffset: $0 * H, reverse: $0 == 1) }
        xv.scalars.withUnsafeBufferPointer { xp in
            out.scalars.withUnsafeMutableBufferPointer { op in
                for d in 0..<D {
                    Self.withWeights(weightValues[d]) { w in
                        if let c = GRUKernel.forward(x: xp.baseAddress!, lengths: lengths, w: w, s: shapes[d],
                                                     out: op.baseAddress!, saveCache: save) { caches.append(c) }
                    }
                }
            }
        }
        return record(out, inputs: inputs) { g, needs in
            var grads: [Tensor?] = [needs[0] ? xv.zerosLike : nil]
            var dx = grads[0]
            for d in 0..<D {
                var dwihT = weightValues[d][0].zerosLike, dwhhT = weightValues[d][1].zerosLike
                var dbihT = weightValues[d][2].zerosLike, dbhhT = weightValues[d][3].zerosLike
                xv.scalars.withUnsafeBufferPointer { xp in
                g.scalars.withUnsafeBufferPointer { gp in
                dwihT.scalars.withUnsafeMutableBufferPointer { dwih in
                dwhhT.scalars.withUnsafeMutableBufferPointer { dwhh in
                dbihT.scalars.withUnsafeMutableBufferPointer { dbih in
                dbhhT.scalars.withUnsafeMutableBufferPointer { dbhh in
                    Self.withWeights(weightValues[d]) { w in
                        let grad = GRUKernel.GradientPointers(dWih: dwih.baseAddress!, dWhh: dwhh.baseAddress!,
                                                              dbih: dbih.baseAddress!, dbhh: dbhh.baseAddress!)
                        if dx != nil {
                            dx!.scalars.withUnsafeMutableBufferPointer { dxb in
                                GRUKernel.backward(x: xp.baseAddress!, lengths: lengths, w: w, s: shapes[d], cache: caches[d],
                                                   dOut: gp.baseAddress!, grad: grad, dX: dxb.baseAddress!)
                            }
                        } else {
                            GRUKernel.backward(x: xp.baseAddress!, lengths: lengths, w: w, s: shapes[d], cache: caches[d],
                                               dOut: gp.baseAddress!, grad: grad, dX: nil)
                        }
                    }
                }}}}}}
                grads.append(contentsOf: [dwihT, dwhhT, dbihT, dbhhT])
            }
            grads[0] = dx
            return grads
        }
    }

    private static func withWeights<R>(_ t: [Tensor], _ body: (GRUKernel.Weights) -> R) -> R {
        t[0].scalars.withUnsafeBufferPointer { a in
            t[1].scalars.withUnsafeBufferPointer { b in
                t[2].scalars.withUnsafeBufferPointer { c in
                    t[3].scalars.withUnsafeBufferPointer { d in
                        body(GRUKernel.Weights(wih: a.baseAddress!, whh: b.baseAddress!, bih: c.baseAddress!, bhh: d.baseAddress!))
                    }
                }
            }
        }
    }
}
