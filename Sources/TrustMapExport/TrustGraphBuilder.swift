internal import TrustMapModel

/// Builds a `ExportGraph` from a snapshot; every list comes out sorted so that the same snapshot always gives
/// the same graph.
struct TrustGraphBuilder {
    static let outsideCluster = "outside"

    let snapshot: Snapshot
    let options: TrustGraphOptions
    private var clusters: [String: GraphCluster] = [:]
    private var nodes: [String: GraphNode] = [:]
    private var edges: [GraphEdge] = []
    private var notes: [String] = []
    /// The forest cluster of each domain in a forest the snapshot read.
    private var forestCluster: [DNSName: String] = [:]

    init(snapshot: Snapshot, options: TrustGraphOptions) {
        self.snapshot = snapshot
        self.options = options
    }

    mutating func build() -> ExportGraph {
        addForests()
        for domain in snapshot.domains { addDomain(domain) }
        for forest in snapshot.forests {
            for name in forest.domains where nodes[Self.domainID(name)] == nil { addUnknownDomain(name) }
        }
        addTrusts()
        if options.includeDomainControllers { addDomainControllers() }
        applyPlan()
        applyProbe()
        labelNodes()
        return ExportGraph(
            title: title, source: source, clusters: sortedClusters, nodes: nodes.values.sorted { $0.id < $1.id },
            edges: edges.sorted { $0.id < $1.id }, notes: notes)
    }

    static func domainID(_ name: DNSName) -> String { "domain:" + name.value }

    // MARK: - Clusters and domains

    private mutating func addForests() {
        for forest in snapshot.forests {
            let id = "forest:" + forest.root.value
            clusters[id] = GraphCluster(
                id: id, kind: .forest, label: "Forest " + forest.root.value, forestRoot: forest.root.value)
            for name in forest.domains where forestCluster[name] == nil { forestCluster[name] = id }
            forestCluster[forest.root] = forestCluster[forest.root] ?? id
        }
        for domain in snapshot.domains where forestCluster[domain.dnsName] == nil {
            if let root = domain.forest, clusters["forest:" + root.value] != nil {
                forestCluster[domain.dnsName] = "forest:" + root.value
            }
        }
    }

    private mutating func clusterForDomain(_ name: DNSName) -> String {
        forestCluster[name] ?? outsideCluster()
    }

    private mutating func outsideCluster() -> String {
        if clusters[Self.outsideCluster] == nil {
            clusters[Self.outsideCluster] = GraphCluster(
                id: Self.outsideCluster, kind: .outside, label: "Outside the forests read (known from trusts)")
        }
        return Self.outsideCluster
    }

    private mutating func addDomain(_ domain: Domain) {
        var node = GraphNode(
            id: Self.domainID(domain.dnsName), kind: .domain, cluster: clusterForDomain(domain.dnsName))
        node.dnsName = domain.dnsName.value
        node.netbiosName = domain.netbiosName?.value
        node.sid = domain.sid?.description
        let forestRoot = snapshot.forests.first { $0.domains.contains(domain.dnsName) || $0.root == domain.dnsName }?
            .root
        node.forest = (forestRoot ?? domain.forest)?.value
        node.forestRoot = snapshot.forests.contains { $0.root == domain.dnsName }
        node.treeRoot = domain.isTreeRoot
        node.status = domain.status.rawValue
        node.statusReason = domain.statusReason
        node.domainControllerCount = domain.domainControllers.count
        nodes[node.id] = node
    }

    /// A domain a forest lists (crossRef) or a trust names but the snapshot has no record of.
    private mutating func addUnknownDomain(_ name: DNSName, asWritten: String? = nil, realm: Bool = false) {
        var node = GraphNode(id: Self.domainID(name), kind: .domain, cluster: clusterForDomain(name))
        node.dnsName = asWritten ?? name.value
        if let id = forestCluster[name], let forest = clusters[id] { node.forest = forest.forestRoot }
        node.forestRoot = false
        node.treeRoot = false
        node.realm = realm ? true : nil
        node.status = "not-in-snapshot"
        nodes[node.id] = node
    }

    // MARK: - Trusts

    /// The node a trust's partner names: a domain of the snapshot by DNS or NetBIOS name, else a new node.
    private mutating func partnerNode(of trust: Trust) -> String {
        if let dns = trust.partnerDNSName, nodes[Self.domainID(dns)] != nil { return Self.domainID(dns) }
        let netbios = trust.partnerDNSName == nil ? (try? NetBIOSName(parsing: trust.partner)) ?? trust.flatName : nil
        if let netbios, let d = snapshot.domains.first(where: { $0.netbiosName == netbios }) {
            return Self.domainID(d.dnsName)
        }
        if let dns = trust.partnerDNSName {
            addUnknownDomain(dns, asWritten: trust.type == .mit ? trust.partner : nil, realm: trust.type == .mit)
            nodes[Self.domainID(dns)]?.netbiosName = trust.flatName?.value
            nodes[Self.domainID(dns)]?.sid = trust.sid?.description
            return Self.domainID(dns)
        }
        let id = "netbios:" + trust.partner.uppercased()
        if nodes[id] == nil {
            var node = GraphNode(id: id, kind: .domain, cluster: outsideCluster())
            node.netbiosName = trust.flatName?.value ?? trust.partner
            node.sid = trust.sid?.description
            node.forestRoot = false
            node.treeRoot = false
            node.status = "not-in-snapshot"
            nodes[id] = node
        }
        return id
    }

