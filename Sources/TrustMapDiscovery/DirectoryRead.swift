import TrustMapClients
import TrustMapModel

/// The LDAP part of discovering a domain, against one DC.
struct DirectoryRead: Sendable {
    let name: DNSName
    let options: DiscoveryOptions
    private var pdcOwner: String? = nil

    init(name: DNSName, options: DiscoveryOptions) {
        self.name = name
        self.options = options
    }

    enum Outcome { case done, nextDC, stop }

    private func diag(_ c: DiagnosticCategory, _ server: String, _ op: String, _ msg: String) -> Diagnostic {
        Diagnostic(category: c, domain: name, server: server, operation: op, message: msg)
    }

    /// What an anonymous run cannot see, in words.
    static let notReadAnonymously =
        "not read: the domain SID, crossRefs (other domains of the forest), sites and subnets, DC accounts "
        + "(DCs without SRV records, nTDSDSA options, fSMORoleOwner) and trustedDomain objects, so no trust was followed"

    static func category(of e: LDAPError) -> DiagnosticCategory {
        if e.isCredentialsRefused { return .credentials }
        if e.isTimeout { return .timeout }
        if e.isUnreachable { return .unreachable }
        return .failure
    }

    /// Reads the domain from `dc`; says whether to try the next DC.
    mutating func read(from dc: Candidate, into result: inout DomainResult) async -> Outcome {
        let server = dc.host.value
        // Kerberos needs the DC's host name in the URI (the service principal is built from it).
        let host = dc.host.value
        // Connect to the address our own DNS lookup found (the DC's name may be known only to a
        // --dns-server-for server); the host name still names it for Kerberos and TLS.
        let connection = LDAPConnection(
            host: host, transport: options.transport, caFile: options.caFile, timeout: options.timeout,
            address: dc.addresses.first)
        defer { result.ldapOperations += connection.operationCount }

        let root: LDAPEntry
        do {
            root = try await connection.rootDSE()
        } catch {
            result.diagnostics.append(diag(Self.category(of: error), server, "ldap-rootdse", error.description))
            return .nextDC
        }
        let defaultNC = root.string("defaultNamingContext")
        let configNC = root.string("configurationNamingContext")
        if let rootNC = root.string("rootDomainNamingContext"), let f = DN.dnsName(ofNamingContext: rootNC) {
            result.forestRoot = f
            result.domain.forest = f
        }
        result.domain.namingContext = defaultNC
        result.domain.functionalLevel = root.int("domainFunctionality")
        result.forestFunctionalLevel = root.int("forestFunctionality")
        markAnswered(dc.host, in: &result)
        result.readFrom = server
        if result.domain.status == .unreachable {
            result.domain.status = .partial
            result.domain.statusReason = "anonymous rootDSE and LDAP ping data only"
        }

        // Bind.
        let auth: LDAPAuthentication
        switch options.credentials {
        case .anonymous:
            result.domain.statusReason = "no credentials given: only anonymous rootDSE and LDAP ping data"
            result.diagnostics.append(
                diag(
                    .credentials, server, "ldap-bind",
                    "no credentials given (anonymous discovery): \(Self.notReadAnonymously)"))
            return .done
        case .kerberos(let creds): auth = .gssapi(creds)
        case .simple(let user, let password): auth = .simple(user: user, password: password)
        }
        do {
            try await connection.bind(auth)
        } catch {
            var cat = Self.category(of: error)
            var message = error.description
            if error.isServicePrincipalUnknown {
                // The KDC of our realm has no path to this DC's realm: no trust lets our users in.
                cat = .denied
                message =
                    "no Kerberos ticket for ldap/\(host): our realm's KDC knows no path to it "
                    + "(no trust admits our users; a one-way trust the other way does not): \(error.description)"
            }
            result.diagnostics.append(diag(cat, server, "ldap-bind", message))
            if cat == .credentials {
                result.credentialsRefused = true
                result.domain.statusReason = "bind refused: \(error.description)"
                return .stop
            }
            if cat == .unreachable || cat == .timeout { return .nextDC }
            result.domain.statusReason = "bind failed: \(message)"
            return .stop
        }

        guard let nc = defaultNC, let config = configNC else {
            result.diagnostics.append(
                diag(
                    .directory, server, "ldap-rootdse",
                    "rootDSE lacks defaultNamingContext or configurationNamingContext"))
            return .stop
        }
        var decoder = EntryDecoder(domain: name, server: server)
        defer { result.diagnostics += decoder.diagnostics }
        do {
            // The domain NC head.
            if let head = try await connection.search(
                base: nc, scope: .base, filter: "(objectClass=*)", attributes: Attributes.domainHead
            ).first {
                if let raw = head.bytes("objectSid") {
                    do { result.domain.sid = try SID(binary: raw) } catch {
                        decoder.note("read-domain", "objectSid of \(nc): \(error)")
                    }
                }
                if let owner = head.string("fSMORoleOwner") { pdcOwner = DN.parent(owner) }
            }
            // Forest-wide: crossRefs and sites (readable from any DC of the forest).
            let refs = try await connection.search(
                base: "CN=Partitions,\(config)", scope: .oneLevel, filter: "(objectClass=crossRef)",
                attributes: Attributes.crossRef)
            result.crossRefs = decoder.crossRefs(refs)
            let siteEntries = try await connection.search(
                base: "CN=Sites,\(config)", scope: .subtree,
                filter: "(|(objectClass=site)(objectClass=subnet)(objectClass=server)(objectClass=nTDSDSA))",
                attributes: Attributes.sites)
            let topo = decoder.siteTopology(siteEntries)
            result.sites = topo
            // Computers: DCs only, or every computer with --computers.
            let filter =
                options.computers
                ? "(objectCategory=computer)" : "(&(objectCategory=computer)\(UAC.domainControllerFilter))"
            let computers = try await connection.search(
                base: nc, scope: .subtree, filter: filter, attributes: Attributes.computer)
            // Trusts.
            let trustEntries = try await connection.search(
                base: "CN=System,\(nc)", scope: .oneLevel, filter: "(objectClass=trustedDomain)",
                attributes: Attributes.trust)
            result.trusts = trustEntries.compactMap { decoder.trust($0) }

            apply(crossRefs: result.crossRefs, nc: nc, to: &result)
            apply(computers: computers, topology: topo, nc: nc, decoder: &decoder, to: &result)
            result.domain.status = .complete
            result.domain.statusReason = nil
            return .done
        } catch {
            result.diagnostics.append(diag(Self.category(of: error), server, "ldap-search", error.description))
            result.domain.statusReason = "LDAP reads failed part-way: \(error.description)"
            return (Self.category(of: error) == .unreachable || Self.category(of: error) == .timeout) ? .nextDC : .stop
        }
    }

