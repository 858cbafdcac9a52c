import TrustMapAnalysis
import TrustMapModel

/// The human form of a snapshot: forests, domains with their names and DCs, trusts in words,
/// and what could not be read.
struct SnapshotReport {
    let snapshot: Snapshot

    func write(to output: Output) {
        let names = NameMapping(snapshot: snapshot)
        let label: (DNSName) -> String = { d in names.netbiosName(of: d)?.value ?? d.value }

        for f in snapshot.forests {
            let mark = f.reachedThroughForestTrust ? " (reached through a forest trust)" : ""
            output.line("Forest \(f.root.value)\(mark): \(f.domains.count) domain(s), \(f.sites.count) site(s)")
            for s in f.sites {
                let subnets = s.subnets.isEmpty ? "no subnet" : s.subnets.joined(separator: ", ")
                output.line(
                    "  site \(s.name): \(subnets); DCs: \(s.domainControllers.map(\.value).joined(separator: ", "))")
            }
        }
        output.line()

        var domains = TextTable(columns: [
            .init("NETBIOS"), .init("DNS NAME"), .init("FOREST"), .init("SID"), .init("STATUS"),
            .init("DCS", alignment: .right),
            .init("ANSWERED", alignment: .right),
        ])
        for d in snapshot.domains {
            domains.rows.append([
                d.netbiosName?.value ?? "-", d.dnsName.value, d.forest?.value ?? "-", d.sid?.description ?? "-",
                d.status.rawValue, String(d.domainControllers.count),
                String(d.domainControllers.filter(\.answered).count),
            ])
        }
        output.table(domains)
        output.line()

        var dcs = TextTable(columns: [
            .init("DOMAIN"), .init("DC"), .init("ADDRESS"), .init("SITE"), .init("ROLES"), .init("ANSWERED"),
        ])
        for d in snapshot.domains {
            for dc in d.domainControllers {
                dcs.rows.append([
                    label(d.dnsName), dc.hostName.value, dc.addresses.joined(separator: ","), dc.site ?? "-",
                    dc.roles.map(\.rawValue).joined(separator: ","), dc.answered ? "yes" : "no",
                ])
            }
        }
        if !dcs.rows.isEmpty {
            output.table(dcs)
            output.line()
        }

        let pairs = TrustReconciliation(snapshot: snapshot, names: names).pairs
        if pairs.isEmpty {
            output.line("No trusts.")
        } else {
            output.line("Trusts (authentication flows from the trusted domain to the trusting one):")
            for p in pairs { output.line("  " + Self.sentence(p, label: label)) }
        }

        let problems = snapshot.diagnostics
        if !problems.isEmpty {
            output.line()
            output.line("Could not read (\(problems.count)):")
            for d in problems {
                let where_ = [d.domain?.value, d.server].compactMap { $0 }.joined(separator: " ")
                output.line("  [\(d.category.rawValue)] \(where_) \(d.operation): \(d.message)")
            }
        }
    }

    /// "CORP trusts LEGACY, one-way, external, non-transitive, SID filtering on".
    static func sentence(_ p: TrustReconciliation.Pair, label: (DNSName) -> String) -> String {
        let a = label(p.first)
        let b = label(p.second)
        let t = p.firstObject ?? p.secondObject
        var words: [String] = []
        switch (p.firstTrustsSecond, p.secondTrustsFirst) {
        case (true, true): words.append("\(a) and \(b) trust each other, two-way")
        case (true, false): words.append("\(a) trusts \(b), one-way")
        case (false, true): words.append("\(b) trusts \(a), one-way")
        case (false, false): words.append("\(a) - \(b), disabled")
        }
        if let t {
            words.append(t.kind.rawValue)
            words.append(t.isTransitive ? "transitive" : "non-transitive")
            words.append(
                t.sidFiltering.isOn
                    ? "SID filtering on (\(t.sidFiltering.rawValue))"
                    : "SID filtering \(t.sidFiltering == .none ? "off" : "not flagged")")
            if t.selectiveAuthentication { words.append("selective authentication") }
            switch t.kerberosKeys {
            case .rc4Only: words.append("RC4 only")
            case .aesOnly: words.append("AES")
            case .aesAndRC4: words.append("AES and RC4")
            default: break
            }
        }
        for f in p.findings where f.rule != .bothSidesAgree { words.append("\(f.rule.rawValue): \(f.message)") }
        return words.joined(separator: ", ")
    }
}
