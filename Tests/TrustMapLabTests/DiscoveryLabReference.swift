import Foundation
import Testing
import TrustMapModel

/// What a domain's own first DC says about it (as its Administrator, over LDAPS), for comparing
/// with a snapshot field by field.
struct DomainReference {
    let domain: String
    let nc: String
    let sid: String
    let netbios: String
    let functionalLevel: Int
    let forestDomains: [String]
    /// site -> (subnets, DC host names), sorted.
    let sites: [String: (subnets: [String], dcs: [String])]
    /// DC host name -> (NetBIOS name, rodc, site, gc, pdc).
    let dcs: [String: (netbios: String, rodc: Bool, site: String, gc: Bool, pdc: Bool)]
    /// trustedDomain objects: partner -> attribute -> values (raw ldapsearch values).
    let trusts: [String: DiscoveryLab.Entry]

    init(_ domain: String) throws {
        self.domain = domain
        let nc = DiscoveryLab.nc(domain)
        self.nc = nc
        let head = try #require(
            try DiscoveryLab.search(
                domain, base: nc, scope: "base", filter: "(objectClass=*)", attributes: ["objectSid", "fSMORoleOwner"]
            ).first)
        sid = try #require(try DiscoveryLab.sid(head.first("objectSid")))
        let pdcServer =
            try #require(head.first("fSMORoleOwner")).split(separator: ",", maxSplits: 1).last.map(String.init) ?? ""

        let root = try #require(
            try DiscoveryLab.search(
                domain, base: "", scope: "base", filter: "(objectClass=*)",
                attributes: ["domainFunctionality", "configurationNamingContext"]
            ).first)
        functionalLevel = Int(try #require(root.first("domainFunctionality"))) ?? -1
        let config = try #require(root.first("configurationNamingContext"))

        let refs = try DiscoveryLab.search(
            domain, base: "CN=Partitions,\(config)", scope: "one", filter: "(objectClass=crossRef)",
            attributes: ["nCName", "dnsRoot", "nETBIOSName", "systemFlags"])
        forestDomains = refs.filter { (Int($0.first("systemFlags") ?? "0") ?? 0) & 3 == 3 }
            .compactMap { $0.first("dnsRoot") }.sorted()
        let ownRef = refs.first { $0.first("nCName")?.lowercased() == nc.lowercased() }
        netbios = try #require(ownRef?.first("nETBIOSName"))

        let siteEntries = try DiscoveryLab.search(
            domain, base: "CN=Sites,\(config)",
            filter: "(|(objectClass=site)(objectClass=subnet)(objectClass=server)(objectClass=nTDSDSA))",
            attributes: ["objectClass", "siteObject", "dNSHostName", "options"])
        func rdnValue(_ dn: String, _ index: Int) -> String {
            let rdns = dn.split(separator: ",")
            guard index < rdns.count, let eq = rdns[index].firstIndex(of: "=") else { return "" }
            return String(rdns[index][rdns[index].index(after: eq)...])
        }
        var sites: [String: (subnets: [String], dcs: [String])] = [:]
        var serverHost: [String: (host: String, site: String)] = [:]  // server DN -> host, site
        var dsaOptions: [String: Int] = [:]  // server DN -> nTDSDSA options
        for e in siteEntries {
            let classes = Set(e.all("objectClass").map { $0.lowercased() })
            if classes.contains("site") {
                sites[rdnValue(e.dn, 0), default: ([], [])] = sites[rdnValue(e.dn, 0)] ?? ([], [])
            } else if classes.contains("subnet") {
                let site = rdnValue(try #require(e.first("siteObject")), 0)
                sites[site, default: ([], [])].subnets.append(
                    rdnValue(e.dn, 0).replacingOccurrences(of: "\\/", with: "/"))
            } else if classes.contains("server"), let host = e.first("dNSHostName") {
                serverHost[e.dn.lowercased()] = (host.lowercased(), rdnValue(e.dn, 2))
                sites[rdnValue(e.dn, 2), default: ([], [])].dcs.append(host.lowercased())
            } else if classes.contains("ntdsdsa") || classes.contains("ntdsdsaro") {
                dsaOptions[e.dn.split(separator: ",", maxSplits: 1)[1].lowercased()] =
                    Int(e.first("options") ?? "0") ?? 0
            }
        }
        self.sites = sites.mapValues { ($0.subnets.sorted(), $0.dcs.sorted()) }

        let accounts = try DiscoveryLab.search(
            domain, base: nc,
            filter:
                "(&(objectCategory=computer)(|(userAccountControl:1.2.840.113556.1.4.803:=8192)(userAccountControl:1.2.840.113556.1.4.803:=67108864)))",
            attributes: ["sAMAccountName", "dNSHostName", "userAccountControl"])
        var dcs: [String: (netbios: String, rodc: Bool, site: String, gc: Bool, pdc: Bool)] = [:]
        for a in accounts {
            let host = try #require(a.first("dNSHostName")).lowercased()
            let uac = Int(a.first("userAccountControl") ?? "0") ?? 0
            let server = serverHost.first { $0.value.host == host }
            dcs[host] = (
                String(try #require(a.first("sAMAccountName")).dropLast()), uac & 0x0400_0000 != 0,
                server?.value.site ?? "", (server.flatMap { dsaOptions[$0.key] } ?? 0) & 1 != 0,
                server.map { $0.key == pdcServer.lowercased() } ?? false
            )
        }
        self.dcs = dcs

        let tdos = try DiscoveryLab.search(
            domain, base: "CN=System,\(nc)", scope: "one", filter: "(objectClass=trustedDomain)",
            attributes: [
                "trustPartner", "flatName", "securityIdentifier", "trustDirection", "trustType", "trustAttributes",
                "msDS-SupportedEncryptionTypes", "whenCreated", "whenChanged",
            ])
        var trusts: [String: DiscoveryLab.Entry] = [:]
        for t in tdos { trusts[try #require(t.first("trustPartner")).lowercased()] = t }
        self.trusts = trusts
    }
}
