import Foundation
import TrustMapAnalysis
import TrustMapClients
import TrustMapModel

/// `trustmap probe PLAN` (or `SNAPSHOT --domain D`): can "follow trust relationships" be enabled from here?
public struct ProbeCommand: Command {
    public static let name = "probe"
    public static let summary =
        "Probes every DC and DNS server a follow-trusts plan needs: can it be enabled from here?"
    public static let discussion = """
        With "follow trust relationships" on, a scanner needs every DC of every related domain and the DNS \
        servers resolving them; one firewall in the way and authentication fails. This command probes each \
        endpoint of the plan from this machine: a TCP connect on each required TCP port; DNS on UDP and TCP 53 \
        (an SOA query for the domain, answered); the LDAP ping on UDP 389 (a valid Netlogon reply, and whose); \
        Kerberos on UDP and TCP 88 (a request any live KDC answers with a KRB-ERROR); kpasswd on UDP 464. \
        Each result is open, refused (TCP reset or ICMP port unreachable), filtered (no answer within the \
        timeout), unreachable (no route), wrong-service (something else answered), rejected (the service \
        answered but failed the query) or unconfirmed (UDP that answers nothing), with the time it took. \
        Probes run at once on non-blocking sockets, so a run takes about one timeout. The dynamic RPC range \
        (49152-65535/tcp) cannot be probed exhaustively: 135/tcp is probed and the range is noted.

        The input is a plan (`trustmap plan ... --json`) or a snapshot with --domain.

        Exit status: 0 follow trusts can be enabled from here; 1 blocked (the blocking list says by what); \
        69 nothing answered at all; 64, 65, 66 as usual.
        """
    public static let arguments = [
        ArgumentSpec("INPUT", help: "A plan (trustmap plan --json) or a snapshot; - for stdin.")
    ]
    public static let options: [OptionSpec] = [
        .value("domain", valueName: "D", help: "With a snapshot: the record's domain to plan and probe."),
        .value("timeout", valueName: "SECONDS", help: "How long each probe waits for an answer.", default: "2"),
        .integer(
            "concurrency", min: 1, max: 65_536, help: "Sockets open at once (within the open-file limit).",
            default: 16384),
        .value("source", valueName: "IP", help: "Send the probes from this local address (as the scanner would)."),
        .flag("all", help: "List every result, not only what blocks."),
    ]
    public static let examples = [
        CommandExample("trustmap probe plan.json", "Probe what a saved plan needs."),
        CommandExample(
            "trustmap probe snap.json --domain corp.example.test --json", "Plan from a snapshot, probe, as JSON."),
    ]

    /// The JSON document: the verdict and how the run went.
    struct Document: Encodable {
        let verdict: ProbeVerdict
        let run: Run

        struct Run: Encodable {
            let timeout: Double
            let concurrency: Int
            let probes: Int
            let seconds: Double
        }

        private enum Keys: String, CodingKey { case run }

        func encode(to encoder: any Encoder) throws {
            try verdict.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(run, forKey: .run)
        }
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        let timeout = try DiscoverCommand.seconds(arguments, "timeout", default: 2)
        var plan = try input(arguments)
        try await resolveAddresses(&plan, context: context)

        let requirements = ProbeVerdict.requirements(for: plan)
        var keys: [ProbeVerdict.ProbeKey] = []
        var seen: Set<ProbeVerdict.ProbeKey> = []
        for r in requirements where r.address != nil && seen.insert(r.key).inserted { keys.append(r.key) }
        let source = arguments.value("source")
        if let source, !ProbeRunner.isAddressLiteral(source) {
            throw CLIError.usage("--source takes an IPv4 or IPv6 address, not '\(source)'", command: name)
        }
        let runner = ProbeRunner(
            timeout: timeout, concurrency: arguments.integer("concurrency") ?? 16384, sourceAddress: source)
        context.progress(
            "trustmap: probing \(keys.count) endpoint(s) of \(plan.related.count) domain(s), "
                + "timeout \(String(format: "%g", timeout)) s, up to \(runner.effectiveConcurrency) at once")
        let clock = ContinuousClock()
        let began = clock.now
        let results = await runner.run(keys.map(target))
        let elapsed = clock.now - began
        let observations = zip(keys, results).map { key, r in
            ProbeVerdict.Observation(
                key: key, status: r.outcome,
                seconds: (r.seconds * 1e6).rounded() / 1e6, detail: r.detail, responder: r.responder)
        }
        let verdict = ProbeVerdict(plan: plan, observations: observations)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if context.json {
            try context.output.json(
                Document(
                    verdict: verdict,
                    run: .init(
                        timeout: timeout, concurrency: runner.effectiveConcurrency, probes: keys.count,
                        seconds: (seconds * 1000).rounded() / 1000)))
        } else {
            write(verdict, probes: keys.count, seconds: seconds, all: arguments.flag("all"), to: context.output)
        }
        if verdict.canEnable { return .success }
        if !observations.isEmpty && !observations.contains(where: { $0.status == .open }) { return .unavailable }
        return .negative
    }

