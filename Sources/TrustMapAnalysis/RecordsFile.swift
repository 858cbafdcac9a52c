public import Foundation
import TrustMapModel

/// A records file (docs/records.md, docs/records.schema.json): the Windows authentication records a scanner uses.
public struct RecordsFile: Hashable, Sendable, Codable {
    /// The schema version this build reads and writes.
    public static let currentSchemaVersion = 1

    /// The file's schema version.
    public var schemaVersion: Int
    /// The records, in file order.
    public var records: [AuthenticationRecord]

    /// Creates a file.
    public init(records: [AuthenticationRecord]) {
        schemaVersion = Self.currentSchemaVersion
        self.records = records
    }

    /// Decodes and validates a records file; throws every issue found.
    public static func load(_ data: Data) throws(RecordsFileError) -> RecordsFile {
        let file: RecordsFile
        do {
            file = try JSONDecoder().decode(RecordsFile.self, from: data)
        } catch let e as DecodingError {
            throw RecordsFileError(issues: [issue(for: e, in: data)])
        } catch {
            throw RecordsFileError(
                issues: [RecordIssue(record: "-", field: "-", code: .malformed, message: "\(error)")])
        }
        let issues = file.validate()
        guard issues.isEmpty else { throw RecordsFileError(issues: issues) }
        return file
    }

    /// The record with this title.
    public func record(titled title: String) -> AuthenticationRecord? { records.first { $0.title == title } }

    /// Every issue in the records, in file order (see `RecordIssue.Code`).
    public func validate() -> [RecordIssue] {
        var issues: [RecordIssue] = []
        if schemaVersion != Self.currentSchemaVersion {
            issues.append(
                RecordIssue(
                    record: "-", field: "schemaVersion", code: .unsupportedSchema,
                    message: "schemaVersion \(schemaVersion) is not supported (this build reads 1)"))
        }
        var titles: Set<String> = []
        var claimed: [(range: IPRange, record: String, field: String)] = []
        for (i, r) in records.enumerated() {
            let name = r.title.isEmpty ? "records[\(i)]" : r.title
            func add(_ field: String, _ code: RecordIssue.Code, _ message: String) {
                issues.append(RecordIssue(record: name, field: field, code: code, message: message))
            }
            if r.title.trimmingCharacters(in: .whitespaces).isEmpty {
                add("title", .invalidTitle, "the title is empty")
            } else if !titles.insert(r.title).inserted {
                add("title", .invalidTitle, "another record has the same title")
            }
            validateDomain(r, add)
            validateUser(r, add)
            if r.followTrusts && r.kind != .activeDirectory {
                add(
                    "followTrusts", .followTrustsNotAD,
                    "follow trust relationships is only for Active Directory records")
            }
            if let p = r.protocols {
                if p.isEmpty { add("protocols", .protocolsField, "no protocol is enabled") }
                if r.kind == .local, let k = p.first(where: \.isKerberos) {
                    add("protocols", .protocolsField, "\(k.rawValue) on a Local record: Local records use only NTLM")
                }
            }
            if let s = r.passwordSource, s.kind == .vault, (s.reference ?? "").isEmpty {
                add("passwordSource.reference", .vaultReference, "a vault password source needs a reference")
            }
            switch r.kind {
            case .local, .netbiosUserSelected:
                if r.ips.isEmpty { add("ips", .ipsField, "a \(r.kind.rawValue) record covers only the IPs it lists") }
            case .netbiosServiceSelected, .activeDirectory:
                if !r.ips.isEmpty {
                    add("ips", .ipsField, "a \(r.kind.rawValue) record covers hosts by domain: it takes no IPs")
                }
            }
            for (j, text) in r.ips.enumerated() {
                let field = "ips[\(j)]"
                guard let range = IPRange(parsing: text) else {
                    add(field, .invalidIP, "\"\(text)\" is not an IP address, CIDR network or first-last range")
                    continue
                }
                for c in claimed where c.range.overlaps(range) {
                    let whose = c.record == name ? "this record's \(c.field)" : "record \"\(c.record)\" (\(c.field))"
                    add(
                        field, .ipInTwoRecords, "\(text) overlaps \(c.range) of \(whose): each IP in at most one record"
                    )
                }
                claimed.append((range, name, field))
            }
        }
        return issues
    }

