/// The words drawn in a node: names first, then what the node is, then the plan's and probe's marks.
enum NodeLabel {
    static func text(for node: GraphNode, dcsDrawn: Bool) -> String {
        switch node.kind {
        case .domain: domain(node, dcsDrawn: dcsDrawn).joined(separator: "\n")
        case .domainController: domainController(node).joined(separator: "\n")
        }
    }

    private static func dcs(_ n: Int) -> String { n == 1 ? "1 DC" : "\(n) DCs" }

    private static func domain(_ node: GraphNode, dcsDrawn: Bool) -> [String] {
        var lines: [String] = []
        if let dns = node.dnsName {
            lines.append(dns)
            if let nb = node.netbiosName { lines.append(nb) }
        } else if let nb = node.netbiosName {
            lines.append(nb)
        }
        if node.forestRoot == true { lines.append("forest root") }
        if node.treeRoot == true { lines.append("tree root") }
        let count = node.domainControllerCount ?? 0
        switch node.status {
        case "complete": lines.append(dcs(count))
        case "partial": lines.append(dcs(count) + ", partly read")
        case "unreachable": lines.append("not read: unreachable")
        case "not-followed": lines.append("not read: not followed")
        default: lines.append(node.realm == true ? "Kerberos realm, not read" : "not read")
        }
        if node.inPlan {
            let planned = node.plannedDomainControllers ?? 0
            lines.append(dcsDrawn || planned == 0 ? "in plan" : "in plan, needs " + dcs(planned))
        } else if !dcsDrawn, let planned = node.plannedDomainControllers, planned > 0 {
            lines.append("plan needs " + dcs(planned))
        }
        if node.unreachable {
            lines.append("UNREACHABLE (probe)")
        } else if !dcsDrawn, let n = node.unreachableDomainControllers, n > 0 {
            lines.append("\(n) of \(dcs(count)) unreachable (probe)")
        }
        return lines
    }

    private static func domainController(_ node: GraphNode) -> [String] {
        var lines = [node.hostName ?? node.id]
        let roles = (node.roles ?? []).filter { $0 != "writable" }.map { $0.uppercased() }
        if !roles.isEmpty { lines.append(roles.joined(separator: ", ")) }
        if let a = node.addresses, !a.isEmpty { lines.append(a.joined(separator: ", ")) }
        if node.inPlan { lines.append("in plan") }
        if node.unreachable { lines.append("UNREACHABLE (probe)") }
        return lines
    }
}
