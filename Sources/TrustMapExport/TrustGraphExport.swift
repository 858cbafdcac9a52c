import Foundation
public import TrustMapModel

/// Exports a snapshot's trust graph as DOT, SVG, PNG, graph JSON or GraphML.
///
/// ```swift
/// let export = TrustGraphExport(snapshot: snapshot, options: TrustGraphOptions(includeDomainControllers: true))
/// let dot = export.dot()
/// ```
public struct TrustGraphExport: Sendable {
    /// The graph drawn from the snapshot.
    public let graph: ExportGraph

    /// Draws the graph of `snapshot` with `options`.
    public init(snapshot: Snapshot, options: TrustGraphOptions = TrustGraphOptions()) {
        graph = ExportGraph(snapshot: snapshot, options: options)
    }

    /// Exports an already drawn graph.
    public init(graph: ExportGraph) {
        self.graph = graph
    }

    /// The graph as Graphviz DOT text; the same graph always gives the same bytes.
    public func dot() -> String { DOTWriter(graph: graph).write() }

    /// The graph as JSON (docs/graph.md): keys sorted, pretty-printed, ending with a newline.
    public func json() throws(ExportError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(graph), as: UTF8.self) + "\n"
        } catch {
            throw ExportError(.encodingFailed, operation: "graph json", "cannot encode the graph: \(error)")
        }
    }

    /// The graph as GraphML (docs/graph.md).
    public func graphML() -> String { GraphMLWriter(graph: graph).write() }

    /// The graph in `format`; SVG and PNG go through Graphviz's `dot` (`renderer`), whose warnings are returned
    /// alongside.
    public func render(
        _ format: ExportFormat, renderer: GraphvizRenderer = GraphvizRenderer()
    ) throws(ExportError) -> GraphvizRenderer.Output {
        switch format {
        case .dot: GraphvizRenderer.Output(data: Data(dot().utf8), warnings: "")
        case .json: GraphvizRenderer.Output(data: Data(try json().utf8), warnings: "")
        case .graphml: GraphvizRenderer.Output(data: Data(graphML().utf8), warnings: "")
        case .svg, .png: try renderer.render(dot(), format: format.rawValue)
        }
    }
}
