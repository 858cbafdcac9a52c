/// What to put into an exported trust graph besides domains and trusts.
public struct TrustGraphOptions: Hashable, Sendable {
    /// Adds every domain controller, grouped by site, with its roles.
    public var includeDomainControllers: Bool
    /// Highlights what a follow-trust plan needs.
    public var plan: PlanHighlight?
    /// Colours what a probe found unreachable.
    public var probe: ProbeHighlight?

    /// Creates options.
    public init(includeDomainControllers: Bool = false, plan: PlanHighlight? = nil, probe: ProbeHighlight? = nil) {
        self.includeDomainControllers = includeDomainControllers
        self.plan = plan
        self.probe = probe
    }
}
