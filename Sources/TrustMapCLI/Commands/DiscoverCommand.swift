import Foundation
import TrustMapAnalysis
import TrustMapClients
import TrustMapDiscovery
import TrustMapModel

/// `trustmap discover DOMAIN`: the forest and trust graph of a live directory.
public struct DiscoverCommand: Command {
    public static let name = "discover"
    public static let summary = "Discovers forests, domains, DCs and trusts from a starting domain, following trusts."
    public static let discussion = """
        DCs are located as the Windows locator does it: DNS SRV records, then the LDAP ping (CLDAP), then the \
        client's site and its site-specific SRV records; on any error the next DC is tried. Each domain reached \
        is read over LDAP (crossRefs, sites and subnets, DC accounts, trustedDomain objects) and its trusts are \
        followed under --follow-trusts and --max-depth, several domains at once (--concurrency).

        Credentials: --user with a password from a prompt, --password-file or --password-env gives a Kerberos \
        TGT (kept in memory only) used for SASL GSSAPI with integrity; with --ldaps or --starttls the password \
        is used for a simple bind instead, over TLS verified with --ca-file. --keytab FILE with --user uses a \
        keytab. With no --user the current Kerberos credential cache (KRB5CCNAME) is used when it holds a \
        TGT; otherwise discovery is anonymous and says what it could not see.

        Exit status: 0 complete, 3 partial (some domain or DC could not be read; the snapshot says which and \
        why), 69 the starting domain could not be reached, 77 credentials refused.
        """
    public static let arguments = [ArgumentSpec("DOMAIN", help: "DNS name of the domain to start from.")]
    public static let options: [OptionSpec] =
        [
            .value(
                "output", short: "o", valueName: "FILE", help: "Write the snapshot to FILE (atomically); - for stdout."),
            .value(
                "dns-server", valueName: "IP[:PORT]", help: "DNS server to ask (repeatable); default: the system's.",
                repeatable: true),
            .keyValue(
                "dns-server-for", valueName: "DOMAIN=IP[:PORT]",
                help: "DNS server for DOMAIN and its subdomains, asked first (repeatable); the realm's KDCs are "
                    + "looked up there too and handed to Kerberos for the run."),
            .value("user", valueName: "USER@REALM", help: "Principal to authenticate as."),
        ] + PasswordSource.options + [
            .value("keytab", valueName: "FILE", help: "Get the TGT for --user from this keytab."),
            .flag("ldaps", help: "LDAP over TLS (port 636) with a simple bind; needs --ca-file to verify the DC."),
            .flag("starttls", help: "StartTLS on port 389 with a simple bind; needs --ca-file to verify the DC."),
            .value("ca-file", valueName: "FILE", help: "CA certificates (PEM) that sign the DCs' certificates."),
            .choice(
                "follow-trusts", valueName: "none|forest|all", ["none", "forest", "all"],
                help: "none: the starting domain only; forest: its forest and forests reached by forest trusts; "
                    + "all: external trusts too.", default: "all"),
            .integer("max-depth", min: 0, max: 64, help: "Follow at most N trust hops.", default: 8),
            .value("timeout", valueName: "SECONDS", help: "Timeout of each network operation.", default: "5"),
            .value("deadline", valueName: "SECONDS", help: "Deadline of the whole run.", default: "120"),
            .integer("concurrency", min: 1, max: 64, help: "Domains discovered at once.", default: 4),
            .flag("computers", help: "Also read every computer account (paged), for membership answers."),
            .flag(
                "stats",
                help: "Print what each domain cost to standard error: LDAP operations, LDAP pings, DNS lookups, "
                    + "the DC read, the wall time."),
        ]
    public static let examples = [
        CommandExample(
            "trustmap discover corp.example.test --user alice@CORP.EXAMPLE.TEST --password-file pw -o snap.json",
            "Discover with a password read from a file; write the snapshot."),
        CommandExample(
            "trustmap discover corp.example.test --dns-server-for partner.example.test=10.1.2.3",
            "Use the current ticket cache; resolve the partner forest through its own DNS server."),
        CommandExample(
            "trustmap discover corp.example.test --user alice@CORP.EXAMPLE.TEST --ldaps --ca-file ca.pem",
            "Simple bind over LDAPS, password from a prompt."),
        CommandExample("trustmap discover corp.example.test --follow-trusts none --json", "Just this domain, as JSON."),
    ]

