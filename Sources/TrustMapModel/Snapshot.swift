/// The result of a discovery: forests, domains, trusts and diagnostics, with collection metadata.
///
/// Encoded as versioned JSON (docs/snapshot.md, docs/snapshot.schema.json). Everything is
/// sorted so that two runs over the same directory encode to the same bytes except for the
/// metadata's times.
public struct Snapshot: Hashable, Sendable, Codable {
    /// The schema version this build writes.
    public static let currentSchemaVersion = 1

    /// The schema version of this snapshot.
    public var schemaVersion: Int
    public var metadata: CollectionMetadata
    /// Forests, sorted by root.
    public var forests: [Forest]
    /// Domains, sorted by DNS name.
    public var domains: [Domain]
    /// trustedDomain objects of every domain read, sorted by holder then partner.
    public var trusts: [Trust]
    /// Problems met, sorted.
    public var diagnostics: [Diagnostic]

    /// Creates a snapshot, sorting its contents.
    public init(
        metadata: CollectionMetadata, forests: [Forest], domains: [Domain], trusts: [Trust],
        diagnostics: [Diagnostic] = []
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.metadata = metadata
        self.forests = forests
        self.domains = domains
        self.trusts = trusts
        self.diagnostics = diagnostics
        normalize()
    }

    /// Sorts every list into its canonical order.
    public mutating func normalize() {
        forests.sort { $0.root < $1.root }
        for i in forests.indices {
            forests[i].domains.sort()
            forests[i].sites.sort { $0.name < $1.name }
        }
        domains.sort { $0.dnsName < $1.dnsName }
        for i in domains.indices {
            domains[i].domainControllers.sort { $0.hostName < $1.hostName }
            domains[i].computers.sort { $0.name < $1.name }
        }
        trusts.sort { ($0.domain.value, $0.partner.lowercased()) < ($1.domain.value, $1.partner.lowercased()) }
        diagnostics.sort {
            ($0.domain?.value ?? "", $0.server ?? "", $0.operation, $0.message)
                < ($1.domain?.value ?? "", $1.server ?? "", $1.operation, $1.message)
        }
    }

    /// The domain with this DNS name.
    public func domain(_ name: DNSName) -> Domain? { domains.first { $0.dnsName == name } }
}

/// When, where from and by what a snapshot was collected.
public struct CollectionMetadata: Hashable, Sendable, Codable {
    /// ISO 8601 UTC time the collection started.
    public var collectedAt: String
    /// Seconds the collection took.
    public var durationSeconds: Double?
    /// The TrustMap version that wrote it.
    public var toolVersion: String
    /// The domain discovery started from.
    public var startDomain: DNSName?
    /// The vantage point: host name of the machine and the client site the DCs reported.
    public var vantage: Vantage
    /// The DNS servers used ("system" or IP[:PORT]), per domain where given.
    public var dnsServers: [String]
    /// How the tool authenticated ("anonymous", "gssapi", "simple-ldaps", ...), never the secret.
    public var authentication: String
    /// Host names of the DCs that answered.
    public var answeredDomainControllers: [String]
    /// The settings the run used (follow-trusts, max-depth...).
    public var options: [String: String]

    /// Creates metadata.
    public init(
        collectedAt: String, durationSeconds: Double? = nil, toolVersion: String, startDomain: DNSName? = nil,
        vantage: Vantage = Vantage(), dnsServers: [String] = [], authentication: String = "anonymous",
        answeredDomainControllers: [String] = [], options: [String: String] = [:]
    ) {
        self.collectedAt = collectedAt
        self.durationSeconds = durationSeconds
        self.toolVersion = toolVersion
        self.startDomain = startDomain
        self.vantage = vantage
        self.dnsServers = dnsServers
        self.authentication = authentication
        self.answeredDomainControllers = answeredDomainControllers
        self.options = options
    }
}

/// Where a collection ran from.
public struct Vantage: Hashable, Sendable, Codable {
    /// The collecting host's name.
    public var hostName: String?
    /// The client site the LDAP pings reported for this host, per forest root.
    public var clientSites: [String: String]

    /// Creates a vantage.
    public init(hostName: String? = nil, clientSites: [String: String] = [:]) {
        self.hostName = hostName
        self.clientSites = clientSites
    }
}

/// The TrustMap version.
public enum TrustMapVersion {
    /// The version string written into snapshots and printed by `--version`.
    public static let current = "0.1.0"
}
