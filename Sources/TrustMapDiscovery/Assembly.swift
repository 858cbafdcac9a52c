import Foundation
import TrustMapModel

extension Discovery {
    /// Puts the per-domain results together: forests from crossRefs, domains known only from
    /// trust objects, intra-forest trust kinds, and the collection metadata.
    func assemble(
        results: [DNSName: DomainResult], notFollowed: [DNSName: (depth: Int, reason: String)],
        forestHop: [DNSName: Bool], started: Date
    ) -> Snapshot {
        var domains: [DNSName: Domain] = results.mapValues(\.domain)
        var trusts: [Trust] = results.values.flatMap(\.trusts)
        var diagnostics: [Diagnostic] = results.values.flatMap(\.diagnostics)

        // Forests: from crossRefs where read, else from the forest name the DCs gave.
        var forests: [DNSName: Forest] = [:]
        var refsByForest: [DNSName: [CrossRef]] = [:]
        for r in results.values {
            guard let root = r.forestRoot ?? r.domain.forest else { continue }
            var f = forests[root] ?? Forest(root: root, domains: [])
            if !r.crossRefs.isEmpty {
                refsByForest[root] = r.crossRefs
                for ref in r.crossRefs where ref.isDomain && !f.domains.contains(ref.dnsRoot) {
                    f.domains.append(ref.dnsRoot)
                }
            }
            if !f.domains.contains(r.domain.dnsName) { f.domains.append(r.domain.dnsName) }
            if let topo = r.sites, f.sites.isEmpty {
                f.sites = topo.sites.values.sorted { $0.name < $1.name }
            }
            f.functionalLevel = f.functionalLevel ?? r.forestFunctionalLevel
            if forestHop[r.domain.dnsName] == true { f.reachedThroughForestTrust = true }
            forests[root] = f
        }
        // Domains of a forest that were listed in crossRefs but not read.
        for (root, refs) in refsByForest {
            for ref in refs where ref.isDomain && domains[ref.dnsRoot] == nil {
                var d = Domain(
                    dnsName: ref.dnsRoot, netbiosName: ref.netbiosName,
                    nameSources: ref.netbiosName == nil ? [] : [.crossRef], namingContext: ref.namingContext,
                    forest: root, status: .notFollowed)
                if let why = notFollowed[ref.dnsRoot] {
                    d.statusReason = why.reason
                    d.depth = why.depth
                }
                domains[ref.dnsRoot] = d
            }
        }
        // Partners known only from trust objects.
        for t in trusts {
            guard let partner = t.partnerDNSName ?? (t.type == .mit ? try? DNSName(parsing: t.partner) : nil) else {
                continue
            }
            if var d = domains[partner] {
                if let nb = t.flatName {
                    if d.netbiosName == nil { d.netbiosName = nb }
                    if d.netbiosName == nb && !d.nameSources.contains(.trustObject) {
                        d.nameSources.append(.trustObject)
                        d.nameSources.sort()
                    }
                }
                if d.sid == nil { d.sid = t.sid }
                domains[partner] = d
            } else {
                let why = notFollowed[partner]
                let reason =
                    t.type == .mit ? "Kerberos realm: not an Active Directory domain" : (why?.reason ?? "not reached")
                domains[partner] = Domain(
                    dnsName: partner, netbiosName: t.flatName, nameSources: t.flatName == nil ? [] : [.trustObject],
                    sid: t.sid,
                    status: .notFollowed, statusReason: reason,
                    depth: why?.depth ?? ((results[t.domain]?.domain.depth ?? 0) + 1))
            }
        }
        // Intra-forest trust kinds from the crossRefs' parent/tree-root relations.
        for i in trusts.indices where trusts[i].attributes.contains(.withinForest) {
            guard let partner = trusts[i].partnerDNSName else { continue }
            let a = domains[trusts[i].domain], b = domains[partner]
            if a?.parent == partner || b?.parent == trusts[i].domain {
                trusts[i].intraForestRelation = .parentChild
            } else if (a?.isTreeRoot == true || b?.isTreeRoot == true) && a?.forest == b?.forest
                && (a?.forest == trusts[i].domain || a?.forest == partner)
            {
                trusts[i].intraForestRelation = .treeRoot
            } else {
                trusts[i].intraForestRelation = .shortcut
            }
        }
        for (name, why) in notFollowed where domains[name] == nil {
            domains[name] = Domain(dnsName: name, status: .notFollowed, statusReason: why.reason, depth: why.depth)
        }
        if diagnostics.isEmpty { diagnostics = [] }

        var clientSites: [String: String] = [:]
        for r in results.values { if let s = r.clientSite, let f = r.forestRoot { clientSites[f.value] = s } }
        let iso = ISO8601DateFormatter()
        let metadata = CollectionMetadata(
            collectedAt: iso.string(from: started),
            durationSeconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000,
            toolVersion: TrustMapVersion.current, startDomain: options.startDomain,
            vantage: Vantage(hostName: ProcessInfo.processInfo.hostName, clientSites: clientSites),
            dnsServers: (options.dnsServers.isEmpty ? ["system"] : options.dnsServers.map(\.description))
                + options.dnsServersFor.map { "\($0.key.value)=\($0.value.description)" }.sorted(),
            authentication: options.credentials.label + (options.transport == .plain ? "" : "+\(options.transport)"),
            answeredDomainControllers: results.values.flatMap(\.answered).sorted(),
            options: [
                "follow-trusts": options.followTrusts.rawValue, "max-depth": String(options.maxDepth),
                "timeout": String(options.timeout), "deadline": String(options.deadline),
                "concurrency": String(options.concurrency), "computers": String(options.computers),
            ])
        return Snapshot(
            metadata: metadata, forests: Array(forests.values), domains: Array(domains.values), trusts: trusts,
            diagnostics: diagnostics)
    }
}
