import Foundation
import Testing

/// Golden files under `Tests/TrustMapExportTests/Golden/`: output is compared byte for byte; with
/// `UPDATE_GOLDEN=1` in the environment the files are rewritten instead.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// Checks `text` against the golden file `name`.
    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("golden file \(name) is missing; run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        let actual = Data(text.utf8)
        if actual != expected {
            let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(e, a)).firstIndex { $0.0 != $0.1 } ?? min(e.count, a.count)
            let want = line < e.count ? String(e[line]) : "<end>"
            let got = line < a.count ? String(a[line]) : "<end>"
            Issue.record(
                "\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(UPDATE_GOLDEN=1 rewrites it)",
                sourceLocation: sourceLocation)
        }
    }
}
