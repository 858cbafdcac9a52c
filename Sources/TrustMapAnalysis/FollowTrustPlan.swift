public import TrustMapModel

/// What "follow trust relationships" on an Active Directory record for domain D needs (windows-auth-records.md,
/// "Follow trust relationships"): every domain related to D by trusts, every DC of each, the DNS servers that
/// resolve them, the ports, counts and warnings.
///
/// - Related (`related-by-trust`): D's forest and every domain linked to it by trusts in any direction, transitively
///   (the set an automatic trust discovery walks, and whose DCs the scanner must reach).
/// - Admitting (`admits-users`): the related domains whose trust path admits D's users (`ReferralPath`).
/// - Ports: those a Windows-authenticating scanner needs toward a DC (ad-protocol-facts.md), DNS included (whether
///   a DC serves DNS is not reliably known: the ping's DNS_CONTROLLER flag only says its name is a DNS name); the
///   global catalog only toward GCs (kept when the roles are unknown); NetBIOS ports toward domains linked by a
///   trust written with NetBIOS names (`netbios-trust-ports`).
/// - DNS servers: the resolvers discovery used (`metadata.dnsServers`), which did resolve the domains, and the
///   DCs known to serve DNS for their domain.
/// - Warnings: more domains or sites than `Limits` allow (`too-many-domains`, `too-many-sites`), domains admitting
///   D's users only through a forest trust (`only-through-forest-trust`), DCs that did not answer at discovery
///   (`dc-unreachable`), domains not read (`domain-not-read`), selective authentication on a path
///   (`selective-authentication`).
public struct FollowTrustPlan: Hashable, Sendable, Codable {
    /// Network ports (a single port, or `number...last`).
    public struct Port: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
        /// The port, or the first of a range.
        public var number: Int
        /// The last port of a range.
        public var last: Int?
        /// "tcp" or "udp".
        public var transport: String
        /// What it is for.
        public var service: String

