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
        ArgumentSpec(
            "HOST", help: "Host names, NetBIOS names or IPs; none: read stdin.", optional: true, repeating: true),
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
            RecordMatcher(records: $0.records, graph: TrustGraph(snapshot: snapshot))
        }
        var batch = MemberBatch(membership: membership, matcher: matcher, json: context.json, output: context.output)
        if hosts.isEmpty {
            try batch.run(reading: FileHandle.standardInput)
        } else if context.json {
            for h in hosts { batch.answer(h) }
            batch.flush()
        } else {
            var table = TextTable(
                headers: ["HOST", "DOMAIN", "EVIDENCE"] + (matcher == nil ? [] : ["RECORD", "RULE"]))
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

/// Answers hosts one at a time into a byte buffer written in large blocks: JSON lines written by hand (the
/// encoder is too slow for hundreds of thousands of lines a second), or tab-separated human lines.
///
/// A JSON line has the keys of `Membership.Result` (`domains`, `evidence` with `rule`, `domain` and, where they
/// apply, `account`, `site`, `subnet`; `kind`, `query`) and, with records, `record` (`administrator`, `fallback`,
/// `kind`, `reason`, `rule`, `title`), sorted as the JSON encoder sorts them.
struct MemberBatch {
    let membership: Membership
    let matcher: RecordMatcher?
    let json: Bool
    let output: Output
    /// Hosts placed in no domain.
    var unplaced = 0
    private var buffer: [UInt8] = []
    /// Output is written in blocks of this size (small enough for the allocator to reuse, no mmap per block).
    private static let blockSize = 1 << 16
    /// Input is read in chunks of this size.
    private static let readSize = 1 << 20

    init(membership: Membership, matcher: RecordMatcher?, json: Bool, output: Output) {
        self.membership = membership
        self.matcher = matcher
        self.json = json
        self.output = output
        buffer.reserveCapacity(Self.blockSize + 4096)
    }

    /// Reads hosts, one per line, until end of input.
    mutating func run(reading input: FileHandle) throws(CLIError) {
        var pending: [UInt8] = []
        while true {
            let chunk: Data
            do { chunk = try input.read(upToCount: Self.readSize) ?? Data() } catch {
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
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Writes what is buffered.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        output.write(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func put(_ s: StaticString) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private mutating func put(_ s: String) {
        var text = s
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    private mutating func appendText(_ r: Membership.Result, _ m: RecordMatcher.Match?) {
        put(r.query)
        put("\t")
        put(r.domains.isEmpty ? "-" : r.domains.map(\.value).joined(separator: ","))
        put("\t")
        put(r.evidence.first.map { "\($0.rule.rawValue): \($0.detail)" } ?? Rule.notFound.rawValue)
        if let m {
            put("\t")
            put(m.record ?? "-")
            put("\t")
            put(m.rule.rawValue)
        }
        put("\n")
    }

    private mutating func appendJSON(_ r: Membership.Result, _ m: RecordMatcher.Match?) {
        put("{\"domains\":[")
        for (i, d) in r.domains.enumerated() {
            if i > 0 { put(",") }
            string(d.value)
        }
        put("],\"evidence\":[")
        for (i, e) in r.evidence.enumerated() {
            put(i > 0 ? ",{" : "{")
            if let a = e.account {
                put("\"account\":")
                string(a)
                put(",")
            }
            put("\"domain\":")
            string(e.domain.value)
            put(",\"rule\":\"")
            put(e.rule.rawValue)
            put("\"")
            if let s = e.site {
                put(",\"site\":")
                string(s)
            }
            if let s = e.subnet {
                put(",\"subnet\":")
                string(s)
            }
            put("}")
        }
        put("],\"kind\":\"")
        put(r.kind.rawValue)
        put("\",\"query\":")
        string(r.query)
        if let m {
            put(m.administrator ? ",\"record\":{\"administrator\":true" : ",\"record\":{\"administrator\":false")
            if let f = m.fallback {
                put(",\"fallback\":")
                string(f)
            }
            if let k = m.kind {
                put(",\"kind\":\"")
                put(k.rawValue)
                put("\"")
            }
            put(",\"reason\":")
            string(m.reason)
            put(",\"rule\":\"")
            put(m.rule.rawValue)
            put("\"")
            if let t = m.record {
                put(",\"title\":")
                string(t)
            }
            put("}")
        }
        put("}\n")
    }

    /// Appends a JSON string literal: one pass over the bytes, copying runs that need no escape.
    private mutating func string(_ s: String) {
        buffer.append(0x22)
        var text = s
        text.withUTF8 { bytes in
            var run = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                switch b {
                case 0x22: put("\\\"")
                case 0x5C: put("\\\\")
                case 0x0A: put("\\n")
                case 0x0D: put("\\r")
                case 0x09: put("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    put("\\u00")
                    buffer.append(hex.utf8Start[Int(b >> 4)])
                    buffer.append(hex.utf8Start[Int(b & 0xF)])
                }
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        buffer.append(0x22)
    }
}
