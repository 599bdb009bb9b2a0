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
        let D = dirs.count, G = 3 * H, DG = D * G
        let inputs = [x] + dirs.flatMap(\.all)
        let save = anyRequiresGradient(inputs)
        let weightValues = dirs.map { d in d.all.map { value($0) } }
        // Both directions' input weights stacked: wihCat [D·3H, I] (biases are added in the step kernel).
        let wihCat = D == 1 ? weightValues[0][0].scalars : weightValues.flatMap { $0[0].scalars }
        // [B, T, D·H]; the kernels write every valid step, so only padded batches need the zero fill.
        var outScalars = lengths.allSatisfy({ $0 == T }) ? GRUKernel.uninitialized(B * T * D * H)
                                                         : [Float](repeating: 0, count: B * T * D * H)
        var caches: [GRUKernel.Cache] = []
        let shapes = (0..<D).map { GRUKernel.Shape(batch: B, time: T, hidden: H, outStride: D * H,
                                                   outOffset: $0 * H, reverse: $0 == 1) }
        xv.scalars.withUnsafeBufferPointer { xp in
            outScalars.withUnsafeMutableBufferPointer { op in
                for d in 0..<D {
                    weightValues[d][0].scalars.withUnsafeBufferPointer { wih in
                        Self.withRecurrentWeights(weightValues[d]) { w in
                            if let c = GRUKernel.forward(x: xp.baseAddress!, input: I, wih: wih.baseAddress!,
                                                         lengths: lengths, w: w, s: shapes[d], out: op.baseAddress!,
                                                         saveCache: save) { caches.append(c) }
                        }
                    }
                }
            }
        }
        let out = Tensor(shape: [B, T, D * H], scalars: outScalars)
        outScalars = []
        return record(out, inputs: inputs) { g, needs in
            var dGx = GRUKernel.uninitialized(B * T * DG)  // [B, T, D·3H]
            var dWhh = weightValues.map { $0[1].zerosLike }, dbhh = weightValues.map { $0[3].zerosLike }
            g.scalars.withUnsafeBufferPointer { gp in
            dGx.withUnsafeMutableBufferPointer { dgx in
                for d in 0..<D {
                    Self.withRecurrentWeights(weightValues[d]) { w in
                        dWhh[d].scalars.withUnsafeMutableBufferPointer { dw in
                        dbhh[d].scalars.withUnsafeMutableBufferPointer { db in
                            GRUKernel.backward(lengths: lengths, w: w, s: shapes[d], cache: caches[d], dOut: gp.baseAddress!,
                                               dGx: dgx.baseAddress! + d * G, ldg: DG, dWhh: dw.baseAddress!, dbhh: db.baseAddress!)
                        }}
                    }
                }
            }}
            // Input-side gradients for both directions at once (rows of dGx and x are both (b, t)).
            // Both GEMMs below run with beta = 0, so their outputs need no zero fill.
            var dWihCat = GRUKernel.uninitialized(DG * I), dbihCat = [Float](repeating: 0, count: DG)
            var dx: [Float]? = needs[0] ? GRUKernel.uninitialized(xv.count) : nil  // [B, T, I]
            dGx.withUnsafeBufferPointer { dgx in
            xv.scalars.withUnsafeBufferPointer { xp in
            dWihCat.withUnsafeMutableBufferPointer { dw in
            dbihCat.withUnsafeMutableBufferPointer { db in
            wihCat.withUnsafeBufferPointer { wp in
                GEMM.sgemm(transA: true, transB: false, m: DG, n: I, k: B * T, a: dgx.baseAddress!, lda: DG,
                           b: xp.baseAddress!, ldb: I, beta: 0, c: dw.baseAddress!, ldc: I)
                GEMM.addColumnSums(dgx.baseAddress!, rows: B * T, cols: DG, ld: DG, into: db.baseAddress!)
                if dx != nil {  // dX = dGx W_ih (both directions): PanelGEMM into rows padded to whole panels
                    let packed = PanelGEMM.Packed(wp.baseAddress!, k: DG, n: I)
                    let ldx = packed.panels * PanelGEMM.width
                    var padded = GRUKernel.uninitialized(B * T * ldx)
                    padded.withUnsafeMutableBufferPointer { pp in
                        PanelGEMM.multiply(dgx.baseAddress!, lda: DG, m: B * T, packed: packed, into: pp.baseAddress!, ldc: ldx)
                        dx!.withUnsafeMutableBufferPointer { dxp in
                            for r in 0..<(B * T) { (dxp.baseAddress! + r * I).update(from: pp.baseAddress! + r * ldx, count: I) }
                        }
                    }
                }
            }}}}}
            var grads: [Tensor?] = [dx.map { Tensor(shape: xv.shape, scalars: $0) }]
            for d in 0..<D {
                grads.append(Tensor(shape: [G, I], scalars: Array(dWihCat[(d * G * I)..<((d + 1) * G * I)])))
                grads.append(dWhh[d])
                grads.append(Tensor(shape: weightValues[d][2].shape, scalars: Array(dbihCat[(d * G)..<((d + 1) * G)])))
                grads.append(dbhh[d])
            }
            return grads
        }
    }

    private static func withRecurrentWeights<R>(_ t: [Tensor], _ body: (GRUKernel.Weights) -> R) -> R {
        t[1].scalars.withUnsafeBufferPointer { whh in
            t[3].scalars.withUnsafeBufferPointer { bhh in
                t[2].scalars.withUnsafeBufferPointer { bih in
                    body(GRUKernel.Weights(whh: whh.baseAddress!, bhh: bhh.baseAddress!, bih: bih.baseAddress!))
                }
            }
        }
    }
}
