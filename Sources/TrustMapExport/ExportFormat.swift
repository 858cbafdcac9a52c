/// An output format of `trustmap export`.
public enum ExportFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Graphviz DOT text.
    case dot
    /// SVG, rendered by Graphviz's `dot`.
    case svg
    /// PNG, rendered by Graphviz's `dot`.
    case png
    /// The graph as JSON (docs/graph.md).
    case json
    /// The graph as GraphML (docs/graph.md).
    case graphml

    /// True for the formats that need Graphviz's `dot` to render.
    public var needsGraphviz: Bool { self == .svg || self == .png }

    /// The usual file extension.
    public var fileExtension: String { rawValue }

    public var description: String { rawValue }
}
