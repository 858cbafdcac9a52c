/// An LDAP failure with its context: the result code, libldap's text for it, what the server
/// said (diagnostic message, matched DN), the operation and the server.
///
/// Never contains a password.
public struct LDAPError: Error, Sendable, CustomStringConvertible {
    /// The LDAP result code (RFC 4511, e.g. 49) or a negative libldap client code
    /// (-1 server down, -5 timeout, -11 connect error).
    public let code: Int32
    /// libldap's text for the code (`ldap_err2string`), e.g. "Invalid credentials".
    public let name: String
    /// The server's (or the local SASL/TLS layer's) diagnostic message, e.g.
    /// "80090308: LdapErr: DSID-0C09041C, comment: AcceptSecurityContext error, data 52e, v4563".
    public let diagnosticMessage: String?
    /// The matched DN the server returned (for noSuchObject: the deepest existing ancestor).
    public let matchedDN: String?
    /// What TrustMap was doing: "connect", "starttls", "bind (GSSAPI)", "search", ...
    public let operation: String
    /// The server URI, e.g. "ldap://dc1.corp.example.test:389".
    public let server: String
    /// TrustMap's own explanation, when it refused or interpreted something itself.
    public let detail: String?
    /// True when TrustMap refused the operation itself, before sending anything.
    public let isRefusedLocally: Bool
    /// True when TrustMap established that TLS itself failed (e.g. the port answered TCP but
    /// the LDAPS handshake or certificate verification failed).
    private let tlsFailed: Bool

    /// Creates an error; `name` defaults to the RFC 4511 name of the code. `isTLSFailure` records
    /// a TLS failure established by other means than the diagnostic message.
    public init(
        code: Int32, name: String? = nil, diagnosticMessage: String? = nil, matchedDN: String? = nil,
        operation: String, server: String, detail: String? = nil, isRefusedLocally: Bool = false,
        isTLSFailure: Bool = false
    ) {
        self.code = code
        self.name = name ?? LDAPResultCode.name(code)
        self.diagnosticMessage = diagnosticMessage.flatMap { $0.isEmpty ? nil : $0 }
        self.matchedDN = matchedDN.flatMap { $0.isEmpty ? nil : $0 }
        self.operation = operation
        self.server = server
        self.detail = detail
        self.isRefusedLocally = isRefusedLocally
        self.tlsFailed = isTLSFailure
    }

    /// The RFC 4511 symbolic name, e.g. "invalidCredentials", "serverDown" for client codes.
    public var resultName: String { LDAPResultCode.name(code) }

    /// True when the server (or the Kerberos layer under SASL) refused the credentials:
    /// invalidCredentials (49), inappropriateAuthentication (48), strongerAuthRequired (8) on a
    /// bind, or a SASL GSSAPI failure whose cause is a Kerberos credential problem (no or expired
    /// ticket, wrong password, unknown client).
    public var isCredentialsRefused: Bool {
        if isRefusedLocally { return false }
        switch code {
        case 49, 48: return true
        case 8: return operation.hasPrefix("bind")
        default:
            guard operation.hasPrefix("bind"), let text = diagnosticMessage?.lowercased() else { return false }
            return LDAPError.kerberosCredentialProblems.contains { text.contains($0) }
        }
    }

    /// True when the server could not be reached (LDAP_SERVER_DOWN -1, LDAP_CONNECT_ERROR -11),
    /// unless the cause was a TLS failure.
    public var isUnreachable: Bool { (code == -1 || code == -11) && !isTLSFailure }

    /// True when the operation timed out (client timeout -5, or the server's timeLimitExceeded 3).
    public var isTimeout: Bool { code == -5 || code == 3 || code == 85 }

    /// True when TLS could not be set up: the certificate did not verify or the handshake failed.
    public var isTLSFailure: Bool {
        if tlsFailed { return true }
        if operation == "starttls" && code != -5 { return code != -1 || diagnosticMentionsTLS }
        return diagnosticMentionsTLS
    }

    /// A Kerberos (SASL GSSAPI) failure whose cause is the target server's principal being unknown.
    public var isServicePrincipalUnknown: Bool {
        diagnosticMessage?.lowercased().contains("server not found in kerberos database") ?? false
    }

    private var diagnosticMentionsTLS: Bool {
        guard let text = diagnosticMessage?.lowercased() else { return false }
        return ["certificate", "tls", "ssl", "handshake", "x509"].contains { text.contains($0) }
    }

    private static let kerberosCredentialProblems = [
        "no kerberos credentials available", "no credentials cache found", "ticket expired",
        "credentials cache file", "preauthentication failed", "client not found in kerberos database",
        "password incorrect", "clients credentials have been revoked", "can't find client principal",
        "matching credential not found",
    ]

    /// "operation on server: code name (resultName): diagnostic [matched DN: ...] (detail)".
    public var description: String {
        var text = "\(operation) on \(server): \(name) (\(resultName), \(code))"
        if let diagnosticMessage { text += ": \(diagnosticMessage)" }
        if let matchedDN { text += " [matched DN: \(matchedDN)]" }
        if let detail { text += " (\(detail))" }
        return text
    }
}
