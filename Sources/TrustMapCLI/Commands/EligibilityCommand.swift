import Foundation
import TrustMapAnalysis
import TrustMapModel

/// `trustmap eligibility SNAPSHOT --records FILE`: for each record, the protocols it will try and whether Kerberos
/// can be used, with the rule and the mapping or trust path used.
public struct EligibilityCommand: Command {
    public static let name = "eligibility"
    public static let summary = "Says, for each authentication record, which protocols it tries and why."
    public static let discussion = """
        Protocols are tried most secure first (Kerberos AES, Kerberos RC4, NTLMv2, NTLMv1), among those the \
        record enables and the domains and trusts support. Local records use NTLM only. A NetBIOS record is \
        upgraded to Kerberos when its domain maps to exactly one DNS name, and never with DOMAIN\\USER from \
        another domain. Active Directory records try Kerberos first; with USER@userdomain, across the referral \
        path the snapshot shows. Each answer cites its rule (docs/records.md).

        Exit status: 0; 65 when the records file has errors (each names the record and the field).
        """
    public static let arguments = [ArgumentSpec("SNAPSHOT", help: "The snapshot file, or - for stdin.")]
    public static let options: [OptionSpec] = [
        .value("records", valueName: "FILE", help: "The records file (docs/records.md)."),
        .value("record", valueName: "TITLE", help: "Only the record with this title."),
    ]
    public static let examples = [
        CommandExample("trustmap eligibility snap.json --records records.json", "One line per record, then reasons."),
        CommandExample(
            "trustmap eligibility snap.json --records records.json --record 'CORP hosts' --json",
            "One record, as JSON."),
    ]

    /// The JSON form.
    struct Report: Encodable {
        var records: [Eligibility]
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        let file = try RecordsInput.read(try arguments.require("records"))
        var records = file.records
        if let title = arguments.value("record") { records = [try RecordsInput.record(title, in: file, command: name)] }
        let snapshot = try SnapshotFile.read(arguments.argument("SNAPSHOT") ?? "-")
        let graph = TrustGraph(snapshot: snapshot)
        let results = records.map { Eligibility.evaluate($0, in: graph) }
        if context.json {
            try context.output.json(Report(records: results))
            return .success
        }
        var table = TextTable(headers: ["RECORD", "KIND", "KERBEROS", "PROTOCOLS IN ORDER", "RULE"])
        for e in results {
            table.append([
                e.record, e.kind.rawValue, e.kerberos ? "yes" : "no",
                e.protocols.map(\.rawValue).joined(separator: ", "),
                e.rule.rawValue,
            ])
        }
        context.output.table(table)
        for e in results {
            context.output.line()
            context.output.line("\(e.record): \(e.reason)")
            if let m = e.mapping {
                context.output.line(
                    "  mapping: \(m.netbiosName) -> \(m.dnsName) (" + m.sources.map(\.rawValue).joined(separator: ", ")
                        + ")")
            }
            if let p = e.path, !p.hops.isEmpty {
                context.output.line(
                    "  path: " + p.realms.map(\.value).joined(separator: " -> ") + " (\(p.rule.rawValue))")
            }
            for f in e.findings { context.output.line("  \(f.rule.rawValue): \(f.message)") }
        }
        return .success
    }
}

/// Reading a records file for the analysis commands.
enum RecordsInput {
    /// Reads and validates a records file: 66 when unreadable, 65 listing every issue when invalid.
    static func read(_ path: String) throws(CLIError) -> RecordsFile {
        let data = try JSONFile.readData(from: path, what: "records file")
        do { return try RecordsFile.load(data) } catch {
            let name = path == "-" ? "standard input" : "'\(path)'"
            throw .badData(
                "records file \(name) is not valid:\n"
                    + error.issues.map { "  \($0.description)" }.joined(separator: "\n"))
        }
    }

    /// The record titled `title`: a usage error listing the titles when there is none.
    static func record(_ title: String, in file: RecordsFile, command: String) throws(CLIError) -> AuthenticationRecord
    {
        guard let r = file.record(titled: title) else {
            throw .usage(
                "no record titled '\(title)'; the records are: "
                    + file.records.map { "'\($0.title)'" }.joined(separator: ", "), command: command)
        }
        return r
    }
}
