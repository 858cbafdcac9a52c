import Foundation
import TrustMapAnalysis
import TrustMapModel

/// The fixture snapshots of topologies/.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("topologies")

    static let names = [
        "single-domain", "forest-tree", "three-forests", "external-quarantined", "netbios-collision", "cycle",
        "one-sided", "usecases", "lab",
    ]

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func snapshot(_ name: String) throws -> Snapshot {
        try JSONDecoder().decode(Snapshot.self, from: data(name + ".json"))
    }

    static func graph(_ name: String) throws -> TrustGraph { TrustGraph(snapshot: try snapshot(name)) }

    static func records(_ name: String) throws -> RecordsFile { try RecordsFile.load(data(name + ".json")) }
}
