import Foundation
import Testing
import TrustMapModel
@testable import TrustMapCLI

@Suite struct SnapshotFileTests {
    static func sample() -> Snapshot {
        Snapshot(
            metadata: CollectionMetadata(
                collectedAt: "2026-01-02T03:04:05Z", toolVersion: TrustMapVersion.current,
                startDomain: "corp.example.test"),
            forests: [],
            domains: [Domain(dnsName: "corp.example.test", netbiosName: "CORP", forest: "corp.example.test")],
            trusts: [])
    }

    /// The sample snapshot as a mutable JSON object.
    static func sampleObject() throws -> [String: Any] {
        let data = try JSONCoding.encode(sample())
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Writes `text` to a new file and returns (directory, file).
    static func file(_ text: String) throws -> (URL, String) {
        let dir = try makeTemporaryDirectory()
        let file = dir.appendingPathComponent("snapshot.json")
        try Data(text.utf8).write(to: file)
        return (dir, file.path)
    }

    static func file(_ object: [String: Any]) throws -> (URL, String) {
        let data = try JSONSerialization.data(withJSONObject: object)
        return try file(String(decoding: data, as: UTF8.self))
    }

    @Test func roundTrip() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.json").path
        try SnapshotFile.write(Self.sample(), to: path)
        #expect(try SnapshotFile.read(path) == Self.sample())
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"schemaVersion\" : 1"))
    }

    @Test func missingFileIs66() {
        let e = cliError { _ = try SnapshotFile.read("/nonexistent/trustmap/s.json") }
        #expect(e?.status == .noInput)
        #expect(e?.message == "cannot open snapshot '/nonexistent/trustmap/s.json': No such file or directory")
    }

    @Test func directoryIs66() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(dir.path) }
        #expect(e?.status == .noInput)
        #expect(e?.message.contains("is a directory") == true)
    }

    @Test func emptyFileIs65() throws {
        let (dir, path) = try Self.file("  \n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(path) }
        #expect(e?.status == .badData)
        #expect(e?.message == "snapshot '\(path)' is empty")
    }

    @Test func truncatedJSONIs65() throws {
        let full = String(decoding: try JSONCoding.encode(Self.sample()), as: UTF8.self)
        let (dir, path) = try Self.file(String(full.prefix(full.count / 2)))
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(path) }
        #expect(e?.status == .badData)
        #expect(e?.message == "snapshot '\(path)' is not valid JSON: Unexpected end of file during JSON parse")
    }

    @Test func syntaxErrorGivesLineAndColumn() throws {
        let (dir, path) = try Self.file("{\n  \"schemaVersion\": 1,\n  \"forests\": [tru]\n}\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(path) }
        #expect(e?.status == .badData)
        #expect(e?.message == "snapshot '\(path)' is not valid JSON: Invalid value around line 3, column 18")
    }

    @Test func wrongTypeNamesThePath() throws {
        var object = try Self.sampleObject()
        var domains = try #require(object["domains"] as? [[String: Any]])
        domains[0]["depth"] = "deep"
        object["domains"] = domains
        let (dir, path) = try Self.file(object)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(path) }
        #expect(e?.status == .badData)
        #expect(
            e?.message.hasPrefix("snapshot '\(path)' is not valid: at $.domains[0].depth: expected an integer") == true)
    }

    @Test func missingFieldNamesThePath() throws {
        var object = try Self.sampleObject()
        var metadata = try #require(object["metadata"] as? [String: Any])
        metadata["toolVersion"] = nil
        object["metadata"] = metadata
        let (dir, path) = try Self.file(object)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(path) }
        #expect(e?.status == .badData)
        #expect(
            e?.message == "snapshot '\(path)' is not valid: at $.metadata.toolVersion: "
                + "required field \"toolVersion\" is missing")
    }

    @Test func nullNamesThePath() throws {
        var object = try Self.sampleObject()
        object["trusts"] = NSNull()
        let (dir, path) = try Self.file(object)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(path) }
        #expect(e?.message.contains("at $.trusts: expected") == true)
    }

    @Test func invalidModelValueIs65() throws {
        var object = try Self.sampleObject()
        var domains = try #require(object["domains"] as? [[String: Any]])
        domains[0]["dnsName"] = "bad..name"
        object["domains"] = domains
        let (dir, path) = try Self.file(object)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(path) }
        #expect(e?.status == .badData)
        #expect(e?.message.contains("bad..name") == true)
    }

    @Test func futureSchemaVersionIs65() throws {
        var object = try Self.sampleObject()
        object["schemaVersion"] = Snapshot.currentSchemaVersion + 1
        object["somethingNew"] = ["a": 1]
        object["domains"] = "changed shape in the future"
        let (dir, path) = try Self.file(object)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try SnapshotFile.read(path) }
        #expect(e?.status == .badData)
        #expect(
            e?.message == "snapshot '\(path)' has schema version \(Snapshot.currentSchemaVersion + 1), newer than "
                + "the version \(Snapshot.currentSchemaVersion) that trustmap \(TrustMapVersion.current) reads; "
                + "use a newer trustmap")
    }

    @Test func atomicWriteLeavesNoTemporaryFile() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.json").path
        try SnapshotFile.write(Self.sample(), to: path)
        try SnapshotFile.write(Self.sample(), to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["s.json"])
    }

    @Test func failedEncodingKeepsTheOriginal() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("plan.json").path
        try JSONFile.write(["ok": 1.0], to: path, what: "plan")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let e = cliError { try JSONFile.write(["bad": Double.nan], to: path, what: "plan") }
        #expect(e?.status == .internalError)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plan.json"])
    }

    @Test func uncreatableOutputIs73() {
        let e = cliError { try SnapshotFile.write(Self.sample(), to: "/nonexistent/trustmap/dir/s.json") }
        #expect(e?.status == .cannotCreate)
        #expect(e?.message.hasPrefix("cannot create snapshot '/nonexistent/trustmap/dir/s.json': ") == true)
    }

    @Test func renameOverADirectoryFailsCleanly() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: target.appendingPathComponent("inside"))
        let e = cliError { try SnapshotFile.write(Self.sample(), to: target.path) }
        #expect(e?.status == .cannotCreate)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
    }

    @Test func dashWritesToStandardOutput() throws {
        let sink = BufferSink()
        try SnapshotFile.write(Self.sample(), to: "-", standardOutput: sink)
        #expect(sink.text.hasPrefix("{\n"))
        #expect(sink.text.hasSuffix("}\n"))
        let decoded = try JSONCoding.makeDecoder().decode(Snapshot.self, from: Data(sink.text.utf8))
        #expect(decoded == Self.sample())
    }

    @Test func genericReadForOtherDocuments() throws {
        struct Plan: Codable, Equatable {
            var targets: [String]
        }
        let (dir, path) = try Self.file(#"{"targets": ["a", 7]}"#)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError { _ = try JSONFile.read(Plan.self, from: path, what: "plan file") }
        #expect(e?.status == .badData)
        #expect(e?.message.hasPrefix("plan file '\(path)' is not valid: at $.targets[1]: expected a string") == true)
    }
}
