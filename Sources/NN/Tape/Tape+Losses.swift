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
        weightedMeanLoss(p, targets: targets, weights: weights, name: "binaryCrossEntropy(probabilities:)",
                         loss: { p, t in -(t * max(_logf(p), -100) + (1 - t) * max(_logf(1 - p), -100)) },
                         // d/dp of the clamped logs; the clamp only bites at p ∈ {0, 1}.
                         derivative: { p, t in (1 - t) / max(1 - p, 1e-12) - t / max(p, 1e-12) })
    }

    /// Binary cross-entropy of `sigmoid(logits)` against soft `targets` of the same shape, fused like
    /// `torch.nn.BCEWithLogitsLoss`: max(z, 0) − z·t + log(1 + e^(−|z|)), gradient (σ(z) − t). Unlike
    /// `binaryCrossEntropy(probabilities:)` after a sigmoid, a confidently wrong prediction keeps a full
    /// gradient (there σ(z) rounds to 0 or 1 in Float and the gradient vanishes). Optional per-sample
    /// `weights [rows]` scale each row's terms. Mean over all elements.
    public func binaryCrossEntropy(logits z: Variable, targets: Tensor, weights: [Float]? = nil) -> Variable {
        weightedMeanLoss(z, targets: targets, weights: weights, name: "binaryCrossEntropy(logits:)",
                         loss: { z, t in max(z, 0) - z * t + _log1pf(_expf(-abs(z))) },
                         // σ(z) − t with libm's expf, split by sign so e^(−|z|) never overflows
                         // (VectorMath.sigmoid is the approximate SIMD form used for activations).
                         derivative: { z, t in (z >= 0 ? 1 / (1 + _expf(-z)) : _expf(z) / (1 + _expf(z))) - t })
    }

    /// One node: the mean over all elements of `w_row · loss(x, t)` for `x` (rows = first axis) against
    /// constant `targets` of the same shape, optional per-row `weights`; backward `w_row · ∂loss/∂x / n`.
    private func weightedMeanLoss(_ x: Variable, targets: Tensor, weights: [Float]?, name: String,
                                  loss: (Float, Float) -> Float,
                                  derivative: @escaping (Float, Float) -> Float) -> Variable {
        let xv = value(x)
        precondition(xv.shape == targets.shape, "\(name): input \(xv.shape) vs targets \(targets.shape)")
        let rows = xv.shape.first ?? 1
        let perRow = xv.count / max(rows, 1)
        if let weights { precondition(weights.count == rows, "\(name): \(weights.count) weights for \(rows) rows") }
        let count = Float(max(xv.count, 1))
        var total: Double = 0
        for i in 0..<xv.count {
            total += Double((weights?[i / perRow] ?? 1) * loss(xv.scalars[i], targets.scalars[i]))
        }
        return record(Tensor(scalar: Float(total / Double(count))), inputs: [x]) { g, _ in
            var gx = xv.zerosLike
            let s = g.scalars[0] / count
            for i in 0..<xv.count {
                gx.scalars[i] = s * (weights?[i / perRow] ?? 1) * derivative(xv.scalars[i], targets.scalars[i])
            }
            return [gx]
        }
    }

    /// Mean squared error between `x` and a constant `target` of the same shape.
    public func meanSquaredError(_ x: Variable, target: Tensor) -> Variable {
        precondition(shape(x) == target.shape, "meanSquaredError: \(shape(x)) vs \(target.shape)")
        let d = sub(x, constant(target))
        return mean(mul(d, d))
    }
}
