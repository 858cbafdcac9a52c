import Foundation
internal import CLDAP

extension LDAPConnection {
    /// Searches and returns every entry, following RFC 2696 paged results until the server's
    /// cookie is empty.
    ///
    /// Search references (continuation referrals) are not followed and not returned.
    ///
    /// - Parameters:
    ///   - base: the base DN ("" for the rootDSE).
    ///   - scope: base, one level or subtree.
    ///   - filter: an RFC 4515 filter, e.g. "(objectClass=trustedDomain)".
    ///   - attributes: the attributes to return; empty for all user attributes.
    ///   - pageSize: entries per page (AD's MaxPageSize is 1000 by default); nil for no paging.
    public func search(
        base: String, scope: LDAPScope, filter: String, attributes: [String], pageSize: Int? = 500
    ) async throws(LDAPError) -> [LDAPEntry] {
        let operation = "search"
        return try await perform(operation) { ld in self.pagedSearch(ld, base, scope, filter, attributes, pageSize) }
    }

    private func pagedSearch(
        _ ld: OpaquePointer, _ base: String, _ scope: LDAPScope, _ filter: String, _ attributes: [String],
        _ pageSize: Int?
    ) -> Result<[LDAPEntry], LDAPError> {
        let operation = "search"
        var entries: [LDAPEntry] = []
        var cookie: [UInt8] = []
        repeat {
            var pageControl: UnsafeMutablePointer<LDAPControl>?
            if let pageSize {
                let rc = cookie.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) {
                        trustmap_ldap_page_control(
                            ld, Int32(clamping: pageSize), $0.baseAddress, $0.count, &pageControl)
                    }
                }
                guard rc == LDAP_SUCCESS else {
                    return .failure(error(ld, rc, operation, detail: "paged results control"))
                }
            }
            defer { if let pageControl { ldap_control_free(pageControl) } }

            var message: OpaquePointer?
            count()
            let rc = withCStrings(attributes) { attrs in
                var controls: [UnsafeMutablePointer<LDAPControl>?] = pageControl.map { [$0, nil] } ?? [nil]
                return controls.withUnsafeMutableBufferPointer { list in
                    trustmap_ldap_search(
                        ld, base, scope.rawValue, filter, attrs, pageControl == nil ? nil : list.baseAddress, timeout,
                        &message)
                }
            }
            guard let message else {
                return .failure(error(ld, rc, operation, detail: "base \"\(base)\", filter \(filter)"))
            }
            defer { ldap_msgfree(message) }
            entries.append(contentsOf: LDAPConnection.entries(ld, message))

            var code: Int32 = 0
            var matched: UnsafeMutablePointer<CChar>?
            var diagnostic: UnsafeMutablePointer<CChar>?
            var serverControls: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
            let parsed = ldap_parse_result(ld, message, &code, &matched, &diagnostic, nil, &serverControls, 0)
            defer {
                if let matched { ldap_memfree(matched) }
                if let diagnostic { ldap_memfree(diagnostic) }
                if let serverControls { ldap_controls_free(serverControls) }
            }
            guard parsed == LDAP_SUCCESS else {
                return .failure(error(ld, parsed, operation, detail: "parse the result"))
            }
            guard code == LDAP_SUCCESS else {
                return .failure(
                    LDAPError(
                        code: code, name: ldap_err2string(code).map { String(cString: $0) },
                        diagnosticMessage: diagnostic.map { String(cString: $0) },
                        matchedDN: matched.map { String(cString: $0) }, operation: operation, server: uri,
                        detail: "base \"\(base)\", filter \(filter)"))
            }
            cookie = []
            if pageSize != nil {
                var next: UnsafeMutablePointer<CChar>?
                var length = 0
                let rc = trustmap_ldap_page_cookie(ld, serverControls, &next, &length)
                if rc == LDAP_SUCCESS, let next, length > 0 {
                    cookie = next.withMemoryRebound(to: UInt8.self, capacity: length) {
                        Array(UnsafeBufferPointer(start: $0, count: length))
                    }
                    ber_memfree(next)
                } else if rc != LDAP_SUCCESS && rc != LDAP_CONTROL_NOT_FOUND {
                    return .failure(error(ld, rc, operation, detail: "paged results response"))
                }
            }
        } while !cookie.isEmpty
        return .success(entries)
    }

    /// The entries of a search result chain (references are skipped).
    private static func entries(_ ld: OpaquePointer, _ message: OpaquePointer) -> [LDAPEntry] {
        var result: [LDAPEntry] = []
        var entry = ldap_first_entry(ld, message)
        while let e = entry {
            let dn: String
            if let p = ldap_get_dn(ld, e) {
                dn = String(cString: p)
                ldap_memfree(p)
            } else {
                dn = ""
            }
            var attributes: [String: [[UInt8]]] = [:]
            var ber: OpaquePointer?
            var name = ldap_first_attribute(ld, e, &ber)
            while let n = name {
                let key = String(cString: n)
                var values: [[UInt8]] = []
                if let list = ldap_get_values_len(ld, e, n) {
                    var i = 0
                    while let v = list[i] {
                        let length = Int(v.pointee.bv_len)
                        if let p = v.pointee.bv_val, length > 0 {
                            values.append(
                                p.withMemoryRebound(to: UInt8.self, capacity: length) {
                                    Array(UnsafeBufferPointer(start: $0, count: length))
                                })
                        } else {
                            values.append([])
                        }
                        i += 1
                    }
                    ldap_value_free_len(list)
                }
                attributes[key, default: []].append(contentsOf: values)
                ldap_memfree(n)
                name = ldap_next_attribute(ld, e, ber)
            }
            if let ber { ber_free(ber, 0) }
            result.append(LDAPEntry(dn: dn, attributes: attributes))
            entry = ldap_next_entry(ld, e)
        }
        return result
    }
}

/// Calls `body` with a NULL-terminated C array of copies of `strings` (NULL when empty).
private func withCStrings<R>(
    _ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> R
) -> R {
    guard !strings.isEmpty else { return body(nil) }
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}
