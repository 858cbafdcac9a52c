public import TrustMapModel

/// What a record will try, in order, and whether Kerberos can be used, with the rule that decided and the mapping
/// or trust path it used (windows-auth-records.md, "When Kerberos can be used").
///
/// - Local records: NTLM only (`local-ntlm-only`).
/// - NetBIOS records with `DOMAIN\USER` from another domain: NTLM only (`manual-trust-netbios`).
/// - Other NetBIOS records: Kerberos when the domain maps to exactly one DNS name (`netbios-mapped`), NTLM when it
///   does not (`netbios-unmapped`) or maps to several (`netbios-collision`).
/// - Active Directory records: Kerberos first (`ad-kerberos-first`, `ad-follow-trusts`); with `USER@userdomain`
///   (`ad-manual-trust`) across the referral path from the user's domain, and not at all when the snapshot shows
///   there is none.
/// Then the protocols are filtered: only those the record enables (`protocols-record-enabled`), no Kerberos AES in a
/// domain below functional level 2008 (`aes-needs-dfl-2008`), no AES across a trust with RC4 keys only
/// (`trust-keys-rc4-only`), no RC4 across a trust with AES keys only (`trust-keys-aes-only`).
public struct Eligibility: Hashable, Sendable, Codable {
    /// The record's title.
    public var record: String
    /// The record's kind.
    public var kind: RecordKind
    /// The protocols the scanner will try, in order.
    public var protocols: [AuthProtocol]
    /// True when Kerberos can be used.
    public var kerberos: Bool
    /// The rule that decided.
    public var rule: Rule
    /// Why, in words.
    public var reason: String
    /// The NetBIOS-to-DNS mapping used, for NetBIOS records.
    public var mapping: NameMapping.Entry?
    /// The domain whose hosts are targeted, as a DNS name, when known.
    public var targetDomain: DNSName?
    /// The user's domain, as a DNS name, when known.
    public var userDomain: DNSName?
    /// The referral path from the user's domain to the target, when they differ.
    public var path: ReferralPath?
    /// Protocol filtering and warnings.
    public var findings: [Finding]

    /// Evaluates a record against the snapshot behind `graph`.
    public static func evaluate(_ record: AuthenticationRecord, in graph: TrustGraph) -> Eligibility {
        var e = Eligibility(
            record: record.title, kind: record.kind, protocols: [], kerberos: false, rule: .localNTLMOnly,
            reason: "", mapping: nil, targetDomain: nil, userDomain: nil, path: nil, findings: [])
        let user = record.user
        switch record.kind {
        case .local:
            e.rule = .localNTLMOnly
            e.reason = "a Local record authenticates a local account with NTLM only"
        case .netbiosUserSelected, .netbiosServiceSelected:
            evaluateNetBIOS(record, user, graph, &e)
        case .activeDirectory:
            evaluateAD(record, user, graph, &e)
        }
        filterProtocols(record, graph, &e)
        return e
    }

    private static func evaluateNetBIOS(
        _ record: AuthenticationRecord, _ user: RecordUserName, _ graph: TrustGraph, _ e: inout Eligibility
    ) {
        guard let name = try? NetBIOSName(parsing: record.domain ?? "") else {
            e.rule = .netbiosUnmapped
            e.reason = "\"\(record.domain ?? "")\" is not a NetBIOS name, so it cannot be mapped"
            return
        }
        let resolution = graph.names.resolve(name)
        if case .mapped(let m) = resolution {
            e.mapping = m
            e.targetDomain = m.dnsName
        }
        if let ud = user.netbiosDomain, let userName = try? NetBIOSName(parsing: ud), userName != name {
            e.rule = .manualTrustNetBIOS
            e.reason =
                "the user \(ud)\\\(user.account) is from another domain than \(name) (a manual trust):"
                + " the record cannot be upgraded to Kerberos"
            e.userDomain = graph.names.dnsName(for: userName)
            if let from = e.userDomain, let to = e.targetDomain {
                let p = ReferralPath.find(in: graph, from: from, to: to)
                e.path = p
                if !p.found {
                    e.findings.append(Finding(p.rule, "NTLM pass-through also needs the trust: \(p.reason)"))
                }
            }
            return
        }
        e.userDomain = e.targetDomain
        switch resolution {
        case .mapped(let m):
            e.kerberos = true
            e.rule = .netbiosMapped
            e.reason =
                "\(name) maps to \(m.dnsName) (from " + m.sources.map(\.rawValue).joined(separator: ", ")
                + "): the record is upgraded to Kerberos"
        case .collision(let c):
            e.rule = .netbiosCollision
            e.reason =
                "\(name) is claimed by " + c.claims.map(\.dnsName.value).joined(separator: " and ")
                + ": it does not map to one DNS name, so the record uses NTLM"
        case .unmapped:
            e.rule = .netbiosUnmapped
            e.reason = "\(name) does not map to a DNS name in the snapshot: the record uses NTLM"
        }
    }

