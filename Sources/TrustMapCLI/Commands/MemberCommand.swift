import Foundation
import TrustMapAnalysis
import TrustMapModel

/// `trustmap member SNAPSHOT [HOST...]`: the domain each host belongs to, with the evidence, and with `--records`
/// the record a scanner would use for it. Hosts come from the arguments, or one per line on stdin.
public struct MemberCommand: Command {
    public static let name = "member"
    public static let summary = "Says which domain each host belongs to, and which record a scanner would use."
    public static let discussion = """
        A host is a DNS host name, a NetBIOS computer name or an IP address (IPv4 or IPv6). The evidence, \
        strongest first: a computer or DC account (snapshots taken with --computers), a DC's address, the DNS \
        suffix, the subnet and its site. With --records, the record is the first match in the documented order: \
        administrator records first; NetBIOS service-selected, then user-selected and Local (by IP), then \
        Active Directory (with follow trusts, also domains that trust the record's domain).

        Without HOST arguments, hosts are read from stdin, one per line (empty lines and lines starting with # \
        are skipped), and answers are written as they come: with --json, one JSON object per line.

        Exit status: 0 when every host was placed in a domain, 1 otherwise.
        """
    public static let arguments = [
        ArgumentSpec("SNAPSHOT", help: "The snapshot file."),
        ArgumentSpec("HOST", help: "Host names, NetBIOS names or IPs; none: read stdin.", optional: true, repeating: true),
    ]
    public static let options: [OptionSpec] = [
        .value("records", valueName: "FILE", help: "A records file: also say which record applies to each host.")
    ]
    public static let examples = [
        CommandExample("trustmap member snap.json ws1.corp.example.test 10.1.2.3 WS2", "Three hosts, as a table."),
        CommandExample("trustmap member snap.json --records records.json --json < hosts.txt", "A batch, JSON lines."),
    ]

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        let path = arguments.argument("SNAPSHOT") ?? "-"
        let hosts = arguments.arguments("HOST")
        if path == "-" && hosts.isEmpty {
            throw CLIError.usage("the snapshot cannot be stdin when the hosts are read from stdin", command: name)
        }
        let records = try arguments.value("records").map { path throws(CLIError) in try RecordsInput.read(path) }
        let snapshot = try SnapshotFile.read(path)
        let membership = Membership(snapshot: snapshot)
        let matcher = records.map {
            RecordMatcher(records: $0.records, graph: TrustMapAnalysis.TrustGraph(snapshot: snapshot))
        }
        var batch = MemberBatch(membership: membership, matcher: matcher, json: context.json, output: context.output)
        if hosts.isEmpty {
            try batch.run(reading: FileHandle.standardInput)
        } else if context.json {
            for h in hosts { batch.answer(h) }
            batch.flush()
        } else {
            var table = TextTable(headers: ["HOST", "DOMAIN", "EVIDENCE"] + (matcher == nil ? [] : ["RECORD", "RULE"]))
            for h in hosts {
                let r = membership.lookup(h)
                if r.domains.isEmpty { batch.unplaced += 1 }
                var row = [
                    h, r.domains.isEmpty ? "-" : r.domains.map(\.value).joined(separator: ","),
                    r.evidence.first.map { "\($0.rule.rawValue): \($0.detail)" } ?? Rule.notFound.rawValue,
                ]
                if let m = matcher?.match(r) { row += [m.record ?? "-", m.rule.rawValue] }
                table.append(row)
            }
            context.output.table(table)
        }
        return batch.unplaced == 0 ? .success : .negative
    }
}

/// Answers hosts one at a time with buffered output: JSON lines written by hand (the encoder is too slow for
/// hundreds of thousands of lines a second), or tab-separated human lines.
struct MemberBatch {
    let membership: Membership
    let matcher: RecordMatcher?
    let json: Bool
    let output: Output
    /// Hosts placed in no domain.
    var unplaced = 0
    private var buffer = ""

    init(membership: Membership, matcher: RecordMatcher?, json: Bool, output: Output) {
        self.membership = membership
        self.matcher = matcher
        self.json = json
        self.output = output
        buffer.reserveCapacity(1 << 20)
    }