        public static func < (a: Port, b: Port) -> Bool { (a.number, a.transport) < (b.number, b.transport) }
        public var description: String { (last.map { "\(number)-\($0)" } ?? "\(number)") + "/\(transport)" }
    }

    /// Thresholds beyond which follow trusts is not meant to be used.
    public struct Limits: Hashable, Sendable, Codable {
        /// The most domains a small or midsize network has.
        public var domains: Int
        /// The most sites a small or midsize network has.
        public var sites: Int

        /// Creates limits (defaults: 10 domains, 10 sites).
        public init(domains: Int = 10, sites: Int = 10) {
            self.domains = domains
            self.sites = sites
        }
    }

    /// A DC the scanner must reach.
    public struct PlannedDC: Hashable, Sendable, Codable {
        /// Its host name.
        public var hostName: DNSName
        /// Its addresses.
        public var addresses: [String]
        /// Its site.
        public var site: String?
        /// True when it answered at discovery.
        public var answered: Bool
        /// True when it is known to serve DNS for the domain (the `dns` role).
        public var dnsServer: Bool
        /// The ports the scanner needs toward it.
        public var ports: [Port]
    }

    /// A related domain.
    public struct PlannedDomain: Hashable, Sendable, Codable {
        /// The DNS name.
        public var dnsName: DNSName
        /// The NetBIOS name.
        public var netbiosName: NetBIOSName?
        /// The forest root.
        public var forest: DNSName
        /// Discovery status; nil for a domain known only from a trust object.
        public var status: DomainStatus?
        /// True when its trust path admits the planned domain's users.
        public var admitsUsers: Bool
        /// The referral path from the planned domain, when it admits its users.
        public var path: [DNSName]?
        /// True when it admits the users only through a forest trust.
        public var onlyThroughForestTrust: Bool
        /// Its DCs.
        public var domainControllers: [PlannedDC]
        /// The DNS servers that resolve it: the snapshot's resolvers and its DCs known to serve DNS.
        public var dnsServers: [String]
    }

    /// Totals.
    public struct Counts: Hashable, Sendable, Codable {
        /// Related domains, the planned one included.
        public var relatedDomains: Int
        /// Domains admitting the users (the planned one excluded).
        public var admittingDomains: Int
        /// DCs of the related domains.
        public var domainControllers: Int
        /// DCs that did not answer at discovery.
        public var unreachableDomainControllers: Int
        /// Distinct sites of the related domains' forests and DCs.
        public var sites: Int
        /// Distinct DNS servers.
        public var dnsServers: Int
    }

    /// The planned domain.
    public var domain: DNSName
    /// Every related domain, the planned one first, then by name.
    public var related: [PlannedDomain]
    /// The domains admitting the users, sorted.
    public var admitting: [DNSName]
    /// Every DNS server, sorted.
    public var dnsServers: [String]
    /// Every port needed toward some DC, sorted.
    public var ports: [Port]
    /// Totals.
    public var counts: Counts
    /// Warnings.
    public var warnings: [Finding]

    /// The ports a Windows-authenticating scanner needs toward a DC.
    public static let domainControllerPorts: [Port] = [
        Port(number: 53, transport: "tcp", service: "DNS"), Port(number: 53, transport: "udp", service: "DNS"),
        Port(number: 88, transport: "tcp", service: "Kerberos"),
        Port(number: 88, transport: "udp", service: "Kerberos"),
        Port(number: 135, transport: "tcp", service: "RPC endpoint mapper"),
        Port(number: 389, transport: "tcp", service: "LDAP"), Port(number: 389, transport: "udp", service: "CLDAP"),
        Port(number: 445, transport: "tcp", service: "SMB"),
        Port(number: 464, transport: "tcp", service: "kpasswd"),
        Port(number: 464, transport: "udp", service: "kpasswd"),
        Port(number: 636, transport: "tcp", service: "LDAPS"),
        Port(number: 3268, transport: "tcp", service: "global catalog"),
        Port(number: 3269, transport: "tcp", service: "global catalog over TLS"),
        Port(number: 49152, last: 65535, transport: "tcp", service: "dynamic RPC"),
    ]

    /// The NetBIOS ports a trust created with NetBIOS names also uses.
    public static let netbiosPorts: [Port] = [
        Port(number: 137, transport: "udp", service: "NetBIOS name service"),
        Port(number: 138, transport: "udp", service: "NetBIOS datagram service"),
        Port(number: 139, transport: "tcp", service: "NetBIOS session service"),
    ]

    /// Plans follow trusts for `domain`.
    public static func make(for domain: DNSName, in graph: TrustGraph, limits: Limits = Limits()) -> FollowTrustPlan {
        let relatedNames = related(to: domain, in: graph)
        let paths = ReferralPath.admitting(in: graph, usersOf: domain)
        let netbiosLinked = Set(graph.edges.filter(\.usesNetBIOSNames).flatMap { [$0.trusting, $0.trusted] })
        let resolvers = graph.snapshot.metadata.dnsServers
        var warnings: [Finding] = []
        var planned: [PlannedDomain] = []
        var sites: Set<String> = []
        for f in graph.snapshot.forests where relatedNames.contains(f.root) {
            for s in f.sites { sites.insert("\(f.root)/\(s.name)") }
        }
        for name in relatedNames.sorted(by: { ($0 == domain ? 0 : 1, $0) < ($1 == domain ? 0 : 1, $1) }) {
            let node = graph.nodes[name]
            let d = graph.snapshot.domain(name)
            let path = paths[name]
            let viaForest = path?.crossesForestTrust ?? false
            var dcs: [PlannedDC] = []
            for dc in d?.domainControllers ?? [] {
                let dns = dc.has(DCRole.dns)
                let rolesKnown = !dc.roles.isEmpty || dc.pingFlags != nil
                let gc = dc.has(DCRole.gc) || dc.pingFlags?.contains(DSFlags.gc) == true
                var ports = domainControllerPorts.filter { p in
                    p.number == 3268 || p.number == 3269 ? gc || !rolesKnown : true
                }
                if netbiosLinked.contains(name) { ports += netbiosPorts }
                dcs.append(
                    PlannedDC(
                        hostName: dc.hostName, addresses: dc.addresses, site: dc.site, answered: dc.answered,
                        dnsServer: dns, ports: ports.sorted()))
                if let s = dc.site { sites.insert("\(node?.forest ?? name)/\(s)") }
                if !dc.answered {
                    warnings.append(
                        Finding(.domainControllerUnreachable, "\(dc.hostName) of \(name) did not answer at discovery"))
                }
            }
            let dnsDCs = dcs.filter(\.dnsServer).flatMap { $0.addresses.isEmpty ? [$0.hostName.value] : $0.addresses }
            if d == nil || d?.status != .complete {
                let why = d?.statusReason.map { ": \($0)" } ?? ""
                warnings.append(
                    Finding(
                        .domainNotRead,
                        "\(name) was not read completely (\(d?.status.rawValue ?? "known only from a trust object"))"
                            + "\(why): its DCs may be missing from this plan"))
            }
            if viaForest {
                warnings.append(
                    Finding(.onlyThroughForestTrust, "\(name) admits users of \(domain) only through a forest trust"))
            }
            for w in path?.warnings ?? [] where w.rule == .selectiveAuthentication && !warnings.contains(w) {
                warnings.append(w)
            }
            planned.append(
                PlannedDomain(
                    dnsName: name, netbiosName: node?.netbiosName, forest: node?.forest ?? name, status: d?.status,
                    admitsUsers: path != nil, path: path?.realms, onlyThroughForestTrust: viaForest,
                    domainControllers: dcs, dnsServers: Array(Set(dnsDCs + resolvers)).sorted()))
        }
        if planned.count > limits.domains {
            warnings.append(
                Finding(
                    .tooManyDomains,
                    "\(planned.count) related domains (more than \(limits.domains)): follow trusts is meant for small"
                        + " and midsize networks; use Active Directory records per domain"))
        }
        if sites.count > limits.sites {
            warnings.append(
                Finding(
                    .tooManySites,
                    "\(sites.count) sites (more than \(limits.sites)): DCs are likely behind firewalls"))
        }
        let allDCs = planned.flatMap(\.domainControllers)
        let dnsServers = Array(Set(planned.flatMap(\.dnsServers))).sorted()
        return FollowTrustPlan(
            domain: domain, related: planned, admitting: paths.keys.sorted(), dnsServers: dnsServers,
            ports: Array(Set(allDCs.flatMap(\.ports))).sorted(),
            counts: Counts(
                relatedDomains: planned.count, admittingDomains: paths.count, domainControllers: allDCs.count,
                unreachableDomainControllers: allDCs.filter { !$0.answered }.count, sites: sites.count,
                dnsServers: dnsServers.count),
            warnings: warnings)
    }

    /// D, its forest, and every domain linked to them by trusts in any direction, transitively.
    public static func related(to domain: DNSName, in graph: TrustGraph) -> Set<DNSName> {
        var seen: Set<DNSName> = [domain]
        var queue = [domain]
        var byForest: [DNSName: [DNSName]] = [:]
        for (n, node) in graph.nodes { byForest[node.forest, default: []].append(n) }
        while let d = queue.popLast() {
            let linked =
                graph.edges(trusting: d).map(\.trusting) + graph.edges(trustedBy: d).map(\.trusted)
                + (byForest[graph.forest(of: d)] ?? [])
            for n in linked where seen.insert(n).inserted { queue.append(n) }
        }
        return seen
    }
}
