/// Writes a `ExportGraph` as GraphML: every attribute a declared `<key>`, clusters as a `cluster` value on each
/// node, two-way and disabled trusts and DC links as undirected edges, everything escaped.
struct GraphMLWriter {
    let graph: ExportGraph

    /// A declared GraphML attribute.
    struct Key {
        let id: String
        let domain: String
        let name: String
        let type: String
    }

    static let graphKeys: [Key] = [
        Key(id: "g_format", domain: "graph", name: "format", type: "string"),
        Key(id: "g_version", domain: "graph", name: "version", type: "int"),
        Key(id: "g_title", domain: "graph", name: "title", type: "string"),
        Key(id: "g_collectedAt", domain: "graph", name: "collectedAt", type: "string"),
        Key(id: "g_toolVersion", domain: "graph", name: "toolVersion", type: "string"),
        Key(id: "g_startDomain", domain: "graph", name: "startDomain", type: "string"),
        Key(id: "g_notes", domain: "graph", name: "notes", type: "string"),
    ]

    static let nodeKeys: [Key] = [
        ("kind", "string"), ("label", "string"), ("cluster", "string"), ("clusterLabel", "string"),
        ("dnsName", "string"), ("netbiosName", "string"), ("sid", "string"), ("forest", "string"),
        ("forestRoot", "boolean"), ("treeRoot", "boolean"), ("realm", "boolean"), ("status", "string"),
        ("statusReason", "string"), ("domainControllerCount", "int"), ("plannedDomainControllers", "int"),
        ("unreachableDomainControllers", "int"), ("hostName", "string"), ("domain", "string"), ("site", "string"),
        ("roles", "string"), ("addresses", "string"), ("answered", "boolean"), ("inPlan", "boolean"),
        ("unreachable", "boolean"),
    ].map { Key(id: "n_" + $0.0, domain: "node", name: $0.0, type: $0.1) }

    static let edgeKeys: [Key] = [
        ("kind", "string"), ("label", "string"), ("trustKind", "string"), ("authentication", "string"),
        ("transitive", "boolean"), ("sidFiltering", "string"), ("selectiveAuthentication", "boolean"),
        ("kerberosKeys", "string"), ("tgtDelegation", "string"), ("oneSideOnly", "boolean"),
        ("disagreements", "string"), ("sides", "string"), ("inPlan", "boolean"),
    ].map { Key(id: "e_" + $0.0, domain: "edge", name: $0.0, type: $0.1) }

    func write() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
        out += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        out += " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
        out += " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        for key in Self.graphKeys + Self.nodeKeys + Self.edgeKeys {
            out +=
                "  <key id=\"\(key.id)\" for=\"\(key.domain)\" attr.name=\"\(key.name)\" attr.type=\"\(key.type)\"/>\n"
        }
        out += "  <graph id=\"trustmap\" edgedefault=\"directed\">\n"
        out += data("g_format", graph.format, 4) + data("g_version", String(graph.version), 4)
        out += data("g_title", graph.title, 4) + data("g_collectedAt", graph.source.collectedAt, 4)
        out += data("g_toolVersion", graph.source.toolVersion, 4) + data("g_startDomain", graph.source.startDomain, 4)
        out += data("g_notes", graph.notes.isEmpty ? nil : graph.notes.joined(separator: "\n"), 4)
        for node in graph.nodes { out += nodeElement(node) }
        for edge in graph.edges { out += edgeElement(edge) }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    private func nodeElement(_ n: GraphNode) -> String {
        let clusterLabel = graph.clusters.first { $0.id == n.cluster }?.label
        var out = "    <node id=\"\(XMLText.escaped(n.id, attribute: true))\">\n"
        let values: [(String, String?)] = [
            ("kind", n.kind.rawValue), ("label", n.label), ("cluster", n.cluster), ("clusterLabel", clusterLabel),
            ("dnsName", n.dnsName), ("netbiosName", n.netbiosName), ("sid", n.sid), ("forest", n.forest),
            ("forestRoot", n.forestRoot.map(String.init)), ("treeRoot", n.treeRoot.map(String.init)),
            ("realm", n.realm.map(String.init)), ("status", n.status), ("statusReason", n.statusReason),
            ("domainControllerCount", n.domainControllerCount.map(String.init)),
            ("plannedDomainControllers", n.plannedDomainControllers.map(String.init)),
            ("unreachableDomainControllers", n.unreachableDomainControllers.map(String.init)),
            ("hostName", n.hostName), ("domain", n.domain), ("site", n.site),
            ("roles", n.roles?.joined(separator: " ")), ("addresses", n.addresses?.joined(separator: " ")),
            ("answered", n.answered.map(String.init)), ("inPlan", String(n.inPlan)),
            ("unreachable", String(n.unreachable)),
        ]
        for (name, value) in values { out += data("n_" + name, value, 6) }
        return out + "    </node>\n"
    }

    private func edgeElement(_ e: GraphEdge) -> String {
        let directed = e.kind == .trust && e.authentication == .oneWay
        var out = "    <edge id=\"\(XMLText.escaped(e.id, attribute: true))\""
        out += " source=\"\(XMLText.escaped(e.source, attribute: true))\""
        out += " target=\"\(XMLText.escaped(e.target, attribute: true))\""
        out += directed ? ">\n" : " directed=\"false\">\n"
        let sides = e.sides.map { sides in
            sides.map { s in
                ([s.holder + " holds " + s.partner, s.direction, s.type] + s.attributeNames).joined(separator: " ")
            }.joined(separator: "\n")
        }
        let values: [(String, String?)] = [
            ("kind", e.kind.rawValue), ("label", e.label.isEmpty ? nil : e.label), ("trustKind", e.trustKind),
            ("authentication", e.authentication?.rawValue), ("transitive", e.transitive.map(String.init)),
            ("sidFiltering", e.sidFiltering),
            ("selectiveAuthentication", e.selectiveAuthentication.map(String.init)),
            ("kerberosKeys", e.kerberosKeys), ("tgtDelegation", e.tgtDelegation),
            ("oneSideOnly", e.oneSideOnly.map(String.init)),
            ("disagreements", e.disagreements.map { $0.joined(separator: " ") }), ("sides", sides),
            ("inPlan", String(e.inPlan)),
        ]
        for (name, value) in values { out += data("e_" + name, value, 6) }
        return out + "    </edge>\n"
    }

    private func data(_ key: String, _ value: String?, _ indent: Int) -> String {
        guard let value else { return "" }
        return String(repeating: " ", count: indent) + "<data key=\"\(key)\">" + XMLText.escaped(value) + "</data>\n"
    }
}
