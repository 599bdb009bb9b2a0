/// A location inside a JSON document, printed the way people write it: `methods[2].overrides.betta`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// The document root.
    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath { JSONPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }
    public static func / (lhs: JSONPath, rhs: String) -> JSONPath { lhs.appending(rhs) }
    public static func / (lhs: JSONPath, rhs: Int) -> JSONPath { lhs.appending(rhs) }

    public var description: String {
        if components.isEmpty { return "(top level)" }
        var text = ""
        for component in components {
            switch component {
            case .index(let i): text += "[\(i)]"
            case .key(let k):
                let plain = !k.isEmpty && k.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                if plain { text += text.isEmpty ? k : ".\(k)" } else { text += "[\"\(k)\"]" }
            }
        }
        return text
    }
}
