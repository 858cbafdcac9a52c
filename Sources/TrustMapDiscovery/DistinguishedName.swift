import TrustMapModel

/// Small helpers over LDAP distinguished names as AD writes them (RFC 4514 escaping is rare in
/// the names discovery reads; values keep their escapes).
enum DN {
    /// Splits a DN into its RDNs, honouring backslash escapes.
    static func rdns(_ dn: String) -> [String] {
        var out: [String] = []
        var current = ""
        var escaped = false
        for ch in dn {
            if escaped {
                current.append(ch)
                escaped = false
            } else if ch == "\\" {
                current.append(ch)
                escaped = true
            } else if ch == "," {
                out.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current.trimmingSpaces) }
        return out
    }

    /// The value of an RDN (`CN=DC1` gives `DC1`).
    static func value(_ rdn: String) -> String {
        guard let eq = rdn.firstIndex(of: "=") else { return rdn }
        return String(rdn[rdn.index(after: eq)...])
    }

    /// The attribute type of an RDN, lower-cased.
    static func type(_ rdn: String) -> String {
        guard let eq = rdn.firstIndex(of: "=") else { return "" }
        return rdn[..<eq].lowercased()
    }

    /// The parent DN.
    static func parent(_ dn: String) -> String {
        rdns(dn).dropFirst().joined(separator: ",")
    }

    /// The DNS name of a domain NC (`DC=corp,DC=example,DC=test` gives `corp.example.test`).
    static func dnsName(ofNamingContext dn: String) -> DNSName? {
        let labels = rdns(dn).filter { type($0) == "dc" }.map(value)
        guard !labels.isEmpty else { return nil }
        return try? DNSName(parsing: labels.joined(separator: "."))
    }

    /// Case-insensitive DN equality.
    static func same(_ a: String, _ b: String) -> Bool {
        rdns(a).map { $0.lowercased() } == rdns(b).map { $0.lowercased() }
    }

    /// True when `dn` is `ancestor` or below it.
    static func isWithin(_ dn: String, _ ancestor: String) -> Bool {
        let d = rdns(dn).map { $0.lowercased() }
        let a = rdns(ancestor).map { $0.lowercased() }
        return d.count >= a.count && Array(d.suffix(a.count)) == a
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