    /// Reads hosts, one per line, until end of input.
    mutating func run(reading input: FileHandle) throws(CLIError) {
        var pending: [UInt8] = []
        while true {
            let chunk: Data
            do { chunk = try input.read(upToCount: 1 << 20) ?? Data() } catch {
                throw CLIError(.ioError, "cannot read hosts from standard input: \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = 0
            pending.withUnsafeBufferPointer { bytes in
                var i = 0
                while i < bytes.count {
                    if bytes[i] == 0x0A {
                        line(bytes, start, i)
                        start = i + 1
                    }
                    i += 1
                }
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { pending.withUnsafeBufferPointer { line($0, 0, $0.count) } }
        flush()
    }

    private mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        var a = from
        var b = to
        while a < b && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
        while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 || bytes[b - 1] == 0x0D) { b -= 1 }
        guard a < b, bytes[a] != UInt8(ascii: "#") else { return }
        answer(String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self))
    }

    /// Answers one host.
    mutating func answer(_ host: String) {
        let r = membership.lookup(host)
        if r.domains.isEmpty { unplaced += 1 }
        let m = matcher?.match(r)
        if json { appendJSON(r, m) } else { appendText(r, m) }
        if buffer.utf8.count >= 1 << 20 { flush() }
    }

    /// Writes what is buffered.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendText(_ r: Membership.Result, _ m: RecordMatcher.Match?) {
        buffer += r.query
        buffer += "\t"
        buffer += r.domains.isEmpty ? "-" : r.domains.map(\.value).joined(separator: ",")
        buffer += "\t"
        buffer += r.evidence.first.map { "\($0.rule.rawValue): \($0.detail)" } ?? Rule.notFound.rawValue
        if let m {
            buffer += "\t"
            buffer += m.record ?? "-"
            buffer += "\t"
            buffer += m.rule.rawValue
        }
        buffer += "\n"
    }

    private mutating func appendJSON(_ r: Membership.Result, _ m: RecordMatcher.Match?) {
        buffer += "{\"domains\":["
        for (i, d) in r.domains.enumerated() {
            if i > 0 { buffer += "," }
            string(d.value)
        }
        buffer += "],\"evidence\":["
        for (i, e) in r.evidence.enumerated() {
            if i > 0 { buffer += "," }
            buffer += "{"
            if let a = e.account {
                buffer += "\"account\":"
                string(a)
                buffer += ","
            }
            buffer += "\"detail\":"
            string(e.detail)
            buffer += ",\"domain\":"
            string(e.domain.value)
            buffer += ",\"rule\":\""
            buffer += e.rule.rawValue
            buffer += "\""
            if let s = e.site {
                buffer += ",\"site\":"
                string(s)
            }
            if let s = e.subnet {
                buffer += ",\"subnet\":"
                string(s)
            }
            buffer += "}"
        }
        buffer += "],\"kind\":\""
        buffer += r.kind.rawValue
        buffer += "\",\"query\":"
        string(r.query)
        if let m {
            buffer += ",\"record\":{\"administrator\":"
            buffer += m.administrator ? "true" : "false"
            if let f = m.fallback {
                buffer += ",\"fallback\":"
                string(f)
            }
            if let k = m.kind {
                buffer += ",\"kind\":\""
                buffer += k.rawValue
                buffer += "\""
            }
            buffer += ",\"reason\":"
            string(m.reason)
            buffer += ",\"rule\":\""
            buffer += m.rule.rawValue
            buffer += "\""
            if let t = m.record {
                buffer += ",\"title\":"
                string(t)
            }
            buffer += "}"
        }
        buffer += "}\n"
    }

    /// Appends a JSON string literal.
    private mutating func string(_ s: String) {
        buffer += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            buffer += s
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": buffer += "\\\""
                case "\\": buffer += "\\\\"
                case "\n": buffer += "\\n"
                case "\r": buffer += "\\r"
                case "\t": buffer += "\\t"
                default:
                    if u.value < 0x20 {
                        let hex = String(u.value, radix: 16)
                        buffer += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        buffer.unicodeScalars.append(u)
                    }
                }
            }
        }
        buffer += "\""
    }
}
