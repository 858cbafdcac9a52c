internal import TrustMapModel

/// How a trust kind is drawn: its caption, colour and line width.
struct TrustKindStyle {
    /// The words for the kind on an edge and in the legend.
    let caption: String
    /// The Graphviz colour.
    let color: String
    /// The line width.
    let penWidth: String

    static func style(for kind: TrustKind) -> TrustKindStyle {
        switch kind {
        case .forest: TrustKindStyle(caption: "forest trust", color: "#1f5fbf", penWidth: "2.5")
        case .external: TrustKindStyle(caption: "external trust", color: "#d95f02", penWidth: "2")
        case .parentChild: TrustKindStyle(caption: "parent-child", color: "#1b9e77", penWidth: "1.5")
        case .treeRoot: TrustKindStyle(caption: "tree-root", color: "#4d9221", penWidth: "1.5")
        case .shortcut: TrustKindStyle(caption: "shortcut", color: "#7570b3", penWidth: "1.5")
        case .realm: TrustKindStyle(caption: "realm trust", color: "#a6761d", penWidth: "2")
        case .other: TrustKindStyle(caption: "other trust", color: "#666666", penWidth: "1.5")
        }
    }

    /// The style for a kind written as in graph JSON, or `other`'s for an unknown one.
    static func style(named raw: String?) -> TrustKindStyle {
        style(for: raw.flatMap(TrustKind.init(rawValue:)) ?? .other)
    }
}
