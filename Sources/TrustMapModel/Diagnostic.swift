/// The category of a problem met during discovery or a check (after adcli's categories, plus the
/// network ones a planner needs to tell apart).
public enum DiagnosticCategory: String, Sendable, Codable, CaseIterable {
    /// A bug or an answer that should not happen.
    case unexpected
    /// The operation failed for a reason the directory gave.
    case failure
    /// The directory's data was malformed or missing.
    case directory
    /// The local configuration (DNS server, krb5.conf, files) is wrong.
    case configuration
    /// Credentials were missing or refused.
    case credentials
    /// The server could not be reached (refused, no route, no answer).
    case unreachable
    /// The operation ran out of time.
    case timeout
    /// Access was refused by policy (insufficient rights, selective authentication).
    case denied
}

/// A problem recorded in a result instead of being thrown: which domain, which DC, which
/// operation, and the server's own message.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var category: DiagnosticCategory
    /// The domain concerned, when there is one.
    public var domain: DNSName?
    /// The DC (host name or address) concerned, when there is one.
    public var server: String?
    /// The operation, such as "ldap-bind", "srv-lookup", "ldap-ping".
    public var operation: String
    /// The message, including the server's diagnostic text where it gave one.
    public var message: String

    /// Creates a diagnostic.
    public init(
        category: DiagnosticCategory, domain: DNSName? = nil, server: String? = nil, operation: String, message: String
    ) {
        self.category = category
        self.domain = domain
        self.server = server
        self.operation = operation
        self.message = message
    }
}
