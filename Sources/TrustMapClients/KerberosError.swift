/// A Kerberos failure: the library's error code, its symbolic name, what it usually means,
/// MIT krb5's own message and what TrustMap was doing.
///
/// Never contains a password: messages come from `krb5_get_error_message`, which names
/// principals and realms only.
public struct KerberosError: Error, Sendable, CustomStringConvertible {
    /// The krb5 error code (`krb5_error_code`, a com_err code such as -1765328360).
    public let code: Int32
    /// The symbolic name, e.g. `KRB5KDC_ERR_PREAUTH_FAILED`; `KRB5_ERROR(<code>)` when unknown.
    public let name: String
    /// A short explanation of the code for people planning scans, when the code is a common one.
    public let meaning: String?
    /// MIT krb5's message for this failure (`krb5_get_error_message`), e.g.
    /// "Preauthentication failed while getting initial credentials".
    public let message: String
    /// What TrustMap was doing, e.g. "get initial credentials for alice@CORP.EXAMPLE.TEST".
    public let operation: String

    /// Creates an error from a code; `name` and `meaning` come from the table of common codes.
    public init(code: Int32, message: String, operation: String) {
        self.code = code
        let known = KerberosErrorCode.table[code]
        self.name = known?.name ?? "KRB5_ERROR(\(code))"
        self.meaning = known?.meaning
        self.message = message
        self.operation = operation
    }

    /// True when the KDC (or the local credential source) refused the credentials themselves:
    /// a wrong password or key, an unknown, disabled or expired client, an expired password,
    /// no usable credential cache or keytab entry. The CLI maps this to exit status 77.
    public var isCredentialsRefused: Bool { KerberosErrorCode.credentialCodes.contains(code) }

    /// True when no KDC of the realm could be reached or located.
    public var isUnreachable: Bool { KerberosErrorCode.unreachableCodes.contains(code) }

    /// True when TrustMap gave up waiting for the library (see `KerberosCredentials.obtain`'s timeout).
    public var isTimeout: Bool { code == KerberosErrorCode.timeoutCode }

    /// True when the KDC does not know the requested service principal (or no trust path leads to it).
    public var isServiceUnknown: Bool { name == "KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN" }

    /// "operation: NAME (meaning): message".
    public var description: String {
        var text = "\(operation): \(name)"
        if let meaning { text += " (\(meaning))" }
        if !message.isEmpty { text += ": \(message)" }
        return text
    }
}
