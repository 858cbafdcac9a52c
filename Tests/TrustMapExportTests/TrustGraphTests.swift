import Testing
import TrustMapExport
import TrustMapModel

/// What the graph says about trusts, domains and DCs, independent of how it is written.
@Suite struct TrustGraphTests {
    let lab = ExportGraph(snapshot: Fixtures.lab)
    let everything = ExportGraph(snapshot: Fixtures.everything)

    @Test func oneClusterPerForestAndOneNodePerDomain() {
        #expect(
            lab.clusters.map(\.id) == [
                "forest:corp.example.test", "forest:legacy.example.test", "forest:partner.example.test",
            ])
        #expect(
            lab.nodes.map(\.id) == [
                "domain:corp.example.test", "domain:legacy.example.test", "domain:partner.example.test",
            ])
        let corp = lab.node("domain:corp.example.test")
        #expect(corp?.cluster == "forest:corp.example.test")
        #expect(corp?.forestRoot == true)
        #expect(corp?.domainControllerCount == 3)
        #expect(corp?.label == "corp.example.test\nCORP\nforest root\n3 DCs")
    }

    @Test func bothSidesOfATrustAreOneEdge() {
        let trusts = lab.edges.filter { $0.kind == .trust }
        #expect(trusts.count == 2)
        let forest = lab.edge("trust:domain:corp.example.test|domain:partner.example.test")
        #expect(forest?.authentication == .twoWay)
        #expect(forest?.trustKind == "forest")
        #expect(forest?.oneSideOnly == false)
        #expect(forest?.disagreements == [])
        #expect(forest?.sides?.map(\.holder) == ["corp.example.test", "partner.example.test"])
        #expect(forest?.label == "forest trust")
    }

    /// corp trusts legacy: legacy's users authenticate to corp, so the arrow goes legacy -> corp.
    @Test func arrowFollowsAuthenticationNotTrust() {
        let external = lab.edge("trust:domain:corp.example.test|domain:legacy.example.test")
        #expect(external?.authentication == .oneWay)
        #expect(external?.source == "domain:legacy.example.test")
        #expect(external?.target == "domain:corp.example.test")
        #expect(external?.transitive == false)
        #expect(external?.sidFiltering == "quarantined")
        #expect(external?.label == "external trust\nnon-transitive\nSID-filtered (quarantined)")
    }

    @Test func intraForestKinds() {
        let kinds = Dictionary(
            uniqueKeysWithValues: everything.edges.compactMap { e in e.trustKind.map { (e.id, $0) } })
        #expect(kinds["trust:domain:child.root.example.test|domain:root.example.test"] == "parent-child")
        #expect(kinds["trust:domain:root.example.test|domain:tree.example.test"] == "tree-root")
        #expect(kinds["trust:domain:child.root.example.test|domain:tree.example.test"] == "shortcut")
        #expect(kinds["trust:domain:mit.example.org|domain:root.example.test"] == "realm")
    }

    @Test func nonTransitiveSelectiveRC4OnlyTrustIsLabelled() {
        // tree names other by its NetBIOS name; the two objects still pair.
        let e = everything.edge("trust:domain:other.example.test|domain:tree.example.test")
        #expect(e?.sides?.count == 2)
        #expect(e?.selectiveAuthentication == true)
        #expect(e?.kerberosKeys == "rc4-only")
        #expect(e?.label == "external trust\nnon-transitive\nselective authentication\nRC4 only")
    }

    @Test func disagreeingSidesAreLabelled() {
        let e = everything.edge("trust:domain:other.example.test|domain:root.example.test")
        #expect(e?.disagreements == ["direction"])
        #expect(e?.authentication == .twoWay)
        #expect(e?.sidFiltering == "relaxed")
        #expect(e?.label.hasSuffix("sides disagree on direction") == true)
    }

    @Test func oneSidedTrustsAndUnreadPartners() {
        let ext = everything.edge("trust:domain:child.root.example.test|domain:ext.example.test")
        #expect(ext?.oneSideOnly == true)
        #expect(ext?.source == "domain:ext.example.test")
        // The partner was not read: the dashed line says it, the label does not.
        #expect(ext?.label == "external trust\nnon-transitive\nSID-filtered (quarantined)")
        // Both read, and only other has an object for child: the label says so.
        let lopsided = everything.edge("trust:domain:child.root.example.test|domain:other.example.test")
        #expect(lopsided?.oneSideOnly == true)
        #expect(lopsided?.source == "domain:child.root.example.test")
        #expect(lopsided?.label.hasSuffix("one side only (seen from other.example.test)") == true)
        let unread = everything.node("domain:ext.example.test")
        #expect(unread?.cluster == "outside")
        #expect(unread?.status == "unreachable")
        #expect(unread?.label == "ext.example.test\nEXT\nnot read: unreachable")
        let nt = everything.node("netbios:OLDNT")
        #expect(nt?.cluster == "outside")
        #expect(nt?.status == "not-in-snapshot")
        let realm = everything.node("domain:mit.example.org")
        #expect(realm?.realm == true)
        #expect(realm?.dnsName == "MIT.EXAMPLE.ORG")
        let odd = everything.node("netbios:" + Fixtures.oddSite.uppercased())
        #expect(odd?.netbiosName == Fixtures.oddSite)
        // A domain a forest's crossRefs list but the snapshot has no record of.
        let lost = everything.node("domain:lost.root.example.test")
        #expect(lost?.cluster == "forest:root.example.test")
        #expect(lost?.status == "not-in-snapshot")
    }

    @Test func disabledTrustHasNoArrow() {
        let e = everything.edge("trust:domain:gone.example.test|domain:other.example.test")
        #expect(e?.authentication == GraphEdge.Authentication.none)
        #expect(e?.label.hasPrefix("external trust\ndisabled") == true)
    }

    @Test func dcsGroupedBySiteInsideTheirForest() {
        let g = ExportGraph(snapshot: Fixtures.everything, options: TrustGraphOptions(includeDomainControllers: true))
        let site = "site:forest:root.example.test:" + Fixtures.oddSite
        #expect(g.clusters.first { $0.id == site }?.parent == "forest:root.example.test")
        #expect(g.node("dc:dc1.root.example.test")?.cluster == site)
        #expect(g.node("dc:dc2.child.root.example.test")?.cluster == site)
        #expect(
            g.node("dc:dc1.child.root.example.test")?.cluster == "site:forest:root.example.test:Default-First-Site-Name"
        )
        // No site anywhere: drawn straight in the forest.
        #expect(g.node("dc:dc1.tree.example.test")?.cluster == "forest:root.example.test")
        #expect(g.node("dc:dc2.child.root.example.test")?.label == "dc2.child.root.example.test\nRODC\n10.0.1.2")
        #expect(g.edges.filter { $0.kind == .domainController }.count == 5)
        let labLabel = ExportGraph(snapshot: Fixtures.lab, options: TrustGraphOptions(includeDomainControllers: true))
            .node("dc:dc1.corp.example.test")?.label
        #expect(labLabel == "dc1.corp.example.test\nPDC, GC, KDC, DNS\n127.0.0.11")
    }

    @Test func planAndProbeHighlights() {
        let g = ExportGraph(
            snapshot: Fixtures.everything, options: TrustGraphOptions(plan: Fixtures.plan, probe: Fixtures.probe))
        #expect(g.node("domain:root.example.test")?.inPlan == true)
        #expect(g.node("domain:child.root.example.test")?.inPlan == true)  // by NetBIOS name
        #expect(g.node("domain:tree.example.test")?.inPlan == false)
        #expect(g.node("domain:child.root.example.test")?.plannedDomainControllers == 1)
        #expect(g.node("domain:ext.example.test")?.unreachable == true)
        #expect(g.node("domain:child.root.example.test")?.unreachableDomainControllers == 1)
        #expect(g.node("domain:child.root.example.test")?.label.contains("1 of 2 DCs unreachable (probe)") == true)
        #expect(g.edge("trust:domain:child.root.example.test|domain:root.example.test")?.inPlan == true)
        #expect(g.edge("trust:domain:root.example.test|domain:tree.example.test")?.inPlan == false)
        #expect(
            g.notes == [
                "plan names domain \"nowhere.test\", which is not in the snapshot",
                "plan names domain controller \"dc9.nowhere.test\", which is not in the snapshot",
            ])
    }

    @Test func emptySnapshotGivesAnEmptyGraph() {
        let g = ExportGraph(snapshot: Snapshot(metadata: Fixtures.metadata, forests: [], domains: [], trusts: []))
        #expect(g.nodes.isEmpty && g.edges.isEmpty && g.clusters.isEmpty)
        #expect(g.title == "Trust map from corp.example.test, collected 2025-01-02T03:04:05Z")
    }
}
