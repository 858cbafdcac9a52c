/// RFC 4511 result code names, and libldap's negative client codes.
enum LDAPResultCode {
    static let names: [Int32: String] = [
        0: "success", 1: "operationsError", 2: "protocolError", 3: "timeLimitExceeded", 4: "sizeLimitExceeded",
        5: "compareFalse", 6: "compareTrue", 7: "authMethodNotSupported", 8: "strongerAuthRequired",
        10: "referral", 11: "adminLimitExceeded", 12: "unavailableCriticalExtension", 13: "confidentialityRequired",
        14: "saslBindInProgress", 16: "noSuchAttribute", 17: "undefinedAttributeType", 18: "inappropriateMatching",
        19: "constraintViolation", 20: "attributeOrValueExists", 21: "invalidAttributeSyntax", 32: "noSuchObject",
        33: "aliasProblem", 34: "invalidDNSyntax", 36: "aliasDereferencingProblem", 48: "inappropriateAuthentication",
        49: "invalidCredentials", 50: "insufficientAccessRights", 51: "busy", 52: "unavailable",
        53: "unwillingToPerform", 54: "loopDetect", 64: "namingViolation", 65: "objectClassViolation",
        66: "notAllowedOnNonLeaf", 67: "notAllowedOnRDN", 68: "entryAlreadyExists",
        69: "objectClassModsProhibited", 71: "affectsMultipleDSAs", 80: "other",
        -1: "serverDown", -2: "localError", -3: "encodingError", -4: "decodingError", -5: "timeout",
        -6: "authUnknown", -7: "filterError", -8: "userCancelled", -9: "paramError", -10: "noMemory",
        -11: "connectError", -12: "notSupported", -13: "controlNotFound", -14: "noResultsReturned",
        -15: "moreResultsToReturn", -16: "clientLoop", -17: "referralLimitExceeded",
    ]

    /// The symbolic name, "code<N>" when unknown.
    static func name(_ code: Int32) -> String { names[code] ?? "code\(code)" }
}
