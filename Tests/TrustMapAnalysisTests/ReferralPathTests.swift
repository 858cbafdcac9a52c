import Testing
import TrustMapAnalysis
import TrustMapModel

@Suite struct ReferralPathTests {
    func path(_ fixture: String, _ from: DNSName, _ to: DNSName) throws -> ReferralPath {
        ReferralPath.find(in: try Fixtures.graph(fixture), from: from, to: to)
    }

    @Test func sameRealm() throws {
        let p = try path("single-domain", "corp.example.test", "corp.example.test")
        #expect(p.found && p.rule == .sameRealm && p.realms == ["corp.example.test"] && p.hops.isEmpty)
    }

    @Test func unknownDomain() throws {
        let p = try path("single-domain", "corp.example.test", "nowhere.test")
        #expect(!p.found && p.rule == .unknownDomain)
    }

    @Test func withinForestUpAndDownTheTree() throws {
        let p = try path("forest-tree", "paris.emea.example.com", "sales.other.net")
        #expect(p.found)
        #expect(p.rule == .withinForestTransitive)
        #expect(
            p.realms == ["paris.emea.example.com", "emea.example.com", "example.com", "other.net", "sales.other.net"])
        #expect(p.hops.map(\.kind) == [.parentChild, .parentChild, .treeRoot, .parentChild])
    }

    @Test func shortcutShortensThePathInItsDirection() throws {
        let p = try path("forest-tree", "sales.other.net", "paris.emea.example.com")
        #expect(p.realms == ["sales.other.net", "paris.emea.example.com"])
        #expect(p.hops.map(\.kind) == [.shortcut])
    }

    @Test func forestTrustJoinsAnyDomainsOfTheTwoForests() throws {
        let p = try path("three-forests", "x.a.test", "y.b.test")
        #expect(p.found)
        #expect(p.rule == .forestTrustTwoForests)
        #expect(p.realms == ["x.a.test", "a.test", "b.test", "y.b.test"])
        #expect(p.crossesForestTrust)
    }

    @Test func forestTrustIsNotExtendedToAThirdForest() throws {
        for (from, to) in [("a.test", "c.test"), ("x.a.test", "c.test"), ("c.test", "y.b.test") as (DNSName, DNSName)]
        where from != "c.test" || to == "y.b.test" {
            let p = try path("three-forests", from, to)
            if to == "y.b.test" {
                #expect(p.found, "c reaches b's child through one forest trust")
            } else {
                #expect(!p.found)
                #expect(p.rule == .forestNotExtended, "\(from) -> \(to)")
            }
        }
    }

    @Test func externalTrustIsASingleHop() throws {
        let p = try path("external-quarantined", "legacy.example.test", "corp.example.test")
        #expect(p.found)
        #expect(p.rule == .externalSingleHop)
        #expect(p.warnings.map(\.rule) == [.sidFilteringQuarantined])
    }

    @Test func externalTrustNeedsNoSecondHop() throws {
        let toChild = try path("external-quarantined", "legacy.example.test", "dev.corp.example.test")
        #expect(!toChild.found && toChild.rule == .nonTransitiveSecondHop)
        let fromChild = try path("external-quarantined", "old.legacy.example.test", "corp.example.test")
        #expect(!fromChild.found && fromChild.rule == .nonTransitiveSecondHop)
    }

    @Test func oneWayTheWrongWay() throws {
        let p = try path("external-quarantined", "corp.example.test", "legacy.example.test")
        #expect(!p.found && p.rule == .oneWayWrongWay)
    }

    @Test func noTrustAtAll() throws {
        let p = try path("usecases", "domain.foo.com", "targetdomain.foo.com")
        #expect(!p.found && p.rule == .noTrust)
    }

    @Test func cyclesTerminateAndRespectTransitivity() throws {
        // p trusts q, q trusts r, r trusts p (all external, one-way).
        #expect(try path("cycle", "q.test", "p.test").rule == .externalSingleHop)
        #expect(try path("cycle", "p.test", "r.test").rule == .externalSingleHop)
        #expect(try path("cycle", "p.test", "q.test").rule == .nonTransitiveSecondHop)
        let f = try path("cycle", "f1.test", "f3.test")
        #expect(f.found && f.realms == ["f1.test", "f3.test"])
    }

    @Test func selectiveAuthenticationIsAWarningOnTheWay() throws {
        let p = try path("one-sided", "e.test", "a.test")
        #expect(p.found)
        #expect(p.warnings.map(\.rule).contains(.selectiveAuthentication))
    }

    @Test func admittingListsEveryDomainThatAdmitsTheUsers() throws {
        let g = try Fixtures.graph("lab")
        #expect(ReferralPath.admitting(in: g, usersOf: "legacy.example.test").keys.sorted() == ["corp.example.test"])
        #expect(ReferralPath.admitting(in: g, usersOf: "corp.example.test").keys.sorted() == ["partner.example.test"])
        #expect(ReferralPath.admitting(in: g, usersOf: "partner.example.test").keys.sorted() == ["corp.example.test"])
    }
}
