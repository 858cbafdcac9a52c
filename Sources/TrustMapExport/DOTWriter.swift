/// Writes a `ExportGraph` as Graphviz DOT: clusters for forests and sites, styled nodes and edges, and a legend
/// that explains the arrows, line styles and node marks the graph uses. The output depends only on the graph.
struct DOTWriter {
    let graph: ExportGraph

    private static let font = "Helvetica"

    func write() -> String {
        var out = "digraph \"trustmap\" {\n"
        out += line(
            1, "graph",
            [
                ("label", graph.title), ("labelloc", "t"), ("labeljust", "l"), ("fontname", Self.font),
                ("fontsize", "16"), ("rankdir", "LR"), ("newrank", "true"), ("nodesep", "0.4"),
                ("ranksep", "0.9"), ("pad", "0.3"),
            ])
        out += line(
            1, "node",
            [
                ("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "#ffffff"), ("color", "#333333"),
                ("fontname", Self.font), ("fontsize", "11"), ("margin", "0.15,0.08"),
            ])
        out += line(1, "edge", [("fontname", Self.font), ("fontsize", "9"), ("arrowsize", "0.9")])
        for cluster in graph.clusters where cluster.parent == nil {
            out += clusterBlock(cluster, depth: 1)
        }
        for node in graph.nodes where node.cluster == nil { out += nodeLine(node, depth: 1) }
        for edge in graph.edges { out += edgeLine(edge) }
        out += DOTLegend(graph: graph).write()
        return out + "}\n"
    }

    // MARK: - Clusters and nodes

    private func clusterBlock(_ cluster: GraphCluster, depth: Int) -> String {
        let pad = String(repeating: "    ", count: depth)
        var out = pad + "subgraph " + DOTString.quoted("cluster_" + cluster.id) + " {\n"
        let style: [(String, String)] =
            switch cluster.kind {
            case .forest: [("style", "rounded,filled"), ("fillcolor", "#eef3fa"), ("color", "#7f9cc6")]
            case .site: [("style", "rounded,filled"), ("fillcolor", "#fafafa"), ("color", "#b0b0b0")]
            case .outside: [("style", "rounded,dashed"), ("color", "#999999")]
            }
        let fontSize = cluster.kind == .site ? "10" : "13"
        out += line(
            depth + 1, "graph",
            [("label", cluster.label), ("labeljust", "l"), ("fontname", Self.font), ("fontsize", fontSize)] + style)
        for node in graph.nodes where node.cluster == cluster.id { out += nodeLine(node, depth: depth + 1) }
        for child in graph.clusters where child.parent == cluster.id {
            out += clusterBlock(child, depth: depth + 1)
        }
        return out + pad + "}\n"
    }

    private func nodeLine(_ node: GraphNode, depth: Int) -> String {
        line(depth, DOTString.quoted(node.id), [("label", node.label)] + Self.nodeStyle(node))
    }

    /// The look of a node: domains boxed, realms as ellipses, DCs smaller; what was not read dashed and grey;
    /// the forest root bold; what the plan needs yellow; what the probe could not reach red.
    static func nodeStyle(_ node: GraphNode) -> [(String, String)] {
        var style = ["rounded", "filled"]
        var attrs: [(String, String)] = []
        var fill = "#ffffff"
        var color = "#333333"
        var penWidth = "1"
        var fontColor: String?
        if node.kind == .domainController {
            attrs.append(("fontsize", "9"))
            style = ["filled"]
            fill = "#f4f4f4"
            color = "#666666"
        } else if node.realm == true {
            attrs.append(("shape", "ellipse"))
            style = ["filled"]
        }
        if node.kind == .domain && !node.wasRead {
            style.append("dashed")
            fill = "#ececec"
            color = "#777777"
            fontColor = "#444444"
        }
        if node.forestRoot == true {
            style.append("bold")
            penWidth = "2.5"
        }
        if node.inPlan {
            fill = "#fff1a8"
            color = "#b58900"
            penWidth = "3"
        }
        if node.unreachable {
            fill = "#f8cfcf"
            color = "#c00000"
            fontColor = "#8b0000"
            penWidth = "3"
        }
        attrs += [("style", style.joined(separator: ",")), ("fillcolor", fill), ("color", color)]
        if penWidth != "1" { attrs.append(("penwidth", penWidth)) }
        if let fontColor { attrs.append(("fontcolor", fontColor)) }
        if let reason = node.statusReason { attrs.append(("tooltip", reason)) }
        return attrs
    }

    // MARK: - Edges

    private func edgeLine(_ edge: GraphEdge) -> String {
        let head = DOTString.quoted(edge.source) + " -> " + DOTString.quoted(edge.target)
        let label: [(String, String)] =
            edge.label.isEmpty ? [] : [("label", edge.label)] + (edge.kind == .trust ? [("decorate", "true")] : [])
        return line(1, head, Self.edgeStyle(edge) + label)
    }

    /// The look of an edge: colour and width by trust kind; arrows the way authentication flows (both ends for
    /// a two-way trust, none when disabled); dashed when seen from one side only; dotted when disabled.
    static func edgeStyle(_ edge: GraphEdge) -> [(String, String)] {
        if edge.kind == .domainController {
            return [("dir", "none"), ("color", "#a0a0a0"), ("penwidth", "0.8"), ("weight", "2")]
        }
        let kind = TrustKindStyle.style(named: edge.trustKind)
        var attrs: [(String, String)] = [("color", kind.color), ("fontcolor", kind.color)]
        attrs.append(("penwidth", edge.inPlan ? "4.5" : kind.penWidth))
        switch edge.authentication {
        case .twoWay?: attrs.append(("dir", "both"))
        case .none?: attrs += [("dir", "none"), ("style", "dotted")]
        default: break
        }
        if edge.oneSideOnly == true && edge.authentication != GraphEdge.Authentication.none {
            attrs.append(("style", "dashed"))
        }
        if !(edge.disagreements ?? []).isEmpty { attrs.append(("fontcolor", "#c00000")) }
        if let sides = edge.sides { attrs.append(("tooltip", Self.tooltip(sides))) }
        return attrs
    }

    private static func tooltip(_ sides: [TrustSide]) -> String {
        sides.map { s in
            var t = s.holder + " holds " + s.partner + ": " + s.direction + ", " + s.type
            if !s.attributeNames.isEmpty { t += ", " + s.attributeNames.joined(separator: " ") }
            if let e = s.encryptionTypes { t += ", enctypes " + (e.isEmpty ? "none" : e.joined(separator: " ")) }
            return t
        }.joined(separator: "\n")
    }

    // MARK: - Text

    /// One statement `head [k="v", ...];` at `depth`.
    func line(_ depth: Int, _ head: String, _ attrs: [(String, String)]) -> String {
        Self.statement(depth, head, attrs)
    }

    /// One statement `head [k="v", ...];`: `attrs` values are quoted here (a later key overrides an earlier
    /// one); `quoted` values are already DOT strings and are written as they are.
    static func statement(
        _ depth: Int, _ head: String, _ attrs: [(String, String)], quoted: [(String, String)] = []
    ) -> String {
        let pad = String(repeating: "    ", count: depth)
        guard !attrs.isEmpty || !quoted.isEmpty else { return pad + head + ";\n" }
        var seen: Set<String> = []
        var merged: [(String, String)] = []
        for (k, v) in attrs.reversed() where seen.insert(k).inserted { merged.append((k, DOTString.quoted(v))) }
        let body = (merged.reversed() + quoted).map { k, v in k + "=" + v }
        return pad + head + " [" + body.joined(separator: ", ") + "];\n"
    }
}
