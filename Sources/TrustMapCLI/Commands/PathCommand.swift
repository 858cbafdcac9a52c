import TrustMapAnalysis
import TrustMapModel

/// `trustmap path SNAPSHOT --from USERDOMAIN --to TARGETDOMAIN`: the Kerberos referral path, or why there is none.
public struct PathCommand: Command {
    public static let name = "path"
    public static let summary = "Shows the Kerberos referral path from a user's domain to a target domain."
    public static let discussion = """
        A user of USERDOMAIN reaches a service in TARGETDOMAIN through a chain of realms, each trusting the one \
        before. Parent-child, tree-root and shortcut trusts are transitive within a forest; an external trust \
        admits only its partner's own users, in one hop; a forest trust joins the two forests through their \
        roots and is never extended to a third forest. The shortest path is shown, preferring shortcuts, with \
        the trusts used and warnings (selective authentication, SID filtering, one-sided trusts); without a \
        path, the rule that forbids one.

        Exit status: 0 when there is a path, 1 when there is none.
        """
    public static let arguments = [ArgumentSpec("SNAPSHOT", help: "The snapshot file, or - for stdin.")]
    public static let options: [OptionSpec] = [
        .value("from", valueName: "USERDOMAIN", help: "DNS name of the user's domain."),
        .value("to", valueName: "TARGETDOMAIN", help: "DNS name of the target domain."),
    ]
    public static let examples = [
        CommandExample(
            "trustmap path snap.json --from partner.example.test --to corp.example.test",
            "How PARTNER users get tickets for CORP services.")
    ]

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        let from = try domainOption(arguments, "from", command: name)
        let to = try domainOption(arguments, "to", command: name)
        let snapshot = try SnapshotFile.read(arguments.argument("SNAPSHOT") ?? "-")
        let graph = TrustGraph(snapshot: snapshot)
        let path = ReferralPath.find(in: graph, from: from, to: to)
        if context.json {
            try context.output.json(path)
            return path.found ? .success : .negative
        }
        let out = context.output
        if path.found {
            out.line(
                "\(from) -> \(to): " + path.realms.map { $0.value.uppercased() }.joined(separator: " -> ")
                    + " (\(path.rule.rawValue))")
            out.line("  \(path.reason)")
            var table = TextTable(headers: [
                "HOP", "TRUSTING", "TRUSTED", "KIND", "TRANSITIVE", "SID FILTERING", "KEYS",
            ])
            for (i, h) in path.hops.enumerated() {
                table.append([
                    String(i + 1), h.trusting.value, h.trusted.value, h.kind.rawValue, h.isTransitive ? "yes" : "no",
                    h.sidFiltering.rawValue, h.keys.rawValue,
                ])
            }
            if !path.hops.isEmpty {
                out.line()
                out.table(table)
            }
        } else {
            out.line("\(from) -> \(to): no referral path (\(path.rule.rawValue))")
            out.line("  \(path.reason)")
        }
        for w in path.warnings { out.line("warning: \(w.message) (\(w.rule.rawValue))") }
        return path.found ? .success : .negative
    }

    /// A required DNS-name option, as a usage error when missing or malformed.
    static func domainOption(_ arguments: ParsedArguments, _ option: String, command: String) throws(CLIError)
        -> DNSName
    {
        let raw = try arguments.require(option)
        do { return try DNSName(parsing: raw) } catch {
            throw .usage("invalid value '\(raw)' for '--\(option)': \(error.reason)", command: command)
        }
    }
}
