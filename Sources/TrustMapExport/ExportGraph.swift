/// A snapshot drawn as a graph: clusters (forests, sites), nodes (domains, domain controllers) and edges
/// (trusts, DC membership), all sorted, ready to write as DOT, JSON or GraphML.
///
/// The JSON encoding of this type is the graph JSON format of docs/graph.md.
public struct ExportGraph: Hashable, Sendable, Codable {
    /// The value of `format` in graph JSON.
    public static let formatName = "trustmap-graph"
    /// The graph format version this build writes.
    public static let currentVersion = 1

    /// Always `trustmap-graph`.
    public var format: String
    /// The graph format version.
    public var version: Int
    /// A one-line title: where and when the snapshot was collected.
    public var title: String
    /// Where the snapshot came from.
    public var source: GraphSource
    /// Forest, site and "outside" clusters, parents before children.
    public var clusters: [GraphCluster]
    /// Domain and DC nodes, sorted by id.
    public var nodes: [GraphNode]
    /// Trust and DC-membership edges, sorted by id.
    public var edges: [GraphEdge]
    /// Remarks about the inputs, such as plan or probe names that match nothing in the snapshot.
    public var notes: [String]

    /// Creates a graph.
    public init(
        title: String, source: GraphSource, clusters: [GraphCluster], nodes: [GraphNode], edges: [GraphEdge],
        notes: [String] = []
    ) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.title = title
        self.source = source
        self.clusters = clusters
        self.nodes = nodes
        self.edges = edges
        self.notes = notes
    }

    /// The node with this id.
    public func node(_ id: String) -> GraphNode? { nodes.first { $0.id == id } }

    /// The edge with this id.
    public func edge(_ id: String) -> GraphEdge? { edges.first { $0.id == id } }
}

/// The collection a graph was drawn from.
public struct GraphSource: Hashable, Sendable, Codable {
    /// When the snapshot was collected (ISO 8601).
    public var collectedAt: String
    /// The TrustMap version that collected it.
    public var toolVersion: String
    /// The domain discovery started from.
    public var startDomain: String?

    /// Creates a source.
    public init(collectedAt: String, toolVersion: String, startDomain: String? = nil) {
        self.collectedAt = collectedAt
        self.toolVersion = toolVersion
        self.startDomain = startDomain
    }
}

/// A group of nodes drawn together.
public struct GraphCluster: Hashable, Sendable, Codable {
    /// What a cluster groups.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The domains of one forest the snapshot read.
        case forest
        /// The domain controllers of one site.
        case site
        /// Domains and realms outside every forest the snapshot read.
        case outside
    }

    /// The id: `forest:<root>`, `site:<parent cluster id>:<site>` or `outside`.
    public var id: String
    public var kind: Kind
    /// The caption drawn on the cluster.
    public var label: String
    /// The enclosing cluster's id (sites are inside their forest).
    public var parent: String?
    /// The forest root's DNS name, for a forest cluster.
    public var forestRoot: String?
    /// The site name, for a site cluster.
    public var site: String?

    /// Creates a cluster.
    public init(
        id: String, kind: Kind, label: String, parent: String? = nil, forestRoot: String? = nil, site: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.label = label
        self.parent = parent
        self.forestRoot = forestRoot
        self.site = site
    }
}
