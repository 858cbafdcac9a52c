internal import CKerberos

/// The table of common krb5 error codes: symbolic name and a short meaning for each.
enum KerberosErrorCode {
    /// A code of TrustMap's own (outside the com_err krb5 range) for "gave up waiting".
    static let timeoutCode: Int32 = -1
    /// A code of TrustMap's own for invalid input caught before calling the library.
    static let invalidInputCode: Int32 = -2

    /// Name and meaning for each known code.
    static let table: [Int32: (name: String, meaning: String)] = {
        var t: [Int32: (name: String, meaning: String)] = [:]
        func add(_ code: Int, _ name: String, _ meaning: String) {
            t[Int32(truncatingIfNeeded: code)] = (name, meaning)
        }
        add(KRB5KDC_ERR_NAME_EXP, "KRB5KDC_ERR_NAME_EXP", "client account expired")
        add(KRB5KDC_ERR_SERVICE_EXP, "KRB5KDC_ERR_SERVICE_EXP", "service account expired")
        add(KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN, "KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN", "client not found in the realm")
        add(
            KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN, "KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN",
            "service principal unknown to the KDC (wrong SPN, or no trust path to its realm)")
        add(
            KRB5KDC_ERR_PRINCIPAL_NOT_UNIQUE, "KRB5KDC_ERR_PRINCIPAL_NOT_UNIQUE",
            "principal name is not unique (duplicate SPN)")
        add(KRB5KDC_ERR_NULL_KEY, "KRB5KDC_ERR_NULL_KEY", "principal has no key")
        add(KRB5KDC_ERR_NEVER_VALID, "KRB5KDC_ERR_NEVER_VALID", "requested start time is later than end time")
        add(
            KRB5KDC_ERR_POLICY, "KRB5KDC_ERR_POLICY",
            "refused by KDC policy (e.g. selective authentication, logon restrictions)")
        add(KRB5KDC_ERR_BADOPTION, "KRB5KDC_ERR_BADOPTION", "KDC cannot honour a requested option (e.g. delegation)")
        add(KRB5KDC_ERR_ETYPE_NOSUPP, "KRB5KDC_ERR_ETYPE_NOSUPP", "no common encryption type (check AES/RC4 settings)")
        add(KRB5KDC_ERR_CLIENT_REVOKED, "KRB5KDC_ERR_CLIENT_REVOKED", "client account disabled or locked out")
        add(KRB5KDC_ERR_TGT_REVOKED, "KRB5KDC_ERR_TGT_REVOKED", "ticket-granting ticket revoked")
        add(KRB5KDC_ERR_KEY_EXP, "KRB5KDC_ERR_KEY_EXP", "password expired (must be changed)")
        add(
            KRB5KDC_ERR_PREAUTH_FAILED, "KRB5KDC_ERR_PREAUTH_FAILED",
            "pre-authentication failed (wrong password or key)")
        add(KRB5KDC_ERR_PREAUTH_REQUIRED, "KRB5KDC_ERR_PREAUTH_REQUIRED", "pre-authentication required")
        add(
            KRB5KDC_ERR_MUST_USE_USER2USER, "KRB5KDC_ERR_MUST_USE_USER2USER",
            "service requires user-to-user authentication")
        add(KRB5KDC_ERR_SVC_UNAVAILABLE, "KRB5KDC_ERR_SVC_UNAVAILABLE", "KDC service unavailable")
        add(
            KRB5KRB_AP_ERR_BAD_INTEGRITY, "KRB5KRB_AP_ERR_BAD_INTEGRITY",
            "integrity check failed (wrong key, or trust keys differ)")
        add(KRB5KRB_AP_ERR_TKT_EXPIRED, "KRB5KRB_AP_ERR_TKT_EXPIRED", "ticket expired")
        add(KRB5KRB_AP_ERR_BADMATCH, "KRB5KRB_AP_ERR_BADMATCH", "ticket and authenticator do not match")
        add(KRB5KRB_AP_ERR_SKEW, "KRB5KRB_AP_ERR_SKEW", "clock skew too great between client and KDC")
        add(
            KRB5KRB_AP_ERR_MODIFIED, "KRB5KRB_AP_ERR_MODIFIED",
            "message stream modified (wrong key, e.g. stale keytab or trust key)")
        add(KRB5KRB_AP_ERR_NOKEY, "KRB5KRB_AP_ERR_NOKEY", "service key not available")
        add(KRB5KRB_ERR_RESPONSE_TOO_BIG, "KRB5KRB_ERR_RESPONSE_TOO_BIG", "response too big for UDP (retried over TCP)")
        add(KRB5KRB_ERR_GENERIC, "KRB5KRB_ERR_GENERIC", "generic KDC error (see the KDC's message)")
        add(KRB5KDC_ERR_CLIENT_NOT_TRUSTED, "KRB5KDC_ERR_CLIENT_NOT_TRUSTED", "client certificate not trusted (PKINIT)")
        add(KRB5KDC_ERR_WRONG_REALM, "KRB5KDC_ERR_WRONG_REALM", "wrong realm (client referral)")
        add(
            KRB5KDC_ERR_CANT_VERIFY_CERTIFICATE, "KRB5KDC_ERR_CANT_VERIFY_CERTIFICATE",
            "KDC certificate cannot be verified (PKINIT)")
        add(KRB5_LIBOS_PWDINTR, "KRB5_LIBOS_PWDINTR", "password read interrupted")
        add(KRB5_PARSE_MALFORMED, "KRB5_PARSE_MALFORMED", "malformed principal name")
        add(KRB5_CC_NOTFOUND, "KRB5_CC_NOTFOUND", "matching credential not found in the cache")
        add(KRB5_CC_END, "KRB5_CC_END", "end of credential cache reached")
        add(KRB5_NO_TKT_SUPPLIED, "KRB5_NO_TKT_SUPPLIED", "no ticket supplied")
        add(
            KRB5_KDCREP_MODIFIED, "KRB5_KDCREP_MODIFIED",
            "KDC reply did not match expectations (e.g. realm or name changed)")
        add(
            KRB5_REALM_UNKNOWN, "KRB5_REALM_UNKNOWN", "cannot find a KDC for the realm (not configured, no SRV records)"
        )
        add(KRB5_KDC_UNREACH, "KRB5_KDC_UNREACH", "no KDC of the realm answered")
        add(KRB5_KT_NOTFOUND, "KRB5_KT_NOTFOUND", "no matching key in the keytab")
        add(KRB5_KT_END, "KRB5_KT_END", "end of keytab reached")
        add(KRB5_FCC_PERM, "KRB5_FCC_PERM", "credential cache file permissions incorrect")
        add(KRB5_FCC_NOFILE, "KRB5_FCC_NOFILE", "no credential cache found (run kinit or give a password or keytab)")
        add(KRB5_CC_FORMAT, "KRB5_CC_FORMAT", "bad credential cache format")
        add(KRB5_PREAUTH_FAILED, "KRB5_PREAUTH_FAILED", "no pre-authentication method succeeded")
        add(KRB5_ERR_BAD_HOSTNAME, "KRB5_ERR_BAD_HOSTNAME", "bad hostname")
        add(KRB5_ERR_HOST_REALM_UNKNOWN, "KRB5_ERR_HOST_REALM_UNKNOWN", "cannot determine the realm of the host")
        add(KRB5_REALM_CANT_RESOLVE, "KRB5_REALM_CANT_RESOLVE", "cannot resolve the address of any KDC of the realm")
        add(KRB5_GET_IN_TKT_LOOP, "KRB5_GET_IN_TKT_LOOP", "looping detected while getting initial credentials")
        add(KRB5_CONFIG_NODEFREALM, "KRB5_CONFIG_NODEFREALM", "no default realm configured (give principal@REALM)")
        add(KRB5_KT_NAME_TOOLONG, "KRB5_KT_NAME_TOOLONG", "keytab name too long")
        add(KRB5_KT_KVNONOTFOUND, "KRB5_KT_KVNONOTFOUND", "key version not found in the keytab")
        add(KRB5_ERR_NO_SERVICE, "KRB5_ERR_NO_SERVICE", "service not available")
        add(KRB5_CC_NOSUPP, "KRB5_CC_NOSUPP", "credential cache operation not supported")
        add(KRB5_PLUGIN_NO_HANDLE, "KRB5_PLUGIN_NO_HANDLE", "no plugin handled the request")
        t[timeoutCode] = ("TRUSTMAP_TIMEOUT", "no answer within the timeout")
        t[invalidInputCode] = ("TRUSTMAP_INVALID_INPUT", "invalid input")
        return t
    }()

    /// Codes meaning the credentials themselves were refused or are unusable.
    static let credentialCodes: Set<Int32> = Set(
        [
            KRB5KDC_ERR_PREAUTH_FAILED, KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN, KRB5KDC_ERR_CLIENT_REVOKED,
            KRB5KDC_ERR_KEY_EXP, KRB5KDC_ERR_NAME_EXP, KRB5KRB_AP_ERR_TKT_EXPIRED, KRB5_PREAUTH_FAILED,
            KRB5KRB_AP_ERR_BAD_INTEGRITY, KRB5_FCC_NOFILE, KRB5_CC_NOTFOUND, KRB5_KT_NOTFOUND, KRB5_KT_KVNONOTFOUND,
            KRB5_LIBOS_PWDINTR,
        ].map { Int32(truncatingIfNeeded: $0) })

    /// Codes meaning no KDC could be located or reached.
    static let unreachableCodes: Set<Int32> = Set(
        [KRB5_KDC_UNREACH, KRB5_REALM_UNKNOWN, KRB5_REALM_CANT_RESOLVE].map { Int32(truncatingIfNeeded: $0) })
}