    private static func evaluateAD(
        _ record: AuthenticationRecord, _ user: RecordUserName, _ graph: TrustGraph, _ e: inout Eligibility
    ) {
        e.kerberos = true
        e.targetDomain = try? DNSName(parsing: record.domain ?? "")
        e.userDomain = user.dnsDomain.flatMap { try? DNSName(parsing: $0) } ?? e.targetDomain
        guard let target = e.targetDomain, let userDomain = e.userDomain else {
            e.rule = .adKerberosFirst
            e.reason = "Active Directory records always try Kerberos first"
            return
        }
        if graph.nodes[target] == nil {
            e.findings.append(Finding(.unknownDomain, "\(target) is not in the snapshot: nothing more can be checked"))
        }
        if userDomain != target {
            e.rule = .adManualTrust
            let p = ReferralPath.find(in: graph, from: userDomain, to: target)
            e.path = p
            if p.found {
                e.reason =
                    "users of \(userDomain) reach \(target) over " + p.realms.map(\.value).joined(separator: " -> ")
                    + " (\(p.rule.rawValue)): Kerberos first"
                e.findings += p.warnings
            } else if p.rule == .unknownDomain {
                e.reason = "Kerberos first; the trust path cannot be checked: \(p.reason)"
            } else {
                e.kerberos = false
                e.reason = "no Kerberos referral path from \(userDomain) to \(target): \(p.reason)"
            }
        } else if record.followTrusts {
            e.rule = .adFollowTrusts
            e.reason =
                "Kerberos first; following trusts needs every DC of every domain related to \(target)"
                + " (see `trustmap plan`): only for small and midsize networks"
        } else {
            e.rule = .adKerberosFirst
            e.reason = "Active Directory records always try Kerberos first"
        }
    }

    private static func filterProtocols(_ record: AuthenticationRecord, _ graph: TrustGraph, _ e: inout Eligibility) {
        let enabled = record.enabledProtocols
        var allowed: Set<AuthProtocol> = record.kind == .local ? [.ntlmv2, .ntlmv1] : Set(AuthProtocol.allCases)
        if !e.kerberos { allowed.subtract([.kerberosAES, .kerberosRC4]) }
        if e.kerberos {
            for d in Set([e.targetDomain, e.userDomain].compactMap { $0 }).sorted() {
                if let level = graph.snapshot.domain(d)?.functionalLevel, level < 3, allowed.contains(.kerberosAES) {
                    allowed.remove(.kerberosAES)
                    e.findings.append(
                        Finding(.aesNeedsFunctionalLevel2008, "\(d) is at domain functional level \(level)"))
                }
            }
            for h in e.path?.hops ?? [] {
                switch h.keys {
                case .rc4Only where allowed.contains(.kerberosAES):
                    allowed.remove(.kerberosAES)
                    e.findings.append(
                        Finding(.trustKeysRC4Only, "the trust \(h.trusting) -> \(h.trusted) offers RC4 keys only"))
                case .aesOnly where allowed.contains(.kerberosRC4):
                    allowed.remove(.kerberosRC4)
                    e.findings.append(
                        Finding(.trustKeysAESOnly, "the trust \(h.trusting) -> \(h.trusted) offers AES keys only"))
                default: break
                }
            }
        }
        e.protocols = enabled.filter { allowed.contains($0) }
        let dropped = enabled.filter { !allowed.contains($0) }
        if !dropped.isEmpty || enabled.count < AuthProtocol.allCases.count {
            let off = AuthProtocol.allCases.filter { !enabled.contains($0) }
            if !off.isEmpty {
                e.findings.append(
                    Finding(
                        .protocolsRecordEnabled,
                        "not enabled in the record: " + off.map(\.rawValue).joined(separator: ", ")))
            }
        }
        if e.kerberos && !e.protocols.contains(where: \.isKerberos) {
            e.kerberos = false
            e.findings.append(Finding(.protocolsRecordEnabled, "no Kerberos protocol remains after filtering"))
        }
    }
}
