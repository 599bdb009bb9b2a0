// MARK: - Losses (mean over the batch)

extension Tape {
    /// Cross-entropy of `logits [n, classes]` against integer `labels` (each in 0..<classes), mean over n.
    /// One node: log-softmax and the pick are fused.
    public func crossEntropy(logits: Variable, labels: [Int]) -> Variable {
        let xv = value(logits)
        precondition(xv.rank == 2 && xv.shape[0] == labels.count,
                     "crossEntropy: logits \(xv.shape) vs \(labels.count) labels")
        let n = xv.shape[0], c = xv.shape[1]
        precondition(labels.allSatisfy { $0 >= 0 && $0 < c }, "crossEntropy: a label is outside 0..<\(c)")
        var logp = xv.scalars
        Self.logSoftmaxRows(&logp, cols: c)
        var loss: Float = 0
        for i in 0..<n { loss -= logp[i * c + labels[i]] }
        loss /= Float(max(n, 1))
        return record(Tensor(scalar: loss), inputs: [logits]) { g, _ in
            let s = g.scalars[0] / Float(max(n, 1))
            var gx = Tensor(shape: xv.shape, scalars: logp)
            for i in 0..<(n * c) { gx.scalars[i] = VectorMath.exp(gx.scalars[i]) * s }
            for i in 0..<n { gx.scalars[i * c + labels[i]] -= s }
            return [gx]
        }
    }

    /// Binary cross-entropy of probabilities `p` (any shape, rows = first axis) against soft `targets`
    /// of the same shape, like `torch.nn.BCELoss`: −[t·log p + (1−t)·log(1−p)], logs clamped at −100.
    /// Optional per-sample `weights [rows]` scale each row's terms. Mean over all elements.
    public func binaryCrossEntropy(probabilities p: Variable, targets: Tensor, weights: [Float]? = nil) -> Variable {
        let pv = value(p)
        precondition(pv.shape == targets.shape, "binaryCrossEntropy: probabilities \(pv.shape) vs targets \(targets.shape)")
        let rows = pv.shape.first ?? 1
        let perRow = pv.count / max(rows, 1)
        if let weights { precondition(weights.count == rows, "binaryCrossEntropy: \(weights.count) weights for \(rows) rows") }
        let count = Float(max(pv.count, 1))
        var loss: Double = 0
        for i in 0..<pv.count {
            let w = weights?[i / perRow] ?? 1
            let pi = pv.scalars[i], t = targets.scalars[i]
            let l = -(t * max(_logf(pi), -100) + (1 - t) * max(_logf(1 - pi), -100))
            loss += Double(w * l)
        }
        return record(Tensor(scalar: Float(loss / Double(count))), inputs: [p]) { g, _ in
            var gp = pv.zerosLike
            let s = g.scalars[0] / count
            let eps: Float = 1e-12
            for i in 0..<pv.count {
                let w = weights?[i / perRow] ?? 1
                let pi = pv.scalars[i], t = targets.scalars[i]
                // d/dp of the clamped logs; the clamp only bites at p ∈ {0, 1}.
                gp.scalars[i] = s * w * ((1 - t) / max(1 - pi, eps) - t / max(pi, eps))
            }
            return [gp]
        }
    }

    /// Binary cross-entropy of `sigmoid(logits)` against soft `targets` of the same shape, fused like
    /// `torch.nn.BCEWithLogitsLoss`: max(z, 0) − z·t + log(1 + e^(−|z|)), gradient (σ(z) − t). Unlike
    /// `binaryCrossEntropy(probabilities:)` after a sigmoid, a confidently wrong prediction keeps a full
    /// gradient (there σ(z) rounds to 0 or 1 in Float and the gradient vanishes). Optional per-sample
    /// `weights [rows]` scale each row's terms. Mean over all elements.
    public func binaryCrossEntropy(logits z: Variable, targets: Tensor, weights: [Float]? = nil) -> Variable {
        let zv = value(z)
        precondition(zv.shape == targets.shape, "binaryCrossEntropy: logits \(zv.shape) vs targets \(targets.shape)")
        let rows = zv.shape.first ?? 1
        let perRow = zv.count / max(rows, 1)
        if let weights { precondition(weights.count == rows, "binaryCrossEntropy: \(weights.count) weights for \(rows) rows") }
        let count = Float(max(zv.count, 1))
        var loss: Double = 0
        for i in 0..<zv.count {
            let w = weights?[i / perRow] ?? 1
            let zi = zv.scalars[i], t = targets.scalars[i]
            loss += Double(w * (max(zi, 0) - zi * t + _log1pf(_expf(-abs(zi)))))
        }
        return record(Tensor(scalar: Float(loss / Double(count))), inputs: [z]) { g, _ in
            var gz = zv.zerosLike
            let s = g.scalars[0] / count
            for i in 0..<zv.count {
                let w = weights?[i / perRow] ?? 1
                let zi = zv.scalars[i]
                let sigma = zi >= 0 ? 1 / (1 + _expf(-zi)) : _expf(zi) / (1 + _expf(zi))
                gz.scalars[i] = s * w * (sigma - targets.scalars[i])
            }
            return [gz]
        }
    }

    /// Mean squared error between `x` and a constant `target` of the same shape.
    public func meanSquaredError(_ x: Variable, target: Tensor) -> Variable {
        precondition(shape(x) == target.shape, "meanSquaredError: \(shape(x)) vs \(target.shape)")
        let d = sub(x, constant(target))
        return mean(mul(d, d))
    }
}
