/// What a probe found unreachable, to colour in the graph: domains and domain controllers by name.
///
/// Read from the minimal JSON shape `{"unreachable": {"domains": [...], "domainControllers": [...]}}`
/// (docs/graph.md); names are compared case-insensitively.
public struct ProbeHighlight: Hashable, Sendable, Codable {
    /// Domains none of whose DCs could be reached (DNS or NetBIOS names).
    public var unreachableDomains: [String]
    /// Domain controllers that could not be reached (host names).
    public var unreachableDomainControllers: [String]

    /// Creates a probe highlight.
    public init(unreachableDomains: [String] = [], unreachableDomainControllers: [String] = []) {
        self.unreachableDomains = unreachableDomains
        self.unreachableDomainControllers = unreachableDomainControllers
    }

    private enum CodingKeys: String, CodingKey {
        case unreachable
    }

    private enum UnreachableKeys: String, CodingKey {
        case domains, domainControllers
    }

    /// Decodes the JSON shape; the `unreachable` object and either list may be absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.contains(.unreachable) else {
            self.init()
            return
        }
        let u = try c.nestedContainer(keyedBy: UnreachableKeys.self, forKey: .unreachable)
        self.init(
            unreachableDomains: try u.decodeIfPresent([String].self, forKey: .domains) ?? [],
            unreachableDomainControllers: try u.decodeIfPresent([String].self, forKey: .domainControllers) ?? [])
    }

    /// Encodes the JSON shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var u = c.nestedContainer(keyedBy: UnreachableKeys.self, forKey: .unreachable)
        try u.encode(unreachableDomains, forKey: .domains)
        try u.encode(unreachableDomainControllers, forKey: .domainControllers)
    }
}