    /// The plan: read as one, or made from a snapshot and --domain.
    static func input(_ arguments: ParsedArguments) throws(CLIError) -> FollowTrustPlan {
        let path = arguments.argument("INPUT") ?? "-"
        let data = try JSONFile.readData(from: path, what: "plan or snapshot")
        let name = path == "-" ? "standard input" : "'\(path)'"
        let top = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        guard let top else {
            if let syntax = JSONFile.syntaxError(in: data) { throw .badData("\(name) is not valid JSON: \(syntax)") }
            throw .badData("\(name) is not a JSON object (a plan or a snapshot)")
        }
        let decoder = JSONCoding.makeDecoder()
        if top["related"] != nil {
            let plan: FollowTrustPlan
            do { plan = try decoder.decode(FollowTrustPlan.self, from: data) } catch {
                throw .badData("plan \(name) is not valid: \(JSONCoding.describe(error))")
            }
            if arguments.isGiven("domain") {
                let d = try PathCommand.domainOption(arguments, "domain", command: Self.name)
                guard d == plan.domain else {
                    throw .usage("the plan is for \(plan.domain), not \(d)", command: Self.name)
                }
            }
            return plan
        }
        let snapshot: Snapshot
        do { snapshot = try decoder.decode(Snapshot.self, from: data) } catch {
            throw .badData("\(name) is neither a plan nor a valid snapshot: \(JSONCoding.describe(error))")
        }
        guard arguments.isGiven("domain") else {
            throw .usage("a snapshot needs --domain D (the record's domain)", command: Self.name)
        }
        let domain = try PathCommand.domainOption(arguments, "domain", command: Self.name)
        let graph = TrustGraph(snapshot: snapshot)
        guard graph.nodes[domain] != nil else { throw .badData("\(domain) is not in the snapshot \(name)") }
        return FollowTrustPlan.make(for: domain, in: graph)
    }

    /// Looks up the addresses of DCs the plan knows by name only (system resolver), and replaces the DNS server
    /// `system` (the machine's resolver, as discovery records it) by the name servers of /etc/resolv.conf.
    static func resolveAddresses(_ plan: inout FollowTrustPlan, context: CommandContext) async throws {
        let resolver = DNSResolver()
        let system = systemNameServers()
        for i in plan.related.indices where plan.related[i].dnsServers.contains("system") {
            if system.isEmpty { context.warning("the plan names the system resolver, but /etc/resolv.conf lists none") }
            var servers = plan.related[i].dnsServers.filter { $0 != "system" }
            for s in system where !servers.contains(s) { servers.append(s) }
            plan.related[i].dnsServers = servers
        }
        for i in plan.related.indices {
            for j in plan.related[i].domainControllers.indices
            where plan.related[i].domainControllers[j].addresses.isEmpty {
                let host = plan.related[i].domainControllers[j].hostName.value
                do {
                    plan.related[i].domainControllers[j].addresses = try await resolver.addresses(host)
                } catch {
                    context.warning("\(host) has no address in the plan and none in DNS: \(error)")
                }
            }
        }
    }

    /// The `nameserver` addresses of /etc/resolv.conf, in order.
    static func systemNameServers(_ path: String = "/etc/resolv.conf") -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return words.count >= 2 && words[0] == "nameserver" ? String(words[1]) : nil
        }
    }

    /// The probe for a requirement's key.
    static func target(_ key: ProbeVerdict.ProbeKey) -> ProbeTarget {
        let transport = ProbeTransport(rawValue: key.transport) ?? .tcp
        let check: ProbeCheck =
            switch key.check {
            case "dns-soa": .dnsSOA(zone: key.subject ?? "")
            case "kerberos": .kerberos(realm: key.subject ?? "")
            case "ldap-ping": .ldapPing(domain: key.subject)
            case "kpasswd": .kpasswd(realm: key.subject ?? "")
            case "netbios-name": .netbiosName
            case "udp-silent": .silentUDP
            default: .connect
            }
        return ProbeTarget(address: key.address, port: UInt16(clamping: key.port), transport: transport, check: check)
    }

    static func write(_ v: ProbeVerdict, probes: Int, seconds: Double, all: Bool, to out: Output) {
        out.line(
            "Follow trusts for \(v.domain) from this machine: "
                + (v.canEnable ? "can be enabled" : "BLOCKED (\(v.blocking.count) blocking)"))
        out.line("\(probes) probe(s) in " + String(format: "%.2f s", seconds))
        out.line()
        var domains = TextTable(headers: ["DOMAIN", "DCS", "PROBES", "OPEN", "VERDICT"])
        for d in v.domains {
            domains.append([
                d.domain.value, String(d.domainControllers), String(d.probes), String(d.open),
                d.canEnable ? "ok" : "BLOCKED (\(d.blocking.count))",
            ])
        }
        out.table(domains)
        let rows = all ? v.results : v.blocking
        if !rows.isEmpty {
            out.line()
            out.line(all ? "Results:" : "Blocking:")
            var table = TextTable(headers: ["DOMAIN", "DC", "ADDRESS", "PORT", "CHECK", "RESULT", "TIME", "DETAIL"])
            for r in rows {
                table.append([
                    r.domain.value, r.domainController?.value ?? "(DNS server)", r.address ?? "-",
                    r.address == nil ? "-" : "\(r.port)/\(r.transport)", r.check, r.status.rawValue,
                    String(format: "%.3f s", r.seconds), r.detail,
                ])
            }
            out.table(table)
        }
        let warnings = v.domains.flatMap(\.warnings)
        if !warnings.isEmpty || !v.notes.isEmpty { out.line() }
        for w in warnings { out.line("warning: \(w)") }
        for n in v.notes { out.line("note: \(n)") }
    }
}
