/// A set of parameters (by name prefix) with its own learning rate and weight decay.
public struct ParameterGroup: Sendable, Equatable, Codable {
    /// Names starting with any of these prefixes belong to the group (first matching group wins).
    public var prefixes: [String]
    public var learningRate: Float
    public var weightDecay: Float?

    public init(prefixes: [String], learningRate: Float, weightDecay: Float? = nil) {
        self.prefixes = prefixes; self.learningRate = learningRate; self.weightDecay = weightDecay
    }
}

/// Learning-rate schedule as a function of the optimizer step (0-based count of completed steps).
public enum LearningRateSchedule: Sendable, Equatable, Codable {
    /// The base rate throughout.
    case constant
    /// `lr · factor^(step / every)`; `staircase` uses integer division (PyTorch `StepLR`), otherwise
    /// real division (PLELog/MetaLog's `decay ** (step / decay_steps)`).
    case stepDecay(factor: Float, every: Int, staircase: Bool)

    /// The multiplier at `step`.
    public func multiplier(step: Int) -> Float {
        switch self {
        case .constant: return 1
        case let .stepDecay(factor, every, staircase):
            let e = staircase ? Float(step / max(every, 1)) : Float(step) / Float(max(every, 1))
            return _powf(factor, e)
        }
    }
}

/// Scales `gradients` in place so their global L2 norm is at most `maxNorm` (like
/// `torch.nn.utils.clip_grad_norm_`, factor maxNorm / (norm + 1e-6)). Returns the norm before clipping.
@discardableResult
public func clipGlobalNorm(_ gradients: inout ParameterSet, maxNorm: Float) -> Double {
    let norm = gradients.norm
    let coef = Double(maxNorm) / (norm + 1e-6)
    if coef < 1 { gradients = gradients.scaled(Float(coef)) }
    return norm
}

/// Resolves per-parameter learning rate and weight decay from groups.
struct GroupResolver: Sendable {
    let learningRate: Float, weightDecay: Float, groups: [ParameterGroup]
    func settings(for name: String) -> (lr: Float, weightDecay: Float) {
        for g in groups where g.prefixes.contains(where: { name.hasPrefix($0) }) {
            return (g.learningRate, g.weightDecay ?? weightDecay)
        }
        return (learningRate, weightDecay)
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _powf(_ x: Float, _ y: Float) -> Float { Glibc.powf(x, y) }
@inline(__always) func _sqrtf(_ x: Float) -> Float { x.squareRoot() }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func _powf(_ x: Float, _ y: Float) -> Float { Darwin.powf(x, y) }
#endif
