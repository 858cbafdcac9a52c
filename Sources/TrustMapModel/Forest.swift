/// An Active Directory forest.
public struct Forest: Hashable, Sendable, Codable {
    /// The forest root domain.
    public var root: DNSName
    /// Every domain of the forest (from crossRefs), sorted.
    public var domains: [DNSName]
    /// forestFunctionality.
    public var functionalLevel: Int?
    /// Sites, sorted by name.
    public var sites: [Site]
    /// True when this forest was reached through a forest trust of another forest (it is then not
    /// a path to a third forest).
    public var reachedThroughForestTrust: Bool

    /// Creates a forest.
    public init(
        root: DNSName, domains: [DNSName], functionalLevel: Int? = nil, sites: [Site] = [],
        reachedThroughForestTrust: Bool = false
    ) {
        self.root = root
        self.domains = domains
        self.functionalLevel = functionalLevel
        self.sites = sites
        self.reachedThroughForestTrust = reachedThroughForestTrust
    }
}

/// An Active Directory site with its subnets.
public struct Site: Hashable, Sendable, Codable {
    /// The site name.
    public var name: String
    /// Subnets (CIDR) whose siteObject is this site, sorted.
    public var subnets: [String]
    /// Host names of the DCs whose server object is in this site, sorted.
    public var domainControllers: [DNSName]

    /// Creates a site.
    public init(name: String, subnets: [String] = [], domainControllers: [DNSName] = []) {
        self.name = name
        self.subnets = subnets
        self.domainControllers = domainControllers
    }
}
