/// A problem in a records file, naming the record (its title, or `records[N]` when it has none) and the field.
public struct RecordIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What is wrong, as a stable id.
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// The file is not JSON of the documented shape (wrong type, missing field, unknown field).
        case malformed
        /// The file's schemaVersion is not one this build reads.
        case unsupportedSchema = "unsupported-schema"
        /// A password field: records never hold passwords.
        case passwordField = "password-field"
        /// Empty or duplicate title.
        case invalidTitle = "invalid-title"
        /// `USER@domain` in a NetBIOS record.
        case userAtInNetBIOS = "user-at-in-netbios"
        /// A user name that is empty or malformed for its kind.
        case invalidUserName = "invalid-user-name"
        /// An IP (or range) in two records.
        case ipInTwoRecords = "ip-in-two-records"
        /// An entry of `ips` that is not an address, network or range.
        case invalidIP = "invalid-ip"
        /// A NetBIOS name that is not one (length, characters).
        case invalidNetBIOSName = "invalid-netbios-name"
        /// A DNS name in a NetBIOS record.
        case dnsNameInNetBIOSRecord = "dns-name-in-netbios-record"
        /// A NetBIOS name (no dot) in an Active Directory record.
        case netbiosNameInADRecord = "netbios-name-in-ad-record"
        /// A DNS name that is not one.
        case invalidDNSName = "invalid-dns-name"
        /// Follow trusts on a record that is not Active Directory.
        case followTrustsNotAD = "follow-trusts-not-ad"
        /// A domain record without a domain, or a Local record with one.
        case domainField = "domain-field"
        /// Kerberos enabled on a Local record, or no protocol enabled.
        case protocolsField = "protocols-field"
        /// IPs missing where the kind needs them, or present where it covers hosts by domain.
        case ipsField = "ips-field"
        /// A vault password source without a reference.
        case vaultReference = "vault-reference"
    }

    /// The record's title, or `records[N]`.
    public var record: String
    /// The field, such as `userName` or `ips[2]`.
    public var field: String
    /// What is wrong.
    public var code: Code
    /// A sentence saying what is wrong and what to write instead.
    public var message: String

    /// Creates an issue.
    public init(record: String, field: String, code: Code, message: String) {
        self.record = record
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "record \"\(record)\", field \(field): \(message) [\(code.rawValue)]" }
}

/// A records file that cannot be used, with every issue found.
public struct RecordsFileError: Error, Sendable, CustomStringConvertible {
    /// The issues, in file order.
    public var issues: [RecordIssue]

    /// Creates the error.
    public init(issues: [RecordIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
