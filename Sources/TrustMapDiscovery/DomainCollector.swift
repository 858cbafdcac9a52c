import TrustMapClients
import TrustMapModel
import TrustMapWire

/// Everything learnt about one domain.
struct DomainResult: Sendable {
    var domain: Domain
    var forestRoot: DNSName?
    var forestFunctionalLevel: Int?
    var crossRefs: [CrossRef] = []
    var sites: SiteTopology?
    var trusts: [Trust] = []
    var diagnostics: [Diagnostic] = []
    var answered: [String] = []
    var clientSite: String?
    var ldapOperations = 0
    var credentialsRefused = false
}

/// A DC candidate: what SRV and the LDAP ping said about it.
struct Candidate: Sendable {
    var host: DNSName
    var addresses: [String]
    var srvOrder: Int
    var ping: NetlogonResponse?
    var inClientSite = false
}

/// Discovers one domain: DC location as the Windows locator does it (SRV, LDAP ping, the
/// client's site and its SRV records), then LDAP reads from the best DC that answers, falling
/// back to the next DC on any error.
struct DomainCollector: Sendable {
    let name: DNSName
    let depth: Int
    let options: DiscoveryOptions

    private func diag(_ c: DiagnosticCategory, _ server: String?, _ op: String, _ msg: String) -> Diagnostic {
        Diagnostic(category: c, domain: name, server: server, operation: op, message: msg)
    }

    /// Asks each configured DNS server in turn until one gives an answer (an NXDOMAIN is an answer).
    private func srv(_ query: String) async -> (records: [SRVRecord], error: DNSError?, server: String) {
        var last: DNSError? = nil
        var lastServer = "system"
        for server in options.servers(for: name) {
            let resolver = DNSResolver(server: server, timeout: options.timeout, attempts: 2)
            lastServer = server.description
            do {
                return (try await resolver.srv(query), nil, lastServer)
            } catch {
                last = error
                if error.kind == .nxdomain || error.kind == .noData { break }
            }
        }
        return ([], last, lastServer)
    }

    private func addresses(_ host: DNSName) async -> [String] {
        for server in options.servers(for: host) {
            let resolver = DNSResolver(server: server, timeout: options.timeout, attempts: 2)
            if let a = try? await resolver.addresses(host.value), !a.isEmpty { return a }
        }
        return []
    }

