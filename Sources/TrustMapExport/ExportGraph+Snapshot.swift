public import TrustMapModel

extension ExportGraph {
    /// Draws `snapshot` as a graph: one cluster per forest read, one node per domain, one edge per trust (both
    /// sides paired), and with the options, DCs by site and the plan's and probe's highlights.
    public init(snapshot: Snapshot, options: TrustGraphOptions = TrustGraphOptions()) {
        var builder = TrustGraphBuilder(snapshot: snapshot, options: options)
        self = builder.build()
    }
}
