/// A dense Float32 tensor, row-major, with an explicit shape.
///
/// Storage is a copy-on-write `[Float]`: passing tensors around (into tape nodes, closures, parameter
/// sets) never copies; kernels read and write through `withUnsafeBufferPointer`.
public struct Tensor: Sendable, Equatable {
    /// Extent of each axis, outermost first (e.g. `[batch, time, feature]`).
    public private(set) var shape: [Int]
    /// Row-major elements; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Float]

    // MARK: Construction

    /// A tensor with the given shape and elements. Traps when the element count does not match the shape.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// A rank-0 tensor (shape `[]`) holding one number.
    public init(scalar: Float) { self.init(shape: [], scalars: [scalar]) }

    /// A rank-1 tensor.
    public init(_ vector: [Float]) { self.init(shape: [vector.count], scalars: vector) }

    // MARK: Shape

    /// Number of elements.
    public var count: Int { scalars.count }
    /// Number of axes.
    public var rank: Int { shape.count }

    /// The same elements under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor { Tensor(shape: newShape, scalars: scalars) }

    /// The single element of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "Tensor.scalar: tensor has shape \(shape), not one element")
        return scalars[0]
    }

    /// A zero tensor with the same shape.
    public var zerosLike: Tensor { Tensor(zeros: shape) }

    /// Element access by full index (slow path, for tests and small code).
    public subscript(index: Int...) -> Float {
        get { scalars[flatIndex(index)] }
        set { scalars[flatIndex(index)] = newValue }
    }

    private func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "Tensor: index \(index) does not match shape \(shape)")
        var flat = 0
        for (i, extent) in zip(index, shape) {
            precondition(i >= 0 && i < extent, "Tensor: index \(index) out of range for shape \(shape)")
            flat = flat * extent + i
        }
        return flat
    }
}

// MARK: - Elementwise helpers outside the tape

extension Tensor {
    /// `self += alpha * other` (shapes must match in element count).
    public mutating func addScaled(_ other: Tensor, _ alpha: Float = 1) {
        precondition(count == other.count, "Tensor.addScaled: \(shape) vs \(other.shape)")
        other.scalars.withUnsafeBufferPointer { o in
            scalars.withUnsafeMutableBufferPointer { s in
                for i in 0..<s.count { s[i] += alpha * o[i] }
            }
        }
    }

    /// Every element multiplied by `factor`.
    public func scaled(_ factor: Float) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map { $0 * factor })
    }

    /// Sum of squares of the elements, accumulated in Double.
    public var squaredNorm: Double {
        scalars.withUnsafeBufferPointer { s in
            var acc = 0.0
            for v in s { acc += Double(v) * Double(v) }
            return acc
        }
    }

    /// Largest absolute difference to another tensor of the same shape.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(shape == other.shape, "Tensor.maxAbsDifference: \(shape) vs \(other.shape)")
        var m: Float = 0
        for i in 0..<count { m = max(m, abs(scalars[i] - other.scalars[i])) }
        return m
    }
}
