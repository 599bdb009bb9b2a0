extension MethodCatalog {
    /// The implementation behind a catalog name (ablations share `ZeroLogMethod`).
    public static func makeMethod(named name: String) throws -> any DetectionMethod {
        _ = try descriptor(named: name)
        switch name {
        case "metalog": return MetaLogMethod()
        case "zerolog", "zerolog-no-meta", "zerolog-no-adversary", "zerolog-mean-pooling", "source-only":
            return ZeroLogMethod()
        default: throw MethodError.unknownMethod(name, known: names)
        }
    }
}
