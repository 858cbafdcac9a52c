public import TrustMapModel

/// The domains of a snapshot and the trusts between them, as directed edges.
///
/// Each reconciled trust gives the edge "A trusts B" when its effective direction says so (see
/// `TrustReconciliation`). Domains known only from a trust object are nodes too. A domain's forest is its
/// `Domain.forest`, else the forest listing it, else (for partners not read) the holder's forest across a
/// WITHIN_FOREST trust, the partner itself across a forest trust (it is a forest root), else the domain itself.
/// WITHIN_FOREST trusts are classified from the crossRef data (`Domain.parent`, `isTreeRoot`) when the object itself
/// does not say: parent-child when one is the other's parent, tree-root between a tree root and the forest root,
/// shortcut otherwise.
public struct TrustGraph: Sendable {
    /// The snapshot the graph was built from.
    public let snapshot: Snapshot
    /// NetBIOS names.
    public let names: NameMapping
    /// The trusts, both sides paired.
    public let reconciliation: TrustReconciliation
    /// Every domain, by DNS name.
    public let nodes: [DNSName: TrustNode]
    /// Every edge, sorted by trusting then trusted domain.
    public let edges: [TrustEdge]

    private let trustingByTrusted: [DNSName: [TrustEdge]]
    private let trustedByTrusting: [DNSName: [TrustEdge]]

    /// Builds the graph.
    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        let names = NameMapping(snapshot: snapshot)
        self.names = names
        let rec = TrustReconciliation(snapshot: snapshot, names: names)
        reconciliation = rec

        var forestOf: [DNSName: DNSName] = [:]
        for f in snapshot.forests {
            forestOf[f.root] = f.root
            for d in f.domains { forestOf[d] = f.root }
        }
        for d in snapshot.domains { if let f = d.forest { forestOf[d.dnsName] = f } }
        var nodes: [DNSName: TrustNode] = [:]
        for d in snapshot.domains {
            nodes[d.dnsName] = TrustNode(
                dnsName: d.dnsName, netbiosName: d.netbiosName, forest: forestOf[d.dnsName] ?? d.dnsName,
                inSnapshot: true, status: d.status)
        }
        for f in snapshot.forests {
            for d in f.domains + [f.root] where nodes[d] == nil {
                nodes[d] = TrustNode(
                    dnsName: d, netbiosName: names.netbiosName(of: d), forest: f.root, inSnapshot: false, status: nil)
            }
        }
        for p in rec.pairs {
            for (holder, partner, t) in [(p.first, p.second, p.firstObject), (p.second, p.first, p.secondObject)] {
                guard let t, nodes[partner] == nil else { continue }
                let forest: DNSName =
                    switch t.kind {
                    case .forest: partner
                    case .parentChild, .treeRoot, .shortcut: forestOf[holder] ?? holder
                    default: partner
                    }
                nodes[partner] = TrustNode(
                    dnsName: partner, netbiosName: t.flatName ?? names.netbiosName(of: partner), forest: forest,
                    inSnapshot: false, status: nil)
            }
        }
        self.nodes = nodes

        var edges: [TrustEdge] = []
        for p in rec.pairs {
            if p.firstTrustsSecond { edges.append(Self.edge(p, trusting: p.first, trusted: p.second, snapshot)) }
            if p.secondTrustsFirst { edges.append(Self.edge(p, trusting: p.second, trusted: p.first, snapshot)) }
        }
        edges.sort { ($0.trusting, $0.trusted) < ($1.trusting, $1.trusted) }
        self.edges = edges
        trustingByTrusted = Dictionary(grouping: edges, by: \.trusted)
        trustedByTrusting = Dictionary(grouping: edges, by: \.trusting)
    }

    /// The edges whose trusted domain is `domain`: the domains that admit its users directly.
    public func edges(trusting domain: DNSName) -> [TrustEdge] { trustingByTrusted[domain] ?? [] }

    /// The edges whose trusting domain is `domain`: the domains whose users it admits directly.
    public func edges(trustedBy domain: DNSName) -> [TrustEdge] { trustedByTrusting[domain] ?? [] }

    /// The forest of a domain (itself when unknown).
    public func forest(of domain: DNSName) -> DNSName { nodes[domain]?.forest ?? domain }

    /// The reconciled pair for two domains, when a trust links them.
    public func pair(_ a: DNSName, _ b: DNSName) -> TrustReconciliation.Pair? {
        let (x, y) = a < b ? (a, b) : (b, a)
        return reconciliation.pairs.first { $0.first == x && $0.second == y }
    }

    /// The kind of a trust object, refined for WITHIN_FOREST trusts from the crossRef data.
    public static func kind(of t: Trust, partner: DNSName, snapshot: Snapshot) -> TrustKind {
        let k = t.kind
        guard t.intraForestRelation == nil, k == .shortcut else { return k }
        let holder = snapshot.domain(t.domain)
        let other = snapshot.domain(partner)
        if holder?.parent == partner || other?.parent == t.domain { return .parentChild }
        let forestRoot = holder?.forest ?? other?.forest
        let holderIsRoot = holder?.isTreeRoot == true || t.domain == forestRoot
        let otherIsRoot = other?.isTreeRoot == true || partner == forestRoot
        if holderIsRoot && otherIsRoot && (holder?.isTreeRoot == true || other?.isTreeRoot == true) {
            return .treeRoot
        }
        return .shortcut
    }

    private static func edge(
        _ p: TrustReconciliation.Pair, trusting: DNSName, trusted: DNSName, _ snapshot: Snapshot
    ) -> TrustEdge {
        let t = (p.object(heldBy: trusting) ?? p.object(heldBy: trusted))!
        let partner = t.domain == trusting ? trusted : trusting
        let kind = kind(of: t, partner: partner, snapshot: snapshot)
        var transitive = t.isTransitive
        if kind == .parentChild || kind == .treeRoot { transitive = !t.attributes.contains(.nonTransitive) }
        let holders = [p.firstObject, p.secondObject].compactMap { $0?.domain }.sorted()
        let netbios = [p.firstObject, p.secondObject].contains { o in o.map { $0.partnerDNSName == nil } ?? false }
        return TrustEdge(
            trusting: trusting, trusted: trusted, kind: kind, isTransitive: transitive,
            selectiveAuthentication: t.selectiveAuthentication, sidFiltering: t.sidFiltering, keys: t.kerberosKeys,
            recordedBy: holders, oneSided: p.isOneSided, usesNetBIOSNames: netbios)
    }
}
