import NN

extension Hyperparameters {
    /// `meta_order`: `first` (MLDG / FOMAML) or `second` (finite-difference Hessian-vector products).
    func metaOrder() throws -> MetaGradientOrder {
        MetaGradientOrder(rawValue: try string("meta_order", oneOf: MetaGradientOrder.allCases.map(\.rawValue)))!
    }
}
