/// A handle to a value recorded on a `Tape`.
public struct Variable: Hashable, Sendable {
    /// Position of the node on its tape.
    public let id: Int
}

/// A reverse-mode autodiff tape of coarse ops, each with a hand-written backward pass.
///
/// Forward functions take the tape and `Variable`s, record their result with `record(_:inputs:backward:)`
/// and return a new `Variable`. `gradients(of:)` walks the nodes once in reverse. A tape is used by one
/// thread for one forward/backward and then dropped; make a new tape per step.
///
/// With `recordsGradients == false` (inference) parameters become constants, so no op keeps a backward
/// closure or saves activations for it.
public final class Tape {
    /// Maps the gradient of a node's output to the gradients of its inputs (nil where `needs[i]` is
    /// false or the input receives nothing).
    public typealias Backward = (_ outputGradient: Tensor, _ needs: [Bool]) -> [Tensor?]

    struct Node {
        let value: Tensor
        let inputs: [Int]
        let requiresGradient: Bool
        let backward: Backward?
    }

    private(set) var nodes: [Node] = []
    /// False for inference tapes: parameters are bound as constants.
    public let recordsGradients: Bool
    /// Whether stochastic ops (dropout) are active.
    public var isTraining: Bool

    /// A new, empty tape.
    public init(recordsGradients: Bool = true, isTraining: Bool? = nil) {
        self.recordsGradients = recordsGradients
        self.isTraining = isTraining ?? recordsGradients
        nodes.reserveCapacity(64)
    }

    // MARK: Leaves

    /// A value that never receives a gradient (inputs, labels, masks).
    public func constant(_ value: Tensor) -> Variable {
        append(Node(value: value, inputs: [], requiresGradient: false, backward: nil))
    }

    /// A leaf that receives a gradient when the tape records gradients.
    public func parameter(_ value: Tensor) -> Variable {
        append(Node(value: value, inputs: [], requiresGradient: recordsGradients, backward: nil))
    }

    // MARK: Access

    /// The forward value of `v`.
    public func value(_ v: Variable) -> Tensor { nodes[v.id].value }
    /// The shape of `v`.
    public func shape(_ v: Variable) -> [Int] { nodes[v.id].value.shape }
    /// Whether a gradient flows into `v`.
    public func requiresGradient(_ v: Variable) -> Bool { nodes[v.id].requiresGradient }
    /// Whether any of `vs` receives a gradient (ops use it to skip saving activations).
    public func anyRequiresGradient(_ vs: [Variable]) -> Bool { vs.contains { nodes[$0.id].requiresGradient } }
    /// Number of recorded nodes.
    public var count: Int { nodes.count }

    // MARK: Recording

    /// Records the output `value` of an op over `inputs`. The backward closure is kept only when some
    /// input requires a gradient.
    public func record(_ value: Tensor, inputs: [Variable], backward: @escaping Backward) -> Variable {
        let needs = anyRequiresGradient(inputs)
        return append(Node(value: value, inputs: inputs.map(\.id), requiresGradient: needs,
                           backward: needs ? backward : nil))
    }

    private func append(_ node: Node) -> Variable {
        nodes.append(node)
        return Variable(id: nodes.count - 1)
    }

    // MARK: Backward

    /// Gradients of `output` with respect to every node, seeded with `seed` (default: 1 for a
    /// one-element output).
    public func gradients(of output: Variable, seed: Tensor? = nil) -> Gradients {
        let outValue = nodes[output.id].value
        let seedTensor = seed ?? {
            precondition(outValue.count == 1,
                         "Tape.gradients: output has shape \(outValue.shape); pass a seed for non-scalar outputs")
            return Tensor(repeating: 1, shape: outValue.shape)
        }()
        precondition(seedTensor.shape == outValue.shape, "Tape.gradients: seed shape \(seedTensor.shape) ≠ \(outValue.shape)")
        var grads = [Tensor?](repeating: nil, count: output.id + 1)
        grads[output.id] = seedTensor
        for id in stride(from: output.id, through: 0, by: -1) {
            let node = nodes[id]
            guard let g = grads[id], let backward = node.backward else { continue }
            let needs = node.inputs.map { nodes[$0].requiresGradient }
            let inputGrads = backward(g, needs)
            for (k, input) in node.inputs.enumerated() where needs[k] {
                guard let gi = inputGrads[k] else { continue }
                precondition(gi.count == nodes[input].value.count,
                             "Tape: backward of node \(id) returned \(gi.shape) for input of shape \(nodes[input].value.shape)")
                if grads[input] == nil { grads[input] = gi } else { grads[input]!.addScaled(gi) }
            }
            if id != output.id, !node.inputs.isEmpty { grads[id] = nil }  // free intermediate grads early
        }
        return Gradients(storage: grads)
    }
}

/// Gradients from one backward pass, looked up by `Variable`.
public struct Gradients {
    var storage: [Tensor?]
    /// The gradient reaching `v` (nil when nothing flowed into it).
    public subscript(_ v: Variable) -> Tensor? { v.id < storage.count ? storage[v.id] : nil }
}
