import TrustMapModel
import TrustMapExport

/// Small snapshots built in code, so that these tests do not depend on the shared fixture files.
enum Fixtures {
    static let metadata = CollectionMetadata(
        collectedAt: "2025-01-02T03:04:05Z", toolVersion: "0.1.0", startDomain: "corp.example.test")

    static func sid(_ n: UInt32) -> SID { SID(authority: 5, subAuthorities: [21, 1000 + n, 2000 + n, 3000 + n]) }

    static func dc(
        _ host: DNSName, _ address: String, site: String?, roles: [DCRole] = [.gc, .kdc, .writable, .dns]
    ) -> DomainController {
        DomainController(hostName: host, addresses: [address], site: site, roles: roles, answered: true)
    }

    /// The lab: corp (three DCs in two sites, one an RODC), partner (a second forest, two-way forest trust)
    /// and legacy (a one-way quarantined external trust: corp trusts legacy).
    static var lab: Snapshot {
        let corp = Domain(
            dnsName: "corp.example.test", netbiosName: "CORP", nameSources: [.crossRef], sid: sid(1),
            forest: "corp.example.test", functionalLevel: 7,
            domainControllers: [
                dc(
                    "dc1.corp.example.test", "127.0.0.11", site: "Default-First-Site-Name",
                    roles: [.pdc, .gc, .kdc, .writable, .dns]),
                dc("dc2.corp.example.test", "127.0.0.12", site: "Branch"),
                dc(
                    "rodc1.corp.example.test", "127.0.0.13", site: "Default-First-Site-Name", roles: [.rodc, .gc, .kdc]),
            ])
        let partner = Domain(
            dnsName: "partner.example.test", netbiosName: "PARTNER", sid: sid(2), forest: "partner.example.test",
            domainControllers: [dc("dc1.partner.example.test", "127.0.0.21", site: "Default-First-Site-Name")], depth: 1
        )
        let legacy = Domain(
            dnsName: "legacy.example.test", netbiosName: "LEGACY", sid: sid(3), forest: "legacy.example.test",
            domainControllers: [dc("dc1.legacy.example.test", "127.0.0.31", site: "Default-First-Site-Name")], depth: 1)
        let forests = [
            Forest(
                root: "corp.example.test", domains: ["corp.example.test"],
                sites: [
                    Site(name: "Default-First-Site-Name", subnets: ["127.0.0.0/28"]),
                    Site(name: "Branch", subnets: ["127.0.0.12/32"]),
                ]),
            Forest(root: "partner.example.test", domains: ["partner.example.test"], reachedThroughForestTrust: true),
            Forest(root: "legacy.example.test", domains: ["legacy.example.test"]),
        ]
        let aes: EncryptionTypes = [.aes128, .aes256]
        let trusts = [
            Trust(
                domain: "corp.example.test", partner: "partner.example.test", flatName: "PARTNER", sid: sid(2),
                direction: .bidirectional, type: .uplevel, attributes: [.forestTransitive], encryptionTypes: aes),
            Trust(
                domain: "partner.example.test", partner: "corp.example.test", flatName: "CORP", sid: sid(1),
                direction: .bidirectional, type: .uplevel, attributes: [.forestTransitive], encryptionTypes: aes),
            Trust(
                domain: "corp.example.test", partner: "legacy.example.test", flatName: "LEGACY", sid: sid(3),
                direction: .outbound, type: .uplevel, attributes: [.quarantinedDomain], encryptionTypes: aes),
            Trust(
                domain: "legacy.example.test", partner: "corp.example.test", flatName: "CORP", sid: sid(1),
                direction: .inbound, type: .uplevel, attributes: [], encryptionTypes: aes),
        ]
        return Snapshot(metadata: metadata, forests: forests, domains: [corp, partner, legacy], trusts: trusts)
    }

    /// The odd site name: quotes, a backslash and non-ASCII.
    static let oddSite = "Zürich \"HQ\"\\1"

