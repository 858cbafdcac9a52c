/// What a follow-trust plan needs, to highlight in the graph: domains and domain controllers by name.
///
/// Read from the minimal JSON shape `{"domains": [...], "domainControllers": [...]}` (docs/graph.md);
/// names are compared case-insensitively, and a domain may be named by its DNS or NetBIOS name.
public struct PlanHighlight: Hashable, Sendable, Codable {
    /// Domains the plan needs (DNS or NetBIOS names).
    public var domains: [String]
    /// Domain controllers the plan needs (host names).
    public var domainControllers: [String]

    /// Creates a plan highlight.
    public init(domains: [String] = [], domainControllers: [String] = []) {
        self.domains = domains
        self.domainControllers = domainControllers
    }

    private enum CodingKeys: String, CodingKey {
        case domains, domainControllers
    }

    /// Decodes the JSON shape; either list may be absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        domains = try c.decodeIfPresent([String].self, forKey: .domains) ?? []
        domainControllers = try c.decodeIfPresent([String].self, forKey: .domainControllers) ?? []
    }
}
