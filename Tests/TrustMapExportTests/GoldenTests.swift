import Foundation
import Testing
import TrustMapExport
import TrustMapModel

/// The exported DOT, JSON and GraphML of fixture topologies, byte for byte.
@Suite struct GoldenTests {
    /// A fixture drawn with some options, and the base name of its golden files.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let snapshot: @Sendable () -> Snapshot
        let options: TrustGraphOptions
        var testDescription: String { name }

        var export: TrustGraphExport { TrustGraphExport(snapshot: snapshot(), options: options) }
    }

    static let cases: [Case] = [
        Case(name: "lab", snapshot: { Fixtures.lab }, options: TrustGraphOptions()),
        Case(name: "lab-dcs", snapshot: { Fixtures.lab }, options: TrustGraphOptions(includeDomainControllers: true)),
        Case(name: "everything", snapshot: { Fixtures.everything }, options: TrustGraphOptions()),
        Case(
            name: "everything-plan-probe", snapshot: { Fixtures.everything },
            options: TrustGraphOptions(plan: Fixtures.plan, probe: Fixtures.probe)),
        Case(
            name: "everything-dcs-plan-probe", snapshot: { Fixtures.everything },
            options: TrustGraphOptions(includeDomainControllers: true, plan: Fixtures.plan, probe: Fixtures.probe)),
    ]

    @Test(arguments: cases) func dot(_ c: Case) throws {
        try Golden.check(c.export.dot(), c.name + ".dot")
    }

    @Test(arguments: cases) func json(_ c: Case) throws {
        try Golden.check(try c.export.json(), c.name + ".json")
    }

    @Test(arguments: cases) func graphML(_ c: Case) throws {
        try Golden.check(c.export.graphML(), c.name + ".graphml")
    }

    /// The same snapshot with its lists in another order gives the same bytes.
    @Test(arguments: cases) func outputDoesNotDependOnInputOrder(_ c: Case) throws {
        var shuffled = c.snapshot()
        shuffled.forests.reverse()
        shuffled.domains.reverse()
        shuffled.trusts.reverse()
        for i in shuffled.domains.indices { shuffled.domains[i].domainControllers.reverse() }
        shuffled.normalize()
        let again = TrustGraphExport(snapshot: shuffled, options: c.options)
        #expect(again.dot() == c.export.dot())
        #expect(try again.json() == c.export.json())
        #expect(again.graphML() == c.export.graphML())
    }
}
