public import TrustMapModel

/// Can "follow trust relationships" be enabled from this machine? The plan's requirements (every port of every
/// DC of every related domain, and the DNS servers resolving them) against what the probes found.
///
/// Pure: the probes' observations in, the verdict out. A requirement blocks unless its probe found the port
/// `open` (`unconfirmed` UDP is a warning); a related domain with no known DC blocks too, since nothing in it
/// can be checked. The verdict per domain and overall, and the exact list of what blocks (domain, DC, address,
/// port, result).
public struct ProbeVerdict: Hashable, Sendable, Codable {
    /// The planned domain (the record's).
    public var domain: DNSName
    /// True when nothing blocks: follow trusts can be enabled from here.
    public var canEnable: Bool
    /// One verdict per related domain, in the plan's order.
    public var domains: [DomainVerdict]
    /// Everything that blocks, in the plan's order.
    public var blocking: [Row]
    /// Every requirement with its result.
    public var results: [Row]
    /// What was not probed and why (port ranges).
    public var notes: [String]
    /// DCs with a blocked port, and domains all of whose DCs have one (the shape `trustmap export --probe` reads).
    public var unreachable: Unreachable

    /// DCs and domains that a scanner could not fully use.
    public struct Unreachable: Hashable, Sendable, Codable {
        /// Domains none of whose DCs could be fully reached (or with no known DC).
        public var domains: [DNSName]
        /// DCs with at least one blocked port.
        public var domainControllers: [DNSName]
    }

    /// Judges `observations` against the requirements of `plan`.
    public init(plan: FollowTrustPlan, observations: [Observation]) {
        var byKey: [ProbeKey: Observation] = [:]
        for o in observations { byKey[o.key] = o }
        var rows: [Row] = []
        for r in Self.requirements(for: plan) {
            let o = r.address == nil ? nil : byKey[r.key]
            let missing = r.address == nil ? "no address known for the DC" : "no probe result"
            rows.append(
                Row(
                    domain: r.domain, domainController: r.domainController, address: r.address, port: r.port,
                    transport: r.transport, service: r.service, check: r.check, subject: r.subject,
                    status: o?.status ?? .notProbed, seconds: o?.seconds ?? 0, detail: o?.detail ?? missing,
                    responder: o?.responder))
        }
        var verdicts: [DomainVerdict] = []
        for d in plan.related {
            var mine = rows.filter { $0.domain == d.dnsName }
            if d.domainControllers.isEmpty {
                let why = "no DC of \(d.dnsName) is known (\(d.status?.rawValue ?? "not read") at discovery)"
                let row = Row(
                    domain: d.dnsName, domainController: nil, address: nil, port: 0, transport: "",
                    service: "domain controllers", check: "domain-controllers", subject: nil, status: .notProbed,
                    seconds: 0, detail: why, responder: nil)
                rows.append(row)
                mine.append(row)
            }
            let blocking = mine.filter(\.status.blocks)
            verdicts.append(
                DomainVerdict(
                    domain: d.dnsName, canEnable: blocking.isEmpty, domainControllers: d.domainControllers.count,
                    probes: mine.filter { $0.address != nil }.count, open: mine.filter { $0.status == .open }.count,
                    blocking: blocking, warnings: Self.warnings(mine)))
        }
        self.domain = plan.domain
        self.domains = verdicts
        self.results = rows
        self.blocking = verdicts.flatMap(\.blocking)
        self.canEnable = blocking.isEmpty
        self.notes = Self.notes(for: plan)
        let blockedDCs = Set(blocking.compactMap(\.domainController))
        self.unreachable = Unreachable(
            domains: plan.related.filter { d in d.domainControllers.allSatisfy { blockedDCs.contains($0.hostName) } }
                .map(\.dnsName),
            domainControllers: blockedDCs.sorted())
    }

    /// Non-blocking findings: a DC answering the LDAP ping under another name, a KDC of another realm, UDP
    /// ports that could not be confirmed.
    static func warnings(_ rows: [Row]) -> [String] {
        var out: [String] = []
        for r in rows where r.status == .open {
            guard let responder = r.responder, let dc = r.domainController else { continue }
            if r.check == "ldap-ping", responder.lowercased() != dc.value {
                out.append("\(r.endpoint) answered the LDAP ping as \(responder), not as \(dc)")
            }
            if r.check == "kerberos", let realm = r.subject, responder.uppercased() != realm {
                out.append("\(r.endpoint) answered for realm \(responder), not \(realm)")
            }
        }
        for r in rows where r.status == .unconfirmed {
            out.append("\(r.endpoint) (\(r.service)): \(r.detail)")
        }
        return out
    }
}
