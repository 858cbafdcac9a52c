import TrustMapClients
import TrustMapModel

/// A domain crossRef object (MS-ADTS 6.1.1.2.1.1.5).
struct CrossRef: Sendable {
    var namingContext: String
    var dnsRoot: DNSName
    var netbiosName: NetBIOSName?
    var systemFlags: Int
    var trustParent: String?
    var rootTrust: String?
    var enabled: Bool
    var dn: String

    /// A domain crossRef: FLAG_CR_NTDS_NC | FLAG_CR_NTDS_DOMAIN, and not pre-created.
    var isDomain: Bool { systemFlags & 0x3 == 0x3 && enabled }
}

/// What the Configuration NC says about sites, subnets and DC server objects.
struct SiteTopology: Sendable {
    struct Server: Sendable {
        var dn: String
        var site: String
        var hostName: DNSName?
        var serverReference: String?
        var isGlobalCatalog: Bool
        var isReadOnly: Bool
    }
    var sites: [String: Site] = [:]
    var servers: [Server] = []
}

/// Turns LDAP entries into the model, recording what was malformed instead of failing.
struct EntryDecoder {
    var domain: DNSName
    var server: String
    var diagnostics: [Diagnostic] = []

    mutating func note(_ operation: String, _ message: String) {
        diagnostics.append(
            Diagnostic(category: .directory, domain: domain, server: server, operation: operation, message: message))
    }

    mutating func crossRefs(_ entries: [LDAPEntry]) -> [CrossRef] {
        entries.compactMap { e -> CrossRef? in
            guard let nc = e.string("nCName"), let root = e.string("dnsRoot") else { return nil }
            guard let dns = try? DNSName(parsing: root) else {
                note("read-crossref", "crossRef \(e.dn): dnsRoot \"\(root)\" is not a DNS name")
                return nil
            }
            var nb: NetBIOSName? = nil
            if let raw = e.string("nETBIOSName") {
                do { nb = try NetBIOSName(parsing: raw) } catch {
                    note("read-crossref", "crossRef \(e.dn): nETBIOSName: \(error)")
                }
            }
            return CrossRef(
                namingContext: nc, dnsRoot: dns, netbiosName: nb, systemFlags: e.int("systemFlags") ?? 0,
                trustParent: e.string("trustParent"), rootTrust: e.string("rootTrust"),
                enabled: e.string("Enabled")?.uppercased() != "FALSE", dn: e.dn)
        }
    }

    mutating func siteTopology(_ entries: [LDAPEntry]) -> SiteTopology {
        var topo = SiteTopology()
        var dsaOptions: [String: (options: Int, readOnly: Bool)] = [:]
        for e in entries {
            let classes = Set(e.strings("objectClass").map { $0.lowercased() })
            let rdns = DN.rdns(e.dn)
            if classes.contains("site") {
                let name = DN.value(rdns.first ?? "")
                topo.sites[name, default: Site(name: name)].name = name
            } else if classes.contains("subnet") {
                let cidr = DN.value(rdns.first ?? "").replacingOccurrences(of: "\\/", with: "/")
                if let siteDN = e.string("siteObject") {
                    let site = DN.value(DN.rdns(siteDN).first ?? "")
                    topo.sites[site, default: Site(name: site)].subnets.append(cidr)
                } else {
                    note("read-sites", "subnet \(cidr) has no siteObject")
                }
            } else if classes.contains("server") {
                // CN=DC1,CN=Servers,CN=<Site>,CN=Sites,CN=Configuration,...
                let site = rdns.count > 2 ? DN.value(rdns[2]) : ""
                let host = e.string("dNSHostName").flatMap { try? DNSName(parsing: $0) }
                topo.servers.append(
                    SiteTopology.Server(
                        dn: e.dn, site: site, hostName: host, serverReference: e.string("serverReference"),
                        isGlobalCatalog: false, isReadOnly: false))
            } else if classes.contains("ntdsdsa") || classes.contains("ntdsdsaro") {
                dsaOptions[DN.parent(e.dn).lowercased()] = (e.int("options") ?? 0, classes.contains("ntdsdsaro"))
            }
        }
        for i in topo.servers.indices {
            if let o = dsaOptions[DN.rdns(topo.servers[i].dn).joined(separator: ",").lowercased()] {
                topo.servers[i].isGlobalCatalog = o.options & 0x1 != 0
                topo.servers[i].isReadOnly = o.readOnly
            }
            if let host = topo.servers[i].hostName {
                topo.sites[topo.servers[i].site, default: Site(name: topo.servers[i].site)].domainControllers.append(
                    host)
            }
        }
        for k in topo.sites.keys {
            topo.sites[k]!.subnets.sort()
            topo.sites[k]!.domainControllers.sort()
        }
        return topo
    }

    mutating func trust(_ e: LDAPEntry) -> Trust? {
        guard let partner = e.string("trustPartner") else {
            note("read-trusts", "trustedDomain \(e.dn) has no trustPartner")
            return nil
        }
        let direction: TrustDirection
        do { direction = try TrustDirection(attribute: e.int("trustDirection") ?? -1) } catch {
            note("read-trusts", "trustedDomain \(e.dn): \(error)")
            return nil
        }
        var flat: NetBIOSName? = nil
        if let raw = e.string("flatName") {
            do { flat = try NetBIOSName(parsing: raw) } catch {
                note("read-trusts", "trustedDomain \(e.dn): flatName: \(error)")
            }
        }
        var sid: SID? = nil
        if let raw = e.bytes("securityIdentifier") {
            do { sid = try SID(binary: raw) } catch {
                note("read-trusts", "trustedDomain \(e.dn): securityIdentifier: \(error)")
            }
        }
        let attrs = UInt32(truncatingIfNeeded: e.int("trustAttributes") ?? 0)
        let enc = e.int("msDS-SupportedEncryptionTypes").map {
            EncryptionTypes(rawValue: UInt32(truncatingIfNeeded: $0))
        }
        return Trust(
            domain: domain, partner: partner, flatName: flat, sid: sid, direction: direction,
            type: TrustType(attribute: e.int("trustType") ?? 0), attributes: TrustAttributes(rawValue: attrs),
            encryptionTypes: enc, whenCreated: e.string("whenCreated"), whenChanged: e.string("whenChanged"))
    }
}

/// The attributes discovery reads, per object kind.
enum Attributes {
    static let domainHead = ["objectSid", "fSMORoleOwner", "msDS-Behavior-Version", "name", "objectGUID"]
    static let crossRef = ["nCName", "dnsRoot", "nETBIOSName", "systemFlags", "trustParent", "rootTrust", "Enabled"]
    static let sites = ["objectClass", "siteObject", "dNSHostName", "serverReference", "options"]
    static let computer = ["sAMAccountName", "dNSHostName", "userAccountControl"]
    static let trust = [
        "trustPartner", "flatName", "securityIdentifier", "trustDirection", "trustType", "trustAttributes",
        "msDS-SupportedEncryptionTypes", "whenCreated", "whenChanged",
    ]
}

/// userAccountControl bits (MS-ADTS 2.2.16).
enum UAC {
    static let serverTrustAccount = 0x2000
    static let partialSecretsAccount = 0x0400_0000
    /// A filter for DC computer accounts, writable or read-only.
    static let domainControllerFilter =
        "(|(userAccountControl:1.2.840.113556.1.4.803:=8192)(userAccountControl:1.2.840.113556.1.4.803:=67108864))"
}