    /// Everything else: a forest with parent-child, tree-root and shortcut trusts; a second forest whose forest
    /// trust the two sides disagree on; a non-transitive, selective, RC4-only external trust; a realm trust;
    /// trusts seen from one side only (to an unread domain, an NT domain, a partner with an odd name); a
    /// disabled trust; odd names.
    static var everything: Snapshot {
        let root = Domain(
            dnsName: "root.example.test", netbiosName: "ROOT", sid: sid(10), forest: "root.example.test",
            domainControllers: [
                dc("dc1.root.example.test", "10.0.0.1", site: oddSite, roles: [.pdc, .gc, .kdc, .writable, .dns])
            ])
        let child = Domain(
            dnsName: "child.root.example.test", netbiosName: "CHILD", sid: sid(11), forest: "root.example.test",
            parent: "root.example.test",
            domainControllers: [
                dc("dc1.child.root.example.test", "10.0.1.1", site: "Default-First-Site-Name"),
                dc("dc2.child.root.example.test", "10.0.1.2", site: oddSite, roles: [.rodc]),
            ])
        let tree = Domain(
            dnsName: "tree.example.test", netbiosName: "TREE", sid: sid(12), forest: "root.example.test",
            isTreeRoot: true, domainControllers: [dc("dc1.tree.example.test", "10.0.2.1", site: nil)],
            status: .partial, statusReason: "the Configuration partition could not be read")
        let other = Domain(
            dnsName: "other.example.test", netbiosName: "OTHER", sid: sid(20), forest: "other.example.test",
            domainControllers: [dc("dc1.other.example.test", "10.1.0.1", site: "Default-First-Site-Name")])
        let unread = Domain(
            dnsName: "ext.example.test", netbiosName: "EXT", nameSources: [.trustObject], sid: sid(30),
            status: .unreachable, statusReason: "no DC answered: 10.2.0.1 refused \"LDAP\" on port 389")
        let forests = [
            Forest(
                root: "root.example.test",
                domains: [
                    "root.example.test", "child.root.example.test", "tree.example.test", "lost.root.example.test",
                ],
                sites: [
                    Site(name: "Default-First-Site-Name", domainControllers: ["dc1.child.root.example.test"]),
                    Site(name: oddSite, domainControllers: ["dc1.root.example.test", "dc2.child.root.example.test"]),
                ]),
            Forest(root: "other.example.test", domains: ["other.example.test"], reachedThroughForestTrust: true),
        ]
        func within(_ d: DNSName, _ p: String, _ rel: TrustKind) -> Trust {
            Trust(
                domain: d, partner: p, direction: .bidirectional, type: .uplevel, attributes: [.withinForest],
                encryptionTypes: [.aes256], intraForestRelation: rel)
        }
        let trusts = [
            within("root.example.test", "child.root.example.test", .parentChild),
            within("child.root.example.test", "root.example.test", .parentChild),
            within("root.example.test", "tree.example.test", .treeRoot),
            within("tree.example.test", "root.example.test", .treeRoot),
            within("tree.example.test", "child.root.example.test", .shortcut),
            within("child.root.example.test", "tree.example.test", .shortcut),
            // The sides disagree: root says two-way, other says only other trusts root.
            Trust(
                domain: "root.example.test", partner: "other.example.test", direction: .bidirectional,
                type: .uplevel, attributes: [.forestTransitive, .treatAsExternal]),
            Trust(
                domain: "other.example.test", partner: "root.example.test", direction: .outbound, type: .uplevel,
                attributes: [.forestTransitive]),
            // Non-transitive, selective and RC4 only, seen from both sides; partner named by NetBIOS name.
            Trust(
                domain: "tree.example.test", partner: "OTHER", flatName: "OTHER", direction: .bidirectional,
                type: .downlevel, attributes: [.crossOrganization, .nonTransitive], encryptionTypes: [.rc4HMAC]),
            Trust(
                domain: "other.example.test", partner: "tree.example.test", flatName: "TREE", direction: .bidirectional,
                type: .uplevel, attributes: [.crossOrganization, .nonTransitive], encryptionTypes: [.rc4HMAC]),
            // A one-way quarantined external trust to a domain that could not be read.
            Trust(
                domain: "child.root.example.test", partner: "ext.example.test", flatName: "EXT", sid: sid(30),
                direction: .outbound, type: .uplevel, attributes: [.quarantinedDomain]),
            // An MIT realm.
            Trust(
                domain: "root.example.test", partner: "MIT.EXAMPLE.ORG", direction: .inbound, type: .mit,
                attributes: [.usesRC4Encryption]),
            // An NT4 domain known only by its NetBIOS name.
            Trust(
                domain: "child.root.example.test", partner: "OLDNT", flatName: "OLDNT", direction: .outbound,
                type: .downlevel, attributes: []),
            // A partner whose name is neither DNS nor NetBIOS.
            Trust(
                domain: "tree.example.test", partner: oddSite, direction: .inbound, type: .downlevel,
                attributes: [.nonTransitive]),
            // Other trusts child, but child has no object for other: seen from one side only, both read.
            Trust(
                domain: "other.example.test", partner: "child.root.example.test", flatName: "CHILD",
                direction: .outbound, type: .uplevel, attributes: [.quarantinedDomain]),
            // A disabled trust.
            Trust(
                domain: "other.example.test", partner: "gone.example.test", direction: .disabled, type: .uplevel,
                attributes: []),
        ]
        return Snapshot(
            metadata: CollectionMetadata(
                collectedAt: "2025-02-03T04:05:06Z", toolVersion: "0.1.0", startDomain: "root.example.test"),
            forests: forests, domains: [root, child, tree, other, unread], trusts: trusts)
    }

    static let plan = PlanHighlight(
        domains: ["root.example.test", "CHILD", "other.example.test", "nowhere.test"],
        domainControllers: ["dc1.root.example.test", "DC1.CHILD.ROOT.EXAMPLE.TEST.", "dc9.nowhere.test"])

    static let probe = ProbeHighlight(
        unreachableDomains: ["ext.example.test"], unreachableDomainControllers: ["dc2.child.root.example.test"])
}