    func collect() async -> DomainResult {
        var result = DomainResult(domain: Domain(dnsName: name, status: .unreachable, depth: depth))

        // 1. SRV: the domain's DCs.
        let located = await srv("_ldap._tcp.dc._msdcs.\(name.value)")
        if let error = located.error, located.records.isEmpty {
            let cat: DiagnosticCategory = error.kind == .timeout ? .timeout : .unreachable
            result.diagnostics.append(diag(cat, located.server, "srv-lookup", error.description))
            result.domain.statusReason = "no domain controller found in DNS: \(error.description)"
            return result
        }

        // 2. Addresses and LDAP pings, all DCs at once.
        var candidates: [Candidate] = []
        for (i, r) in located.records.enumerated() {
            guard let host = try? DNSName(parsing: r.target) else { continue }
            candidates.append(Candidate(host: host, addresses: [], srvOrder: i))
        }
        candidates = await withTaskGroup(of: Candidate.self) { group in
            for c in candidates {
                group.addTask {
                    var c = c
                    c.addresses = await addresses(c.host)
                    for a in c.addresses {
                        if let reply = try? await LDAPPing.ping(
                            address: a, domain: name.value, timeout: options.timeout)
                        {
                            c.ping = reply
                            break
                        }
                    }
                    return c
                }
            }
            var out: [Candidate] = []
            for await c in group { out.append(c) }
            return out.sorted { $0.srvOrder < $1.srvOrder }
        }
        for c in candidates where c.ping == nil {
            let what = c.addresses.isEmpty ? "no address in DNS" : "no LDAP ping reply from \(c.addresses.joined(separator: ", "))"
            result.diagnostics.append(diag(.unreachable, c.host.value, "ldap-ping", what))
        }

        // 3. The client's site and its DCs.
        let pings = candidates.compactMap(\.ping)
        if let site = pings.map(\.clientSiteName).first(where: { !$0.isEmpty }) {
            result.clientSite = site
            let siteDCs = await srv("_ldap._tcp.\(site)._sites.dc._msdcs.\(name.value)").records
            let names = Set(siteDCs.compactMap { try? DNSName(parsing: $0.target) })
            for i in candidates.indices where names.contains(candidates[i].host) { candidates[i].inClientSite = true }
        }

        // Anonymous facts from the pings.
        if let p = pings.first {
            result.forestRoot = try? DNSName(parsing: p.dnsForestName)
            if let nb = try? NetBIOSName(parsing: p.netbiosDomainName) {
                result.domain.netbiosName = nb
                result.domain.nameSources = [.ldapPing]
            }
            result.domain.guid = p.domainGUID
            result.domain.forest = result.forestRoot
        }
        result.domain.domainControllers = candidates.map { c in
            DomainController(
                hostName: c.host, netbiosName: c.ping.flatMap { try? NetBIOSName(parsing: $0.netbiosComputerName) },
                addresses: c.addresses.sorted(), site: c.ping?.dcSiteName, roles: Self.roles(from: c.ping?.flags),
                pingFlags: c.ping?.flags, answered: c.ping != nil, sources: c.ping == nil ? ["srv"] : ["srv", "ping"])
        }
        result.answered = candidates.filter { $0.ping != nil }.map(\.host.value)

        // 4. LDAP from the best DC that answers: pinged, in our site, writable, then SRV order.
        let ordered = candidates.sorted { a, b in
            let ka = (a.ping == nil ? 1 : 0, a.inClientSite ? 0 : 1, a.ping?.flags.contains(.writable) == true ? 0 : 1, a.srvOrder)
            let kb = (b.ping == nil ? 1 : 0, b.inClientSite ? 0 : 1, b.ping?.flags.contains(.writable) == true ? 0 : 1, b.srvOrder)
            return ka < kb
        }
        var reader = DirectoryRead(name: name, options: options)
        for c in ordered {
            let outcome = await reader.read(from: c, into: &result)
            switch outcome {
            case .done: break
            case .nextDC: continue
            case .stop: break
            }
            break
        }
        // DCs learnt from LDAP only (not in SRV): their addresses, and an LDAP ping for their flags.
        let unpinged = result.domain.domainControllers.filter { $0.pingFlags == nil }
        if !unpinged.isEmpty {
            let probed = await withTaskGroup(of: DomainController.self) { group in
                for dc in unpinged { group.addTask { await probe(dc) } }
                var out: [DNSName: DomainController] = [:]
                for await dc in group { out[dc.hostName] = dc }
                return out
            }
            for i in result.domain.domainControllers.indices {
                guard let p = probed[result.domain.domainControllers[i].hostName] else { continue }
                result.domain.domainControllers[i] = p
                if p.answered && !result.answered.contains(p.hostName.value) { result.answered.append(p.hostName.value) }
                if p.pingFlags == nil {
                    let what = p.addresses.isEmpty ? "no address in DNS" : "no LDAP ping reply from \(p.addresses.joined(separator: ", "))"
                    result.diagnostics.append(diag(.unreachable, p.hostName.value, "ldap-ping", what))
                }
            }
            let unlisted = unpinged.filter { !$0.sources.contains("srv") }.map(\.hostName.value)
            if !unlisted.isEmpty {
                result.diagnostics.append(
                    diag(.directory, nil, "srv-lookup",
                         "DC account(s) with no _ldap._tcp.dc._msdcs SRV record: \(unlisted.joined(separator: ", "))"))
            }
        }
        if result.domain.status == .unreachable && !pings.isEmpty {
            result.domain.status = .partial
            result.domain.statusReason = result.domain.statusReason ?? "only LDAP ping data: no LDAP read succeeded"
        }
        if result.domain.status == .unreachable && result.domain.statusReason == nil {
            result.domain.statusReason = "no domain controller answered"
        }
        return result
    }

    /// Resolves and pings a DC that SRV did not list, merging what the ping says into what LDAP said.
    private func probe(_ dc: DomainController) async -> DomainController {
        var dc = dc
        if dc.addresses.isEmpty { dc.addresses = await addresses(dc.hostName).sorted() }
        for a in dc.addresses {
            guard let reply = try? await LDAPPing.ping(address: a, domain: name.value, timeout: options.timeout) else {
                continue
            }
            dc.pingFlags = reply.flags
            dc.answered = true
            dc.site = dc.site ?? reply.dcSiteName
            var roles = Set(dc.roles).union(Self.roles(from: reply.flags))
            // LDAP's account data decides PDC, GC and RODC; the ping adds KDC, writable and DNS.
            if !reply.flags.contains(.pdc) { roles.remove(.pdc) }
            if roles.contains(.rodc) { roles.remove(.writable) }
            dc.roles = roles.sorted()
            if !dc.sources.contains("ping") { dc.sources.append("ping") }
            break
        }
        return dc
    }

    /// Roles the LDAP ping flags show.
    static func roles(from flags: DSFlags?) -> [DCRole] {
        guard let f = flags else { return [] }
        var r: [DCRole] = []
        if f.contains(.pdc) { r.append(.pdc) }
        if f.contains(.gc) { r.append(.gc) }
        if !f.contains(.writable) { r.append(.rodc) }
        if f.contains(.kdc) { r.append(.kdc) }
        if f.contains(.writable) { r.append(.writable) }
        if f.contains(.dnsController) { r.append(.dns) }
        return r.sorted()
    }
}