    static func seconds(_ arguments: ParsedArguments, _ name: String, default d: Double) throws(CLIError) -> Double {
        guard let raw = arguments.value(name) else { return d }
        guard let v = Double(raw), v > 0, v.isFinite else {
            throw .usage("--\(name) takes a positive number of seconds, not '\(raw)'", command: Self.name)
        }
        return v
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        guard let raw = arguments.argument("DOMAIN") else { throw CLIError.usage("DOMAIN is missing", command: name) }
        let start: DNSName
        do { start = try DNSName(parsing: raw) } catch {
            throw CLIError.usage("DOMAIN: \(error.reason)", command: name)
        }
        var options = DiscoveryOptions(startDomain: start)
        options.dnsServers = try arguments.convertedValues("dns-server") { try DNSServer(parsing: $0) }
        for kv in arguments.keyValues("dns-server-for") {
            do {
                options.dnsServersFor[try DNSName(parsing: kv.key)] = try DNSServer(parsing: kv.value)
            } catch {
                throw CLIError.usage("--dns-server-for \(kv.key)=\(kv.value): \(error)", command: name)
            }
        }
        if arguments.flag("ldaps") && arguments.flag("starttls") {
            throw CLIError.usage("--ldaps and --starttls exclude each other", command: name)
        }
        options.transport = arguments.flag("ldaps") ? .ldaps : arguments.flag("starttls") ? .startTLS : .plain
        options.caFile = arguments.value("ca-file")
        if let ca = options.caFile, !FileManager.default.isReadableFile(atPath: ca) {
            throw CLIError.noInput("--ca-file \(ca): cannot read the file")
        }
        options.followTrusts = FollowTrusts(rawValue: arguments.value("follow-trusts") ?? "all") ?? .all
        options.maxDepth = arguments.integer("max-depth") ?? 8
        options.timeout = try seconds(arguments, "timeout", default: 5)
        options.deadline = try seconds(arguments, "deadline", default: 120)
        options.concurrency = arguments.integer("concurrency") ?? 4
        options.computers = arguments.flag("computers")
        let hints = await KerberosRealmHints.install(
            for: options.dnsServersFor, timeout: options.timeout, environment: context.environment,
            progress: context.progress)
        defer { hints.remove() }
        options.credentials = try await CredentialOptions.credentials(
            arguments, context: context, transport: options.transport, command: name)

        let quiet = context.quiet
        let output = context.output
        let clock = ContinuousClock()
        let began = clock.now
        let outcome = await Discovery(options: options).run { event in
            guard !quiet else { return }
            switch event {
            case .domainStarted: break
            case .domainFinished(let d, _, let summary): output.errorLine("trustmap: \(d.value): \(summary)")
            case .diagnostic: break
            }
        }
        if arguments.flag("stats") {
            for line in statisticsLines(outcome, elapsed: clock.now - began) { output.errorLine(line) }
        }

        if outcome.credentialsRefused {
            let why = outcome.snapshot.diagnostics.first { $0.category == .credentials && $0.domain == start }
            throw CLIError.credentials(
                "\(start.value) refused the credentials: \(why?.message ?? "bind refused"); nothing was written")
        }
        if let path = arguments.value("output") {
            try SnapshotFile.write(outcome.snapshot, to: path, standardOutput: context.output.standardOutput)
            if path != "-" && !quiet { context.output.errorLine("trustmap: snapshot written to \(path)") }
        }
        if arguments.value("output") != "-" {
            if context.json {
                try context.output.json(outcome.snapshot)
            } else {
                SnapshotReport(snapshot: outcome.snapshot).write(to: context.output)
            }
        }
        switch outcome.status {
        case .complete: return .success
        case .partial: return .partial
        case .failed:
            let why = outcome.snapshot.domain(start)?.statusReason ?? "no domain controller answered"
            context.output.errorLine("trustmap: \(start.value) could not be reached: \(why)")
            return .unavailable
        }
    }

    /// `--stats`: one line per domain started, sorted, then the totals.
    static func statisticsLines(_ outcome: DiscoveryOutcome, elapsed: Duration) -> [String] {
        let stats = outcome.statistics.sorted { $0.key < $1.key }
        var lines = stats.map { name, s in
            "trustmap: stats: \(name.value): \(s.ldapOperations) LDAP operation(s), \(s.ldapPings) LDAP ping(s), "
                + "\(s.dnsLookups) DNS lookup(s), read from \(s.readFrom ?? "no DC")"
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let total = stats.reduce(into: DomainStatistics()) { sum, entry in
            sum.ldapOperations += entry.value.ldapOperations
            sum.ldapPings += entry.value.ldapPings
            sum.dnsLookups += entry.value.dnsLookups
        }
        lines.append(
            "trustmap: stats: total: \(stats.count) domain(s), \(total.ldapOperations) LDAP operation(s), "
                + "\(total.ldapPings) LDAP ping(s), \(total.dnsLookups) DNS lookup(s), "
                + String(format: "%.3f s", seconds))
        return lines
    }
}
