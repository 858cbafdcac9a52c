internal import TrustMapModel

/// Pairs the trustedDomain objects of a snapshot into one edge per trust: A's object for B with B's object for A.
///
/// Objects are grouped by their two ends (after resolving partner names to nodes); within a group, the objects
/// held by each end are paired in order, and any left over become edges seen from one side only.
struct TrustPairing {
    /// One trust: its two ends (in id order) and the objects held by each.
    struct Pair {
        var ends: (String, String)
        var records: [(holderID: String, trust: Trust)]
    }

    /// The resolved pairs, sorted by ends.
    private(set) var pairs: [Pair] = []

    /// Pairs `resolved` records (holder node id, partner node id, trust).
    init(_ resolved: [(holder: String, partner: String, trust: Trust)]) {
        var groups: [String: [(holder: String, partner: String, trust: Trust)]] = [:]
        var order: [String] = []
        for r in resolved {
            let key = Self.key(r.holder, r.partner)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        for key in order.sorted() {
            let group = groups[key]!
            let first = group[0]
            let ends = first.holder <= first.partner ? (first.holder, first.partner) : (first.partner, first.holder)
            let a = group.filter { $0.holder == ends.0 }
            let b = group.filter { $0.holder == ends.1 && ends.0 != ends.1 }
            for i in 0..<max(a.count, b.count) {
                var records: [(holderID: String, trust: Trust)] = []
                if i < a.count { records.append((a[i].holder, a[i].trust)) }
                if i < b.count { records.append((b[i].holder, b[i].trust)) }
                pairs.append(Pair(ends: ends, records: records))
            }
        }
    }

    private static func key(_ a: String, _ b: String) -> String {
        a <= b ? a + "\u{0}" + b : b + "\u{0}" + a
    }
}

extension TrustPairing.Pair {
    /// The authentication flows the records assert, as (from, to) node ids.
    var flows: Set<[String]> {
        var out: Set<[String]> = []
        for r in records {
            let other = r.holderID == ends.0 ? ends.1 : ends.0
            if r.trust.direction.trustsPartner { out.insert([other, r.holderID]) }
            if r.trust.direction.trustedByPartner { out.insert([r.holderID, other]) }
        }
        return out
    }

    /// What the two sides disagree on.
    var disagreements: [String] {
        guard records.count == 2 else { return [] }
        let (x, y) = (records[0].trust, records[1].trust)
        var out: [String] = []
        if x.direction.reversed != y.direction { out.append("direction") }
        if x.kind != y.kind { out.append("kind") }
        return out
    }

    /// The kind of the trust: the first side's, unless only the other side knows better than `other`.
    var kind: TrustKind {
        records.first { $0.trust.kind != .other }?.trust.kind ?? records[0].trust.kind
    }

    /// Not transitive when either side says so.
    var isTransitive: Bool { records.allSatisfy { $0.trust.isTransitive } }

    /// The SID filtering most worth showing: quarantine, then relaxed forest filtering, then the rest.
    var sidFiltering: SIDFiltering {
        let order: [SIDFiltering] = [.quarantined, .relaxed, .forestWide, .notFlagged, .none]
        let seen = Set(records.map { $0.trust.sidFiltering })
        return order.first { seen.contains($0) } ?? .none
    }

    /// Selective authentication when either side says so.
    var selectiveAuthentication: Bool { records.contains { $0.trust.selectiveAuthentication } }

    /// The weakest keys either side states.
    var kerberosKeys: TrustKeys {
        let order: [TrustKeys] = [.rc4Only, .aesAndRC4, .aesOnly, .unknown, .notSpecified]
        let seen = Set(records.map { $0.trust.kerberosKeys })
        return order.first { seen.contains($0) } ?? .notSpecified
    }

    /// TGT delegation: the first side that sets it explicitly, else the default.
    var tgtDelegation: TGTDelegation {
        records.first { $0.trust.tgtDelegation != .default }?.trust.tgtDelegation ?? .default
    }
}
