import TrustMapAnalysis
import TrustMapModel

/// `trustmap names SNAPSHOT`: every NetBIOS domain name, its DNS name and where the mapping came from.
public struct NamesCommand: Command {
    public static let name = "names"
    public static let summary = "Lists NetBIOS domain names, their DNS names and sources; flags collisions."
    public static let discussion = """
        A mapping comes from the domain's crossRef (nETBIOSName), its LDAP ping reply (NetbiosDomainName) or a \
        trust object (flatName next to a DNS trustPartner). A NetBIOS name claimed by two DNS domains is a \
        collision: a NetBIOS record naming it cannot be upgraded to Kerberos. A name seen only as a downlevel \
        trust partner is unmapped. The first DNS label is never taken as the NetBIOS name.

        Exit status: 0, or 1 when there is a collision or an unmapped name.
        """
    public static let arguments = [ArgumentSpec("SNAPSHOT", help: "The snapshot file, or - for stdin.")]
    public static let examples = [
        CommandExample("trustmap names snap.json", "Prints the name table, collisions and unmapped names."),
        CommandExample("trustmap names snap.json --json", "The same as JSON."),
    ]

    /// The JSON form.
    struct Report: Encodable {
        var mappings: [NameMapping.Entry]
        var collisions: [NameMapping.Collision]
        var unmapped: [NameMapping.Unmapped]
        var domainsWithoutNetBIOS: [DNSName]
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        let snapshot = try SnapshotFile.read(arguments.argument("SNAPSHOT") ?? "-")
        let names = NameMapping(snapshot: snapshot)
        let flagged = !names.collisions.isEmpty || !names.unmapped.isEmpty
        if context.json {
            try context.output.json(
                Report(
                    mappings: names.entries, collisions: names.collisions, unmapped: names.unmapped,
                    domainsWithoutNetBIOS: names.domainsWithoutNetBIOS))
            return flagged ? .negative : .success
        }
        let colliding = Set(names.collisions.map(\.netbiosName))
        var table = TextTable(headers: ["NETBIOS", "DNS NAME", "SOURCES", "NOTE"])
        for e in names.entries {
            table.append([
                e.netbiosName.value, e.dnsName.value, e.sources.map(\.rawValue).joined(separator: ","),
                colliding.contains(e.netbiosName) ? "COLLISION (\(Rule.nameCollision.rawValue))" : "",
            ])
        }
        for u in names.unmapped {
            table.append([u.netbiosName.value, "-", "trustObject", "UNMAPPED (\(Rule.unmappedName.rawValue))"])
        }
        for d in names.domainsWithoutNetBIOS {
            table.append(["-", d.value, "-", "no NetBIOS name (\(Rule.noNetBIOSName.rawValue))"])
        }
        context.output.table(table)
        for c in names.collisions {
            context.output.line()
            context.output.line(
                "Collision: \(c.netbiosName) is claimed by " + c.claims.map(\.dnsName.value).joined(separator: " and ")
                    + "; NetBIOS records naming it use NTLM.")
            for e in c.claims { context.output.line("  \(e.dnsName): " + e.evidence.joined(separator: "; ")) }
        }
        for u in names.unmapped {
            context.output.line()
            context.output.line("Unmapped: \(u.netbiosName), seen in " + u.seenIn.joined(separator: "; ") + ".")
        }
        return flagged ? .negative : .success
    }
}
