public import TrustMapModel

/// Pairs the two trustedDomain objects of each trust (A's object for B with B's object for A) and says whether
/// they agree.
///
/// A trust is normally recorded on both sides, each from its own point of view: A's `outbound` is B's `inbound`.
/// The reconciliation flags one-sided trusts (rule `one-sided-trust`, when the partner was read and has no object;
/// `other-side-not-read` when the partner was not read), direction mismatches (`direction-mismatch`) and type or
/// kind disagreements (`type-mismatch`: trustType, FOREST_TRANSITIVE, WITHIN_FOREST, TREAT_AS_EXTERNAL).
///
/// The effective direction of a trust recorded on both sides is what both sides agree on (the inter-realm key
/// must exist on both); a trust recorded on one side only is taken as that side records it.
public struct TrustReconciliation: Sendable {
    /// The two sides of one trust. `first` sorts before `second`.
    public struct Pair: Hashable, Sendable, Codable {
        /// The domain sorting first.
        public var first: DNSName
        /// The domain sorting second.
        public var second: DNSName
        /// `first`'s object for `second`, when there is one.
        public var firstObject: Trust?
        /// `second`'s object for `first`, when there is one.
        public var secondObject: Trust?
        /// Effective: `first` trusts `second` (second's users may authenticate in first).
        public var firstTrustsSecond: Bool
        /// Effective: `second` trusts `first`.
        public var secondTrustsFirst: Bool
        /// Agreement, one-sidedness, disagreements.
        public var findings: [Finding]

        /// True when only one side has an object.
        public var isOneSided: Bool { firstObject == nil || secondObject == nil }
        /// The object held by `domain`, when there is one.
        public func object(heldBy domain: DNSName) -> Trust? { domain == first ? firstObject : secondObject }
    }

    /// Every trust, sorted by its two domains.
    public let pairs: [Pair]

    /// Reconciles the snapshot's trust objects, resolving partners with `names` and domain SIDs.
    public init(snapshot: Snapshot, names: NameMapping) {
        let read = Set(snapshot.domains.filter { $0.status == .complete }.map(\.dnsName))
        let bySID = Dictionary(
            snapshot.domains.compactMap { d in d.sid.map { ($0, d.dnsName) } }, uniquingKeysWith: { a, _ in a })
        var sides: [Key: (Trust?, Trust?)] = [:]
        for t in snapshot.trusts {
            guard let partner = Self.partner(of: t, names: names, domainsBySID: bySID), partner != t.domain else {
                continue
            }
            let key = Key(t.domain, partner)
            var s = sides[key] ?? (nil, nil)
            if t.domain == key.a {
                if s.0 == nil { s.0 = t }
            } else if s.1 == nil {
                s.1 = t
            }
            sides[key] = s
        }
        pairs = sides.map { key, s in
            Self.reconcile(key.a, key.b, s.0, s.1, read: read)
        }.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }

    /// The DNS name of a trust object's partner: `trustPartner` when it is a DNS name, else the DNS name its flat
    /// name maps to, else the domain with its SID, else the flat name itself as a single-label name.
    public static func partner(of t: Trust, names: NameMapping, domainsBySID: [SID: DNSName] = [:]) -> DNSName? {
        if let d = t.partnerDNSName { return d }
        if let n = t.flatName ?? (try? NetBIOSName(parsing: t.partner)), let d = names.dnsName(for: n) { return d }
        if let sid = t.sid, let d = domainsBySID[sid] { return d }
        return try? DNSName(parsing: t.partner)
    }

    private struct Key: Hashable {
        let a: DNSName
        let b: DNSName
        init(_ x: DNSName, _ y: DNSName) { (a, b) = x < y ? (x, y) : (y, x) }
    }

    private static func reconcile(_ a: DNSName, _ b: DNSName, _ ta: Trust?, _ tb: Trust?, read: Set<DNSName>) -> Pair {
        var findings: [Finding] = []
        let aTrustsB: Bool
        let bTrustsA: Bool
        switch (ta, tb) {
        case let (x?, y?):
            aTrustsB = x.direction.trustsPartner && y.direction.trustedByPartner
            bTrustsA = x.direction.trustedByPartner && y.direction.trustsPartner
            var agree = true
            if x.direction != y.direction.reversed {
                agree = false
                findings.append(
                    Finding(
                        .directionMismatch,
                        "\(a) records \(x.direction) for \(b) but \(b) records \(y.direction) for \(a)"
                            + " (expected \(x.direction.reversed)); only the agreed direction is used"))
            }
            let kindBits: TrustAttributes = [.forestTransitive, .withinForest, .treatAsExternal]
            if x.type != y.type || x.attributes.intersection(kindBits) != y.attributes.intersection(kindBits) {
                agree = false
                findings.append(
                    Finding(
                        .typeMismatch,
                        "\(a) records type \(x.type) attributes \(x.attributes.decoded) for \(b) but \(b) records"
                            + " type \(y.type) attributes \(y.attributes.decoded) for \(a)"))
            }
            if agree { findings.append(Finding(.bothSidesAgree, "both \(a) and \(b) record the trust alike")) }
        case let (x?, nil):
            aTrustsB = x.direction.trustsPartner
            bTrustsA = x.direction.trustedByPartner
            findings.append(oneSided(holder: a, missing: b, read: read))
        case let (nil, y?):
            aTrustsB = y.direction.trustedByPartner
            bTrustsA = y.direction.trustsPartner
            findings.append(oneSided(holder: b, missing: a, read: read))
        case (nil, nil):
            aTrustsB = false
            bTrustsA = false
        }
        return Pair(
            first: a, second: b, firstObject: ta, secondObject: tb, firstTrustsSecond: aTrustsB,
            secondTrustsFirst: bTrustsA, findings: findings)
    }

    private static func oneSided(holder: DNSName, missing: DNSName, read: Set<DNSName>) -> Finding {
        read.contains(missing)
            ? Finding(
                .oneSidedTrust, "\(holder) has a trust object for \(missing), but \(missing) has none for \(holder)")
            : Finding(.otherSideNotRead, "\(missing) was not read: its object for \(holder) is unknown")
    }
}
