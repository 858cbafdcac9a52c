import TrustMapAnalysis
import TrustMapModel

/// `trustmap plan SNAPSHOT --domain D` (or `--records FILE --record TITLE`): what "follow trust relationships" on
/// an Active Directory record for D needs.
public struct PlanCommand: Command {
    public static let name = "plan"
    public static let summary = "Plans \"follow trust relationships\": related domains, their DCs, DNS servers, ports."
    public static let discussion = """
        With follow trusts on, the scanner needs every DC of every domain that has a trust relationship with \
        the record's domain, and the DNS servers resolving them; a firewall blocking any of them causes \
        authentication failures. The plan lists the related domains (linked by trusts in any direction), and \
        separately those whose trust paths admit the domain's users; each DC with its addresses, site and the \
        ports it needs; the DNS servers; counts; and warnings (more domains or sites than a small network has, \
        domains reached only through forest trusts, DCs that did not answer at discovery, selective \
        authentication on the way).

        Exit status: 0; 1 when the domain is not in the snapshot.
        """
    public static let arguments = [ArgumentSpec("SNAPSHOT", help: "The snapshot file, or - for stdin.")]
    public static let options: [OptionSpec] = [
        .value("domain", valueName: "D", help: "DNS name of the record's domain."),
        .value("records", valueName: "FILE", help: "A records file, with --record: plan that record's domain."),
        .value("record", valueName: "TITLE", help: "The Active Directory record to plan, with --records."),
        .integer("max-domains", min: 1, help: "Warn above N related domains.", default: 10),
        .integer("max-sites", min: 1, help: "Warn above N sites.", default: 10),
    ]
    public static let examples = [
        CommandExample("trustmap plan snap.json --domain corp.example.test", "CORP, following trusts."),
        CommandExample(
            "trustmap plan snap.json --records records.json --record 'Partner forest' --json",
            "For a record, as JSON."),
    ]

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        let domain = try target(arguments, context: context)
        let snapshot = try SnapshotFile.read(arguments.argument("SNAPSHOT") ?? "-")
        let graph = TrustGraph(snapshot: snapshot)
        guard graph.nodes[domain] != nil else {
            context.output.errorLine("trustmap: \(domain) is not in the snapshot")
            return .negative
        }
        let limits = FollowTrustPlan.Limits(
            domains: arguments.integer("max-domains") ?? 10, sites: arguments.integer("max-sites") ?? 10)
        let plan = FollowTrustPlan.make(for: domain, in: graph, limits: limits)
        if context.json {
            try context.output.json(plan)
            return .success
        }
        write(plan, to: context.output)
        return .success
    }

    /// The domain to plan, from `--domain` or from the record named by `--records`/`--record`.
    static func target(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> DNSName {
        let byRecord = arguments.isGiven("records") || arguments.isGiven("record")
        if arguments.isGiven("domain") {
            guard !byRecord else {
                throw .usage("--domain excludes --records and --record", command: name)
            }
            return try PathCommand.domainOption(arguments, "domain", command: name)
        }
        guard arguments.isGiven("records"), let title = arguments.value("record") else {
            throw .usage("give --domain D, or --records FILE with --record TITLE", command: name)
        }
        let file = try RecordsInput.read(try arguments.require("records"))
        let record = try RecordsInput.record(title, in: file, command: name)
        guard record.kind == .activeDirectory, let d = record.domain, let dns = try? DNSName(parsing: d) else {
            throw .usage(
                "record '\(title)' is \(record.kind.rawValue): follow trust relationships is only for Active "
                    + "Directory records", command: name)
        }
        if !record.followTrusts {
            context.warning("record '\(title)' does not follow trusts; planning as if it did")
        }
        return dns
    }

    static func write(_ plan: FollowTrustPlan, to out: Output) {
        let c = plan.counts
        out.line(
            "Follow trusts for \(plan.domain): \(c.relatedDomains) related domain(s), \(c.admittingDomains) admitting"
                + " its users, \(c.domainControllers) DC(s) (\(c.unreachableDomainControllers) unreachable),"
                + " \(c.sites) site(s), \(c.dnsServers) DNS server(s)")
        out.line()
        var domains = TextTable(headers: ["DOMAIN", "NETBIOS", "FOREST", "ADMITS USERS", "PATH", "STATUS", "DCS"])
        for d in plan.related {
            domains.append([
                d.dnsName.value, d.netbiosName?.value ?? "-", d.forest.value,
                d.dnsName == plan.domain
                    ? "(itself)" : d.admitsUsers ? (d.onlyThroughForestTrust ? "yes, forest trust" : "yes") : "no",
                d.path.map { $0.map(\.value).joined(separator: " -> ") } ?? "-", d.status?.rawValue ?? "not read",
                String(d.domainControllers.count),
            ])
        }
        out.table(domains)
        out.line()
        var dcs = TextTable(headers: ["DOMAIN", "DC", "ADDRESSES", "SITE", "ANSWERED", "DNS", "PORTS"])
        for d in plan.related {
            for dc in d.domainControllers {
                dcs.append([
                    d.dnsName.value, dc.hostName.value, dc.addresses.joined(separator: ","), dc.site ?? "-",
                    dc.answered ? "yes" : "NO", dc.dnsServer ? "yes" : "no", compact(dc.ports),
                ])
            }
        }
        out.table(dcs)
        out.line()
        out.line("DNS servers: " + (plan.dnsServers.isEmpty ? "none known" : plan.dnsServers.joined(separator: ", ")))
        out.line("Ports: " + compact(plan.ports))
        for w in plan.warnings { out.line("warning: \(w.message) (\(w.rule.rawValue))") }
    }

    /// `53,88,389/tcp+udp 135,445,.../tcp` style: ports grouped by transport.
    static func compact(_ ports: [FollowTrustPlan.Port]) -> String {
        var byNumber: [String: Set<String>] = [:]
        var order: [String] = []
        for p in ports {
            let key = p.last.map { "\(p.number)-\($0)" } ?? "\(p.number)"
            if byNumber[key] == nil { order.append(key) }
            byNumber[key, default: []].insert(p.transport)
        }
        return order.map { k in k + "/" + byNumber[k]!.sorted().joined(separator: "+") }.joined(separator: " ")
    }
}