    private mutating func addTrusts() {
        var resolved: [(holder: String, partner: String, trust: Trust)] = []
        for trust in snapshot.trusts {
            let holder = Self.domainID(trust.domain)
            if nodes[holder] == nil { addUnknownDomain(trust.domain) }
            resolved.append((holder, partnerNode(of: trust), trust))
        }
        var seen: [String: Int] = [:]
        for pair in TrustPairing(resolved).pairs {
            var id = "trust:" + pair.ends.0 + "|" + pair.ends.1
            seen[id, default: 0] += 1
            if seen[id]! > 1 { id += "#\(seen[id]!)" }
            edges.append(trustEdge(id: id, pair: pair))
        }
    }

    private func trustEdge(id: String, pair: TrustPairing.Pair) -> GraphEdge {
        let flows = pair.flows
        var edge: GraphEdge
        if flows.count == 1, let flow = flows.first {
            edge = GraphEdge(id: id, kind: .trust, source: flow[0], target: flow[1])
            edge.authentication = .oneWay
        } else {
            edge = GraphEdge(id: id, kind: .trust, source: pair.ends.0, target: pair.ends.1)
            edge.authentication = flows.isEmpty ? GraphEdge.Authentication.none : .twoWay
        }
        edge.trustKind = pair.kind.rawValue
        edge.transitive = pair.isTransitive
        edge.sidFiltering = pair.sidFiltering.rawValue
        edge.selectiveAuthentication = pair.selectiveAuthentication
        edge.kerberosKeys = pair.kerberosKeys.rawValue
        edge.tgtDelegation = pair.tgtDelegation.rawValue
        edge.oneSideOnly = pair.records.count == 1
        edge.disagreements = pair.disagreements
        edge.sides = pair.records.map { Self.side($0.trust) }
        // Only a domain read completely has had its trust objects read: partial data says nothing of them.
        let bothRead = nodes[pair.ends.0]?.status == "complete" && nodes[pair.ends.1]?.status == "complete"
        edge.label = Self.trustLabel(edge, pair: pair, bothEndsRead: bothRead)
        return edge
    }

    private static func side(_ t: Trust) -> TrustSide {
        TrustSide(
            holder: t.domain.value, partner: t.partner, flatName: t.flatName?.value, sid: t.sid?.description,
            direction: t.direction.description, type: t.type.description, trustKind: t.kind.rawValue,
            attributes: t.attributes.rawValue, attributeNames: t.attributes.decoded,
            encryptionTypes: t.encryptionTypes?.decoded, whenCreated: t.whenCreated, whenChanged: t.whenChanged)
    }

