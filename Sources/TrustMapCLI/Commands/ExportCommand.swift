import Dispatch
import Foundation
import TrustMapAnalysis
import TrustMapExport
import TrustMapModel

/// `trustmap export SNAPSHOT`: the trust graph as DOT, SVG, PNG, graph JSON or GraphML.
public struct ExportCommand: Command {
    public static let name = "export"
    public static let summary = "Draws a snapshot's forests, domains and trusts as DOT, SVG, PNG, JSON or GraphML."
    public static let discussion = """
        One cluster per forest read, one node per domain (DNS name, NetBIOS name, DC count; the forest root \
        in bold), one edge per trust with both domains' objects paired. Arrows show the way authentication \
        flows: if A trusts B, B's users sign in to A, so the arrow goes from B to A; a two-way trust has an \
        arrow at each end. Edges are coloured by kind and labelled when non-transitive, SID-filtered, selective, \
        RC4-only, seen from one side only, or when the two sides disagree. A legend says all this in the graph.

        --dcs adds the DCs grouped by site with their roles. --plan FILE highlights what a follow-trust plan \
        needs and --probe FILE colours what a probe could not reach; both take the small JSON shapes of \
        docs/graph.md. SVG and PNG are rendered by Graphviz's dot (Debian package graphviz); DOT, JSON and \
        GraphML need nothing else and are the same bytes for the same snapshot.

        Exit status: 0 written, 64 bad options, 65/66 bad or missing input, 69 Graphviz not installed, \
        73/74 the output could not be written.
        """
    public static let arguments = [ArgumentSpec("SNAPSHOT", help: "Snapshot file written by discover; - for stdin.")]
    public static let options: [OptionSpec] = [
        .choice(
            "format", short: "f", valueName: "dot|svg|png|json|graphml", ExportFormat.allCases.map(\.rawValue),
            help: "Output format; --json means --format json.", default: "dot"),
        .value(
            "output", short: "o", valueName: "FILE", help: "Write to FILE (atomically); - for stdout.", default: "-"),
        .flag("dcs", help: "Add the domain controllers, grouped by site, with their roles."),
        .value("plan", valueName: "PLAN.json", help: "Highlight the domains and DCs this follow-trust plan needs."),
        .value("probe", valueName: "PROBE.json", help: "Colour the domains and DCs this probe found unreachable."),
    ]
    public static let examples = [
        CommandExample("trustmap export snap.json -f svg -o trusts.svg", "Draw the trust graph as SVG."),
        CommandExample(
            "trustmap export snap.json --dcs --plan plan.json -f png -o plan.png",
            "Draw DCs by site and highlight what a plan needs, for a change request."),
        CommandExample("trustmap export snap.json -f graphml -o trusts.graphml", "For yEd, Gephi or networkx."),
    ]

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        let format = try format(arguments, json: context.json)
        let output = arguments.value("output") ?? "-"
        if format == .png && output == "-" {
            throw CLIError.usage("--format png writes binary data: give --output FILE", command: name)
        }
        guard let path = arguments.argument("SNAPSHOT") else {
            throw CLIError.usage("missing argument <SNAPSHOT> for '\(name)'", command: name)
        }
        let snapshot = try SnapshotFile.read(path)
        var options = TrustGraphOptions(includeDomainControllers: arguments.flag("dcs"))
        if let plan = arguments.value("plan") { options.plan = try Self.planHighlight(plan) }
        if let probe = arguments.value("probe") {
            options.probe = try JSONFile.read(ProbeHighlight.self, from: probe, what: "probe file")
        }
        let export = TrustGraphExport(snapshot: snapshot, options: options)
        for note in export.graph.notes { context.warning(note) }

        let rendered = try await render(export, format)
        for line in rendered.warnings.split(separator: "\n") where !line.isEmpty {
            context.warning("dot: " + line)
        }
        if output == "-" {
            context.output.write(String(decoding: rendered.data, as: UTF8.self))
        } else {
            try AtomicFile.write(rendered.data, to: output, what: "graph")
            context.progress("trustmap: \(format) graph written to \(output)")
        }
        return .success
    }

    /// `--format`, or json under `--json`; both naming different formats is a usage error.
    private static func format(_ arguments: ParsedArguments, json: Bool) throws(CLIError) -> ExportFormat {
        let named = arguments.value("format").flatMap(ExportFormat.init(rawValue:)) ?? .dot
        guard json else { return named }
        if arguments.isGiven("format") && named != .json {
            throw .usage("--json asks for --format json, but --format \(named) was given", command: name)
        }
        return .json
    }

    /// Renders off the cooperative pool: SVG and PNG wait for Graphviz's `dot`.
    private static func render(_ export: TrustGraphExport, _ format: ExportFormat) async throws(CLIError)
        -> GraphvizRenderer.Output
    {
        let result: Result<GraphvizRenderer.Output, ExportError> = await withCheckedContinuation { done in
            DispatchQueue.global().async {
                done.resume(returning: Result { () throws(ExportError) in try export.render(format) })
            }
        }
        switch result {
        case .success(let output): return output
        case .failure(let error) where error.code == .graphvizMissing: throw CLIError(.unavailable, error.message)
        case .failure(let error): throw CLIError.internalError(error.description)
        }
    }

    /// Reads a plan file: the output of `trustmap plan --json` (what the plan needs: every related
    /// domain and its DCs), or the minimal `{"domains":[...],"domainControllers":[...]}` shape.
    static func planHighlight(_ path: String) throws(CLIError) -> PlanHighlight {
        if let plan = try? JSONFile.read(FollowTrustPlan.self, from: path, what: "plan file") {
            return PlanHighlight(
                domains: plan.related.map(\.dnsName.value),
                domainControllers: plan.related.flatMap { $0.domainControllers.map(\.hostName.value) })
        }
        let minimal = try JSONFile.read(PlanHighlight.self, from: path, what: "plan file")
        guard !minimal.domains.isEmpty || !minimal.domainControllers.isEmpty else {
            throw .badData(
                "plan file \(path): neither a `trustmap plan --json` document nor a list of domains or "
                    + "domainControllers; nothing to highlight")
        }
        return minimal
    }
}