    private func validateDomain(_ r: AuthenticationRecord, _ add: (String, RecordIssue.Code, String) -> Void) {
        let domain = r.domain ?? ""
        switch r.kind {
        case .local:
            if !domain.isEmpty { add("domain", .domainField, "a Local record has no domain (the account is local)") }
        case .netbiosUserSelected, .netbiosServiceSelected:
            if domain.isEmpty {
                add("domain", .domainField, "a NetBIOS record needs the domain's NetBIOS name")
            } else if domain.contains(".") {
                add(
                    "domain", .dnsNameInNetBIOSRecord,
                    "\"\(domain)\" is a DNS name: a NetBIOS record takes the NetBIOS name (use an Active Directory"
                        + " record for DNS names)")
            } else if let e = Self.netbiosProblem(domain) {
                add("domain", .invalidNetBIOSName, e)
            }
        case .activeDirectory:
            if domain.isEmpty {
                add("domain", .domainField, "an Active Directory record needs the domain's DNS name")
            } else if !domain.contains(".") {
                add(
                    "domain", .netbiosNameInADRecord,
                    "\"\(domain)\" looks like a NetBIOS name: an Active Directory record takes the DNS name")
            } else if (try? DNSName(parsing: domain)) == nil {
                add("domain", .invalidDNSName, "\"\(domain)\" is not a valid DNS name")
            }
        }
    }

    private func validateUser(_ r: AuthenticationRecord, _ add: (String, RecordIssue.Code, String) -> Void) {
        let u = r.user
        if u.account.isEmpty {
            add("userName", .invalidUserName, "the user name is empty")
            return
        }
        switch r.kind {
        case .local:
            if u.netbiosDomain != nil || u.dnsDomain != nil {
                add("userName", .invalidUserName, "a Local record's user is a local account: write USER only")
            }
        case .netbiosUserSelected, .netbiosServiceSelected:
            if u.dnsDomain != nil {
                add(
                    "userName", .userAtInNetBIOS,
                    "USER@domain is not supported in NetBIOS records: write USER or DOMAIN\\USER")
            } else if let d = u.netbiosDomain {
                if d.contains(".") {
                    add("userName", .dnsNameInNetBIOSRecord, "\"\(d)\\\" must be a NetBIOS domain name")
                } else if let e = Self.netbiosProblem(d) {
                    add("userName", .invalidNetBIOSName, e)
                }
            }
        case .activeDirectory:
            if u.netbiosDomain != nil {
                add(
                    "userName", .invalidUserName,
                    "DOMAIN\\USER is for NetBIOS records: an Active Directory record takes USER or USER@dns.domain")
            } else if let d = u.dnsDomain {
                if !d.contains(".") {
                    add("userName", .netbiosNameInADRecord, "\"@\(d)\" must be the user domain's DNS name")
                } else if (try? DNSName(parsing: d)) == nil {
                    add("userName", .invalidDNSName, "\"@\(d)\" is not a valid DNS name")
                }
            }
        }
    }

    /// Why a text is not a NetBIOS domain name (1 to 15 characters, none of the forbidden ones), or nil.
    static func netbiosProblem(_ text: String) -> String? {
        do {
            _ = try NetBIOSName(parsing: text)
            return nil
        } catch {
            return error.reason
        }
    }

    private static func issue(for e: DecodingError, in data: Data) -> RecordIssue {
        let (path, message): ([any CodingKey], String) =
            switch e {
            case .typeMismatch(let t, let c): (c.codingPath, "expected \(t): \(c.debugDescription)")
            case .valueNotFound(let t, let c): (c.codingPath, "missing \(t) value")
            case .keyNotFound(let k, let c): (c.codingPath + [k], "missing field")
            case .dataCorrupted(let c): (c.codingPath, c.debugDescription)
            @unknown default: ([], "\(e)")
            }
        var record = "-"
        var fieldPath = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        if path.count >= 2, path[0].stringValue == "records", let i = path[1].intValue {
            record = "records[\(i)]"
            if let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let list = json["records"] as? [Any], i < list.count,
                let title = (list[i] as? [String: Any])?["title"] as? String, !title.isEmpty
            {
                record = title
            }
            fieldPath.removeFirst(2)
        }
        var field = ""
        for p in fieldPath { field += p.hasPrefix("[") || field.isEmpty ? p : "." + p }
        let code: RecordIssue.Code =
            AuthenticationRecord.forbiddenFields.contains(path.last?.stringValue.lowercased() ?? "")
            ? .passwordField : .malformed
        return RecordIssue(record: record, field: field.isEmpty ? "-" : field, code: code, message: message)
    }
}