    /// The words on a trust edge: its kind, then whatever a planner must not miss. A trust seen from one side
    /// only says so when both domains were read (the other domain lacks its object); when the partner was not
    /// read, one side is all there can be and the dashed line says it.
    private static func trustLabel(_ edge: GraphEdge, pair: TrustPairing.Pair, bothEndsRead: Bool) -> String {
        var lines = [TrustKindStyle.style(for: pair.kind).caption]
        if edge.authentication == GraphEdge.Authentication.none { lines.append("disabled") }
        if edge.transitive == false { lines.append("non-transitive") }
        switch pair.sidFiltering {
        case .quarantined: lines.append("SID-filtered (quarantined)")
        case .relaxed: lines.append("SID filtering relaxed (treat as external)")
        default: break
        }
        if edge.selectiveAuthentication == true { lines.append("selective authentication") }
        if pair.kerberosKeys == .rc4Only { lines.append("RC4 only") }
        if pair.records.count == 1 && bothEndsRead {
            lines.append("one side only (seen from \(pair.records[0].trust.domain.value))")
        }
        if !pair.disagreements.isEmpty {
            lines.append("sides disagree on " + pair.disagreements.joined(separator: " and "))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Domain controllers

    private mutating func addDomainControllers() {
        for domain in snapshot.domains {
            let domainID = Self.domainID(domain.dnsName)
            guard let parent = nodes[domainID]?.cluster else { continue }
            let forest = snapshot.forests.first { "forest:" + $0.root.value == parent }
            for dc in domain.domainControllers {
                let site = dc.site ?? forest?.sites.first { $0.domainControllers.contains(dc.hostName) }?.name
                var cluster = parent
                if let site {
                    cluster = "site:" + parent + ":" + site
                    if clusters[cluster] == nil {
                        clusters[cluster] = GraphCluster(
                            id: cluster, kind: .site, label: "Site " + site, parent: parent, site: site)
                    }
                }
                var node = GraphNode(id: "dc:" + dc.hostName.value, kind: .domainController, cluster: cluster)
                node.hostName = dc.hostName.value
                node.netbiosName = dc.netbiosName?.value
                node.domain = domain.dnsName.value
                node.site = site
                node.roles = dc.roles.sorted().map(\.rawValue)
                node.addresses = dc.addresses
                node.answered = dc.answered
                nodes[node.id] = node
                edges.append(
                    GraphEdge(
                        id: "dc:" + domain.dnsName.value + "|" + dc.hostName.value, kind: .domainController,
                        source: domainID, target: node.id))
            }
        }
    }

    // MARK: - Highlights

    /// The domain node a plan or probe names, by DNS name or NetBIOS name.
    private func domainNode(named raw: String) -> String? {
        if let dns = try? DNSName(parsing: raw), nodes[Self.domainID(dns)] != nil { return Self.domainID(dns) }
        let upper = raw.uppercased()
        return nodes.values.filter { $0.kind == .domain && $0.netbiosName == upper }.map(\.id).min()
    }

    /// The domain holding the DC with this host name.
    private func domainOfDC(named raw: String) -> Domain? {
        guard let host = try? DNSName(parsing: raw) else { return nil }
        return snapshot.domains.first { $0.domainControllers.contains { $0.hostName == host } }
    }

    private mutating func applyPlan() {
        guard let plan = options.plan else { return }
        for name in plan.domains.sorted() {
            if let id = domainNode(named: name) {
                nodes[id]?.inPlan = true
            } else {
                notes.append("plan names domain \"\(name)\", which is not in the snapshot")
            }
        }
        for name in plan.domainControllers.sorted() {
            guard let domain = domainOfDC(named: name) else {
                notes.append("plan names domain controller \"\(name)\", which is not in the snapshot")
                continue
            }
            let id = Self.domainID(domain.dnsName)
            let planned = nodes[id]?.plannedDomainControllers ?? 0
            nodes[id]?.plannedDomainControllers = planned + 1
            nodes["dc:" + name.lowercased().trimmingSuffixDot]?.inPlan = true
        }
        for i in edges.indices where edges[i].kind == .trust {
            edges[i].inPlan = nodes[edges[i].source]?.inPlan == true && nodes[edges[i].target]?.inPlan == true
        }
    }

    private mutating func applyProbe() {
        guard let probe = options.probe else { return }
        for name in probe.unreachableDomains.sorted() {
            if let id = domainNode(named: name) {
                nodes[id]?.unreachable = true
            } else {
                notes.append("probe names domain \"\(name)\", which is not in the snapshot")
            }
        }
        for name in probe.unreachableDomainControllers.sorted() {
            guard let domain = domainOfDC(named: name) else {
                notes.append("probe names domain controller \"\(name)\", which is not in the snapshot")
                continue
            }
            let id = Self.domainID(domain.dnsName)
            let unreachable = nodes[id]?.unreachableDomainControllers ?? 0
            nodes[id]?.unreachableDomainControllers = unreachable + 1
            nodes["dc:" + name.lowercased().trimmingSuffixDot]?.unreachable = true
        }
    }

    // MARK: - Labels and ordering

    private mutating func labelNodes() {
        for (id, node) in nodes {
            nodes[id]?.label = NodeLabel.text(for: node, dcsDrawn: options.includeDomainControllers)
        }
    }

    private var sortedClusters: [GraphCluster] {
        func rank(_ c: GraphCluster) -> Int { c.kind == .outside ? 1 : 0 }
        let top = clusters.values.filter { $0.parent == nil }.sorted { (rank($0), $0.id) < (rank($1), $1.id) }
        var out: [GraphCluster] = []
        for c in top {
            out.append(c)
            out += clusters.values.filter { $0.parent == c.id }.sorted { $0.id < $1.id }
        }
        return out
    }

    private var title: String {
        var t = "Trust map"
        if let start = snapshot.metadata.startDomain { t += " from " + start.value }
        return t + ", collected " + snapshot.metadata.collectedAt
    }

    private var source: GraphSource {
        GraphSource(
            collectedAt: snapshot.metadata.collectedAt, toolVersion: snapshot.metadata.toolVersion,
            startDomain: snapshot.metadata.startDomain?.value)
    }
}

extension String {
    /// The string without one trailing dot.
    fileprivate var trimmingSuffixDot: String { hasSuffix(".") ? String(dropLast()) : self }
}
