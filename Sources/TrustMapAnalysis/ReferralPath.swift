public import TrustMapModel

/// The Kerberos referral path from a user's domain to a target domain, or why there is none.
///
/// A user of U reaches a service in T when there is a chain of realms U = R0, R1, ..., Rn = T where each R(i+1)
/// trusts R(i). The chain must respect transitivity (ad-protocol-facts.md, "Transitivity"):
/// - parent-child, tree-root and shortcut trusts are transitive within a forest (`within-forest-transitive`);
/// - a non-transitive trust (every external trust, and any trust with NON_TRANSITIVE) admits only the partner's own
///   users: it must be the path's only hop (`external-single-hop`);
/// - a forest trust (and a transitive realm trust) joins the two forests through their roots: the hops before it
///   stay in U's forest, the hops after it in the partner forest, and a path crosses at most one
///   (`forest-trust-two-forests`, `forest-not-extended`).
/// The search is breadth-first, so the path is a shortest one; among equally short ones, shortcut trusts are
/// preferred, then parent-child and tree-root, then forest, external and realm trusts, then names in order.
/// When there is no path, the reason is found by relaxing one rule at a time: the forest rule, then the
/// transitivity rule, then direction; if none helps, there is no trust at all.
public struct ReferralPath: Hashable, Sendable, Codable {
    /// The user's domain.
    public var from: DNSName
    /// The target domain.
    public var to: DNSName
    /// True when a path exists.
    public var found: Bool
    /// The realms, from the user's domain to the target, when found.
    public var realms: [DNSName]
    /// The trusts used, one per hop.
    public var hops: [TrustEdge]
    /// The rule that decided: how the path works, or why there is none.
    public var rule: Rule
    /// The same in words.
    public var reason: String
    /// Things on the way a planner must know (selective authentication, quarantine, one-sided trusts).
    public var warnings: [Finding]

    /// True when a hop crosses a forest trust.
    public var crossesForestTrust: Bool { hops.contains { $0.kind == .forest } }

    /// Finds the path from a user domain to a target domain.
    public static func find(in graph: TrustGraph, from: DNSName, to: DNSName) -> ReferralPath {
        for d in [from, to] where graph.nodes[d] == nil {
            return ReferralPath(
                from: from, to: to, found: false, realms: [], hops: [], rule: .unknownDomain,
                reason: "\(d) is not in the snapshot", warnings: [])
        }
        if from == to {
            return ReferralPath(
                from: from, to: to, found: true, realms: [from], hops: [], rule: .sameRealm,
                reason: "users of \(from) authenticate to their own domain's KDC", warnings: [])
        }
        if let hops = search(graph, from, to, Relaxation()) { return success(graph, from, to, hops) }
        let attempts: [(Relaxation, Rule, String)] = [
            (
                Relaxation(forests: true), .forestNotExtended,
                "a path exists only by chaining forest trusts into a third forest, which Kerberos never does"
            ),
            (
                Relaxation(transitivity: true), .nonTransitiveSecondHop,
                "a path exists only by using a non-transitive (external) trust for a second hop"
            ),
            (
                Relaxation(transitivity: true, forests: true), .nonTransitiveSecondHop,
                "a path exists only by chaining non-transitive and forest trusts beyond their reach"
            ),
            (
                Relaxation(direction: true), .oneWayWrongWay,
                "trusts link \(from) and \(to), but \(to) does not trust \(from): they admit the other direction only"
            ),
            (
                Relaxation(transitivity: true, forests: true, direction: true), .oneWayWrongWay,
                "trusts link \(from) and \(to) only against their direction and transitivity"
            ),
        ]
        for (relax, rule, reason) in attempts where search(graph, from, to, relax) != nil {
            return ReferralPath(
                from: from, to: to, found: false, realms: [], hops: [], rule: rule, reason: reason, warnings: [])
        }
        return ReferralPath(
            from: from, to: to, found: false, realms: [], hops: [], rule: .noTrust,
            reason: "no chain of trusts links \(from) and \(to)", warnings: [])
    }

    /// Every domain whose trusts admit users of `domain`, with the path to each (the domain itself excluded).
    public static func admitting(in graph: TrustGraph, usersOf domain: DNSName) -> [DNSName: ReferralPath] {
        var out: [DNSName: ReferralPath] = [:]
        for d in graph.nodes.keys where d != domain {
            let p = find(in: graph, from: domain, to: d)
            if p.found { out[d] = p }
        }
        return out
    }

    private struct Relaxation {
        var transitivity = false
        var forests = false
        var direction = false
    }

