internal import TrustMapModel

/// The legend of a DOT graph: one HTML-label node saying what the arrows mean, with a sample of each line
/// style and node mark the graph actually uses.
struct DOTLegend {
    let graph: ExportGraph

    /// The legend node's id.
    static let id = "legend"

    private static let grey = "#555555"

    func write() -> String {
        var rows = [
            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>",
            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">"
                + [
                    "Arrows show the way authentication flows: users of the",
                    "domain at the tail sign in to the domain at the head,",
                    "which trusts them (the trust itself points the other way).",
                    "Forest trusts filter SIDs to the partner forest unless marked.",
                ].map { XMLText.escaped($0) }.joined(separator: "<BR/>") + "</TD></TR>",
        ]
        for kind in TrustKind.allCases where trusts.contains(where: { $0.trustKind == kind.rawValue }) {
            let s = TrustKindStyle.style(for: kind)
            rows.append(Self.lineRow("━━━━━━▶", color: s.color, s.caption))
        }
        if trusts.contains(where: { $0.authentication == .twoWay }) {
            rows.append(Self.lineRow("◀━━━━━▶", color: Self.grey, "two-way trust"))
        }
        if trusts.contains(where: { $0.oneSideOnly == true }) {
            rows.append(Self.lineRow("╌ ╌ ╌ ╌ ╌▶", color: Self.grey, "trust seen from one side only"))
        }
        if trusts.contains(where: { $0.authentication == GraphEdge.Authentication.none }) {
            rows.append(Self.lineRow("• • • • • • •", color: Self.grey, "disabled trust"))
        }
        if trusts.contains(where: { $0.inPlan }) {
            rows.append(Self.lineRow("━━━━━▶", color: "#000000", "trust between domains the plan needs", size: 15))
        }
        rows += nodeMarks()
        let table =
            "<<TABLE BORDER=\"1\" COLOR=\"#999999\" STYLE=\"rounded\" CELLBORDER=\"0\" CELLSPACING=\"4\""
            + " CELLPADDING=\"2\">" + rows.joined() + "</TABLE>>"
        return DOTWriter.statement(
            1, DOTString.quoted(Self.id), [("shape", "plaintext"), ("fontsize", "10"), ("margin", "0")],
            quoted: [("label", table)])
    }

    private var trusts: [GraphEdge] { graph.edges.filter { $0.kind == .trust } }

    private static func lineRow(_ glyphs: String, color: String, _ caption: String, size: Int? = nil) -> String {
        let font = "<FONT COLOR=\"\(color)\"" + (size.map { " POINT-SIZE=\"\($0)\"" } ?? "") + ">"
        return "<TR><TD ALIGN=\"LEFT\">" + font + XMLText.escaped(glyphs) + "</FONT></TD><TD ALIGN=\"LEFT\">"
            + XMLText.escaped(caption) + "</TD></TR>"
    }

    /// A sample cell drawn like a node, for each mark the graph uses.
    private func nodeMarks() -> [String] {
        let domains = graph.nodes.filter { $0.kind == .domain }
        var rows: [String] = []
        func mark(_ sample: String, _ caption: String, fill: String, color: String, border: Int, style: String? = nil) {
            let cell =
                "<TD BORDER=\"\(border)\" BGCOLOR=\"\(fill)\" COLOR=\"\(color)\""
                + (style.map { " STYLE=\"\($0)\"" } ?? "") + ">" + XMLText.escaped(sample) + "</TD>"
            rows.append("<TR>" + cell + "<TD ALIGN=\"LEFT\">" + XMLText.escaped(caption) + "</TD></TR>")
        }
        if domains.contains(where: { $0.forestRoot == true }) {
            mark("forest root", "bold border", fill: "#ffffff", color: "#333333", border: 3)
        }
        if domains.contains(where: { !$0.wasRead }) {
            mark(
                "not read", "known from trusts or crossRefs only", fill: "#ececec", color: "#777777", border: 1,
                style: "dashed")
        }
        if domains.contains(where: { $0.realm == true }) {
            mark("realm", "Kerberos realm (oval)", fill: "#ececec", color: "#777777", border: 1, style: "dashed")
        }
        if graph.nodes.contains(where: { $0.kind == .domainController }) {
            mark("DC", "domain controller, in its site", fill: "#f4f4f4", color: "#666666", border: 1)
        }
        if graph.nodes.contains(where: { $0.inPlan }) {
            mark("in plan", "needed by the follow-trust plan", fill: "#fff1a8", color: "#b58900", border: 3)
        }
        if graph.nodes.contains(where: { $0.unreachable }) {
            mark("unreachable", "not reachable in the probe", fill: "#f8cfcf", color: "#c00000", border: 3)
        }
        return rows
    }
}