    private func markAnswered(_ host: DNSName, in result: inout DomainResult) {
        if !result.answered.contains(host.value) { result.answered.append(host.value) }
        if let i = result.domain.domainControllers.firstIndex(where: { $0.hostName == host }) {
            result.domain.domainControllers[i].answered = true
            if !result.domain.domainControllers[i].sources.contains("ldap") {
                result.domain.domainControllers[i].sources.append("ldap")
            }
        }
    }

    private func apply(crossRefs: [CrossRef], nc: String, to result: inout DomainResult) {
        guard let mine = crossRefs.first(where: { $0.isDomain && DN.same($0.namingContext, nc) }) else { return }
        if let nb = mine.netbiosName {
            result.domain.netbiosName = nb
            if !result.domain.nameSources.contains(.crossRef) { result.domain.nameSources.append(.crossRef) }
            result.domain.nameSources.sort()
        }
        if let parentRef = mine.trustParent, let p = crossRefs.first(where: { DN.same($0.dn, parentRef) }) {
            result.domain.parent = p.dnsRoot
        }
        result.domain.isTreeRoot = mine.rootTrust != nil
    }

    private func apply(
        computers: [LDAPEntry], topology: SiteTopology, nc: String, decoder: inout EntryDecoder,
        to result: inout DomainResult
    ) {
        var dcs = Dictionary(uniqueKeysWithValues: result.domain.domainControllers.map { ($0.hostName, $0) })
        var list: [Computer] = []
        for e in computers {
            let uac = e.int("userAccountControl") ?? 0
            let isDC = uac & (UAC.serverTrustAccount | UAC.partialSecretsAccount) != 0
            guard var sam = e.string("sAMAccountName") else { continue }
            if sam.hasSuffix("$") { sam.removeLast() }
            guard let nb = try? NetBIOSName(parsing: sam) else {
                decoder.note("read-computers", "computer \(e.dn): sAMAccountName \"\(sam)\" is not a NetBIOS name")
                continue
            }
            let host = e.string("dNSHostName").flatMap { try? DNSName(parsing: $0) }
            if options.computers { list.append(Computer(name: nb, dnsHostName: host, isDomainController: isDC)) }
            guard isDC, let h = host else { continue }
            var dc = dcs[h] ?? DomainController(hostName: h, sources: [])
            dc.netbiosName = dc.netbiosName ?? nb
            if !dc.sources.contains("ldap") { dc.sources.append("ldap") }
            var roles = Set(dc.roles)
            if uac & UAC.partialSecretsAccount != 0 {
                roles.insert(.rodc)
                roles.remove(.writable)
            }
            if let server = topology.servers.first(where: { $0.hostName == h }) {
                dc.site = server.site
                if server.isGlobalCatalog { roles.insert(.gc) } else { roles.remove(.gc) }
                if let owner = pdcOwner, DN.same(owner, server.dn) {
                    roles.insert(.pdc)
                } else if pdcOwner != nil {
                    roles.remove(.pdc)
                }
            }
            dc.roles = roles.sorted()
            dcs[h] = dc
        }
        result.domain.domainControllers = dcs.values.sorted { $0.hostName < $1.hostName }
        if options.computers { result.domain.computers = list.sorted { $0.name < $1.name } }
    }
}
