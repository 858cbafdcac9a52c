import Foundation
import Testing

/// Validates snapshot bytes against docs/snapshot.schema.json: with Python's `jsonschema` when it
/// is installed, otherwise by a structural check of the required keys and their types.
enum DiscoveryLabSchema {
    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/snapshot.schema.json").path

    static let validator = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(3)
        schema = json.load(open(sys.argv[1]))
        instance = json.load(open(sys.argv[2]))
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(instance))
        for e in errors:
            print("/".join(map(str, e.absolute_path)) + ": " + e.message)
        sys.exit(1 if errors else 0)
        """

    static func validate(_ bytes: Data) throws {
        let dir = try DiscoveryLab.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("snap.json")
        try bytes.write(to: file)
        let r = try Lab.run(["python3", "-c", validator, schemaPath, file.path])
        if r.status == 3 || r.err.contains("No such file") {
            try structural(bytes)
            return
        }
        #expect(r.status == 0, "snapshot does not match docs/snapshot.schema.json:\n\(r.out)\(r.err)")
    }

    /// The required keys of the schema's objects, by type.
    static func structural(_ bytes: Data) throws {
        let top = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        #expect(top["schemaVersion"] as? Int == 1)
        let meta = try #require(top["metadata"] as? [String: Any])
        for key in ["collectedAt", "toolVersion", "authentication"] { #expect(meta[key] is String, "metadata.\(key)") }
        for key in ["dnsServers", "answeredDomainControllers"] { #expect(meta[key] is [String], "metadata.\(key)") }
        for f in try #require(top["forests"] as? [[String: Any]]) {
            #expect(f["root"] is String && f["domains"] is [String] && f["sites"] is [[String: Any]])
        }
        for d in try #require(top["domains"] as? [[String: Any]]) {
            #expect(d["dnsName"] is String && d["status"] is String && d["depth"] is Int)
            for dc in try #require(d["domainControllers"] as? [[String: Any]]) {
                #expect(dc["hostName"] is String && dc["answered"] is Bool && dc["roles"] is [String])
            }
        }
        for t in try #require(top["trusts"] as? [[String: Any]]) {
            #expect(t["domain"] is String && t["partner"] is String && t["direction"] is Int && t["attributes"] is Int)
        }
        for d in try #require(top["diagnostics"] as? [[String: Any]]) {
            #expect(d["category"] is String && d["operation"] is String && d["message"] is String)
        }
    }
}
