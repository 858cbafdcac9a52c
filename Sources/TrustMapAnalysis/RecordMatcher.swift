import TrustMapModel

/// The record a scanner would use for a host, in the documented order (windows-auth-records.md, "Which record a
/// host matches"): the first match wins.
///
/// 1. Records with an administrator account before all others (`administrator-first`).
/// 2. Within each group, by kind: NetBIOS service-selected when the host is registered in the record's domain
///    (`match-service-selected`); NetBIOS user-selected, then Local, when the host's IP is listed
///    (`match-user-selected`, `match-local`); Active Directory when the host is in the record's domain
///    (`match-active-directory`) or, with follow trusts, in a domain whose trust path admits the record's domain's
///    users (`match-follow-trusts`). Within a kind, records keep their file order.
/// When a service-selected record matches, a Local record listing the host's IP is named as the fallback
/// (`local-fallback`).
public struct RecordMatcher: Sendable {
    /// The record chosen for a host.
    public struct Match: Hashable, Sendable, Codable {
        /// The record's title; nil when no record covers the host.
        public var record: String?
        /// The record's kind.
        public var kind: RecordKind?
        /// True when the record's account is an administrator.
        public var administrator: Bool
        /// The rule that matched.
        public var rule: Rule
        /// Why, in words.
        public var reason: String
        /// The Local record the scanner may fall back to after a failed service-selected record.
        public var fallback: String?
    }

    private struct Prepared: Sendable {
        let record: AuthenticationRecord
        let ranges: [IPRange]
        let netbios: NetBIOSName?
        let dns: DNSName?
        let admitting: Set<DNSName>
    }

    private let ordered: [Prepared]
    private let netbiosOf: [DNSName: NetBIOSName]

    /// The order records are tried in: administrator records first, then by kind, then file order.
    public static func order(_ records: [AuthenticationRecord]) -> [AuthenticationRecord] {
        let kindRank: [RecordKind: Int] = [
            .netbiosServiceSelected: 0, .netbiosUserSelected: 1, .local: 2, .activeDirectory: 3,
        ]
        return records.enumerated().sorted { a, b in
            (a.element.administrator ? 0 : 1, kindRank[a.element.kind]!, a.offset)
                < (b.element.administrator ? 0 : 1, kindRank[b.element.kind]!, b.offset)
        }.map(\.element)
    }

    /// Prepares the records for matching against the snapshot behind `graph`.
    public init(records: [AuthenticationRecord], graph: TrustGraph) {
        var admittingCache: [DNSName: Set<DNSName>] = [:]
        ordered = Self.order(records).map { r in
            let dns = r.kind == .activeDirectory ? r.domain.flatMap { try? DNSName(parsing: $0) } : nil
            var admitting: Set<DNSName> = []
            if let d = dns, r.followTrusts {
                if let cached = admittingCache[d] {
                    admitting = cached
                } else {
                    admitting = Set(ReferralPath.admitting(in: graph, usersOf: d).keys)
                    admittingCache[d] = admitting
                }
            }
            return Prepared(
                record: r, ranges: r.ips.compactMap { IPRange(parsing: $0) },
                netbios: r.kind.isNetBIOS ? r.domain.flatMap { try? NetBIOSName(parsing: $0) } : nil, dns: dns,
                admitting: admitting)
        }
        var netbiosOf: [DNSName: NetBIOSName] = [:]
        for (d, node) in graph.nodes { if let n = node.netbiosName { netbiosOf[d] = n } }
        self.netbiosOf = netbiosOf
    }

    /// The record for a host, given its membership and (when known) its address.
    public func match(_ host: Membership.Result, address: IPAddress? = nil) -> Match {
        let ip = address ?? host.address
        for p in ordered {
            let r = p.record
            let admin = r.administrator ? " (administrator records first)" : ""
            switch r.kind {
            case .netbiosServiceSelected:
                guard let n = p.netbios, let d = host.domains.first(where: { netbiosOf[$0] == n }) else { continue }
                let fallback = ip.flatMap { ip in
                    ordered.first { $0.record.kind == .local && $0.ranges.contains { $0.contains(ip) } }?.record.title
                }
                return Match(
                    record: r.title, kind: r.kind, administrator: r.administrator, rule: .matchServiceSelected,
                    reason: "\(host.query) is registered in \(n) (\(d))" + ambiguity(host) + admin,
                    fallback: fallback)
            case .netbiosUserSelected, .local:
                guard let ip, let range = p.ranges.first(where: { $0.contains(ip) }) else { continue }
                return Match(
                    record: r.title, kind: r.kind, administrator: r.administrator,
                    rule: r.kind == .local ? .matchLocal : .matchUserSelected,
                    reason: "\(ip) is listed in the record (\(range))" + admin, fallback: nil)
            case .activeDirectory:
                guard let d = p.dns else { continue }
                if host.domains.contains(d) {
                    return Match(
                        record: r.title, kind: r.kind, administrator: r.administrator, rule: .matchActiveDirectory,
                        reason: "\(host.query) is in \(d)" + ambiguity(host) + admin, fallback: nil)
                }
                if let t = host.domains.first(where: { p.admitting.contains($0) }) {
                    return Match(
                        record: r.title, kind: r.kind, administrator: r.administrator, rule: .matchFollowTrusts,
                        reason: "\(host.query) is in \(t), whose trusts admit users of \(d)" + ambiguity(host) + admin,
                        fallback: nil)
                }
            }
        }
        return Match(
            record: nil, kind: nil, administrator: false, rule: .noRecord,
            reason: host.domains.isEmpty && ip == nil
                ? "\(host.query) is in no known domain and has no known address" : "no record covers \(host.query)",
            fallback: nil)
    }

    private func ambiguity(_ host: Membership.Result) -> String {
        host.domains.count > 1
            ? " (one of \(host.domains.count) candidate domains: " + host.domains.map(\.value).joined(separator: ", ")
                + ")"
            : ""
    }
}