    private struct State: Hashable {
        let realm: DNSName
        /// The forest the path is confined to after crossing a forest trust; nil before.
        let crossedInto: DNSName?
    }

    private static func rank(_ k: TrustKind) -> Int {
        switch k {
        case .shortcut: 0
        case .parentChild, .treeRoot: 1
        case .forest: 2
        case .external: 3
        case .realm: 4
        case .other: 5
        }
    }

    private static func search(_ g: TrustGraph, _ from: DNSName, _ to: DNSName, _ r: Relaxation) -> [TrustEdge]? {
        let home = g.forest(of: from)
        let start = State(realm: from, crossedInto: nil)
        var previous: [State: (State, TrustEdge)] = [:]
        var seen: Set<State> = [start]
        var frontier = [start]
        while !frontier.isEmpty {
            var next: [State] = []
            for s in frontier {
                var candidates = g.edges(trusting: s.realm)
                if r.direction {
                    candidates += g.edges(trustedBy: s.realm).map { e in
                        var flipped = e
                        (flipped.trusting, flipped.trusted) = (e.trusted, e.trusting)
                        return flipped
                    }
                }
                candidates.sort { (rank($0.kind), $0.trusting) < (rank($1.kind), $1.trusting) }
                for e in candidates {
                    guard let n = step(g, s, e, from: from, to: to, home: home, r) else { continue }
                    guard seen.insert(n).inserted else { continue }
                    previous[n] = (s, e)
                    if n.realm == to {
                        var hops: [TrustEdge] = []
                        var cur = n
                        while let (p, e) = previous[cur] {
                            hops.append(e)
                            cur = p
                        }
                        return hops.reversed()
                    }
                    next.append(n)
                }
            }
            frontier = next
        }
        return nil
    }

    /// The state after taking edge `e` from state `s`, or nil when the rules forbid it.
    private static func step(
        _ g: TrustGraph, _ s: State, _ e: TrustEdge, from: DNSName, to: DNSName, home: DNSName, _ r: Relaxation
    ) -> State? {
        let n = e.trusting
        if !e.isTransitive && !r.transitivity {
            // A non-transitive trust admits only the partner's own users, and only into the partner itself.
            return s.realm == from && n == to ? State(realm: n, crossedInto: s.crossedInto) : nil
        }
        let crossing = e.kind == .forest || e.kind == .realm || e.kind == .external || e.kind == .other
        if r.forests { return State(realm: n, crossedInto: nil) }
        if crossing {
            guard s.crossedInto == nil, g.forest(of: s.realm) == home else { return nil }
            return State(realm: n, crossedInto: g.forest(of: n))
        }
        if let f = s.crossedInto { return g.forest(of: n) == f ? State(realm: n, crossedInto: f) : nil }
        return g.forest(of: n) == home ? State(realm: n, crossedInto: nil) : nil
    }

    private static func success(_ g: TrustGraph, _ from: DNSName, _ to: DNSName, _ hops: [TrustEdge]) -> ReferralPath {
        var warnings: [Finding] = []
        for h in hops {
            if h.selectiveAuthentication {
                warnings.append(
                    Finding(
                        .selectiveAuthentication,
                        "\(h.trusting) trusts \(h.trusted) with selective authentication: the account needs"
                            + " 'Allowed to authenticate' on the target computers"))
            }
            if h.sidFiltering == .quarantined {
                warnings.append(
                    Finding(
                        .sidFilteringQuarantined,
                        "\(h.trusting) quarantines \(h.trusted): only \(h.trusted)'s own SIDs pass"))
            }
            if h.oneSided {
                warnings.append(
                    Finding(
                        .oneSidedTrust,
                        "the trust \(h.trusting) -> \(h.trusted) is recorded only by \(h.recordedBy.map(\.value))"))
            }
        }
        let rule: Rule
        let reason: String
        if hops.contains(where: { $0.kind == .forest }) {
            rule = .forestTrustTwoForests
            reason = "the forest trust joins \(g.forest(of: from)) and \(g.forest(of: to)) through their roots"
        } else if hops.count == 1 && !hops[0].isTransitive {
            rule = .externalSingleHop
            reason = "\(to) trusts \(from) directly over a non-transitive \(hops[0].kind.rawValue) trust"
        } else {
            rule = .withinForestTransitive
            reason = "transitive trusts within the forest \(g.forest(of: from)) chain \(hops.count) hop(s)"
        }
        return ReferralPath(
            from: from, to: to, found: true, realms: [from] + hops.map(\.trusting), hops: hops, rule: rule,
            reason: reason, warnings: warnings)
    }
}
