/// Adam (Kingma & Ba) with PyTorch's update rule and L2 weight decay (added to the gradient, as
/// `torch.optim.Adam(weight_decay=)`), per-group learning rates and a step schedule.
///
/// Operates on parameter buffers outside the tape: `step(&params, gradients:)`.
public struct Adam: Sendable, Equatable {
    public var learningRate: Float
    public var beta1: Float, beta2: Float, epsilon: Float
    public var weightDecay: Float
    public var schedule: LearningRateSchedule
    public var groups: [ParameterGroup]
    /// Completed steps.
    public private(set) var stepCount = 0
    private var m: ParameterSet?
    private var v: ParameterSet?

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, schedule: LearningRateSchedule = .constant, groups: [ParameterGroup] = []) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        self.weightDecay = weightDecay; self.schedule = schedule; self.groups = groups
    }

    /// The learning rate the next step uses for `name`.
    public func currentLearningRate(for name: String) -> Float {
        GroupResolver(learningRate: learningRate, weightDecay: weightDecay, groups: groups)
            .settings(for: name).lr * schedule.multiplier(step: stepCount)
    }

    /// One Adam step: `params ← params − lr · m̂ / (√v̂ + ε)`.
    public mutating func step(_ params: inout ParameterSet, gradients: ParameterSet) {
        params.assertCompatible(gradients, "Adam.step")
        if m == nil { m = params.zerosLike(); v = params.zerosLike() }
        m!.assertCompatible(params, "Adam.step (state)")
        stepCount += 1
        let t = Float(stepCount)
        let bc1 = 1 - _powf(beta1, t), bc2 = 1 - _powf(beta2, t)
        let sqrtBc2 = bc2.squareRoot()
        let resolver = GroupResolver(learningRate: learningRate, weightDecay: weightDecay, groups: groups)
        let multiplier = schedule.multiplier(step: stepCount - 1)
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        for i in 0..<params.count {
            let (baseLR, wd) = resolver.settings(for: params.names[i])
            let stepSize = baseLR * multiplier / bc1
            let g = gradients.tensors[i]
            m!.update(at: i) { mt in
            v!.update(at: i) { vt in
            params.update(at: i) { pt in
                pt.scalars.withUnsafeMutableBufferPointer { p in
                mt.scalars.withUnsafeMutableBufferPointer { mp in
                vt.scalars.withUnsafeMutableBufferPointer { vp in
                g.scalars.withUnsafeBufferPointer { gp in
                    for k in 0..<p.count {
                        let gk = gp[k] + wd * p[k]
                        mp[k] = b1 * mp[k] + (1 - b1) * gk
                        vp[k] = b2 * vp[k] + (1 - b2) * gk * gk
                        let denom = vp[k].squareRoot() / sqrtBc2 + eps
                        p[k] -= stepSize * mp[k] / denom
                    }
                }}}}
            }}}
        }
    }
}

/// Plain SGD with optional momentum (PyTorch semantics), weight decay, groups and schedule.
public struct SGD: Sendable, Equatable {
    public var learningRate: Float
    public var momentum: Float
    public var weightDecay: Float
    public var schedule: LearningRateSchedule
    public var groups: [ParameterGroup]
    public private(set) var stepCount = 0
    private var buffer: ParameterSet?

    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0,
                schedule: LearningRateSchedule = .constant, groups: [ParameterGroup] = []) {
        self.learningRate = learningRate; self.momentum = momentum; self.weightDecay = weightDecay
        self.schedule = schedule; self.groups = groups
    }

    /// One step: `params ← params − lr · (g + wd·θ)` (through the momentum buffer when momentum > 0).
    public mutating func step(_ params: inout ParameterSet, gradients: ParameterSet) {
        params.assertCompatible(gradients, "SGD.step")
        let resolver = GroupResolver(learningRate: learningRate, weightDecay: weightDecay, groups: groups)
        let multiplier = schedule.multiplier(step: stepCount)
        stepCount += 1
        var d = gradients
        for i in 0..<params.count {
            let wd = resolver.settings(for: params.names[i]).weightDecay
            if wd != 0 { d.update(at: i) { $0.addScaled(params.tensors[i], wd) } }
        }
        if momentum != 0 {
            if var b = buffer {
                b = b.scaled(momentum).adding(d)
                buffer = b
            } else {
                buffer = d
            }
            d = buffer!
        }
        for i in 0..<params.count {
            let lr = resolver.settings(for: params.names[i]).lr * multiplier
            params.update(at: i) { $0.addScaled(d.tensors[i], -lr) }
        }
    }
}
