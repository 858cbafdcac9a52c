import Foundation
import Testing
import TrustMapExport
import TrustMapModel

/// Every DOT the tests produce renders with Graphviz's `dot -Tsvg` with no warning; the wrapper reports a
/// missing or failing `dot` clearly.
@Suite struct GraphvizTests {
    static let renderer = GraphvizRenderer()

    /// The shared fixture topologies (`topologies/*.json` at the top of the repository): every file that looks
    /// like a snapshot (it has `forests`), decoded, or the error decoding it.
    static var topologies: [(String, Result<Snapshot, any Error>)] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("topologies")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                object["forests"] != nil
            else { return nil }
            return (name, Result { try JSONDecoder().decode(Snapshot.self, from: data) })
        }
    }

    private func renderClean(_ dot: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let out = try Self.renderer.render(dot, format: "svg")
            #expect(
                out.warnings.isEmpty, "dot -Tsvg warned on \(name): \(out.warnings)", sourceLocation: sourceLocation)
            #expect(
                String(decoding: out.data, as: UTF8.self).contains("<svg"), "\(name): no SVG",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("dot -Tsvg failed on \(name): \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func dotIsInstalled() {
        #expect(Self.renderer.executable != nil, "\(GraphvizRenderer.missingMessage)")
    }

    /// Every golden DOT file.
    @Test func everyGoldenDOTRendersWithoutWarnings() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Golden.directory.path)
            .filter { $0.hasSuffix(".dot") }.sorted()
        #expect(files.count == GoldenTests.cases.count)
        for name in files {
            let text = try String(contentsOf: Golden.directory.appendingPathComponent(name), encoding: .utf8)
            renderClean(text, name)
        }
    }

    /// Every DOT the golden cases produce now (the same as the files unless they are out of date).
    @Test(arguments: GoldenTests.cases) func everyCaseRendersWithoutWarnings(_ c: GoldenTests.Case) {
        renderClean(c.export.dot(), c.name)
    }

    /// The shared fixture topologies, with and without DCs.
    @Test func topologiesRenderWithoutWarnings() {
        for (name, result) in Self.topologies {
            guard case .success(let snapshot) = result else {
                Issue.record("\(name) does not decode as a snapshot: \(result)")
                continue
            }
            let plain = TrustGraphExport(snapshot: snapshot).dot()
            let withDCs = TrustGraphExport(
                snapshot: snapshot, options: TrustGraphOptions(includeDomainControllers: true)
            )
            .dot()
            renderClean(plain, name)
            renderClean(withDCs, name + " --dcs")
            // TRUSTMAP_EXPORT_DUMP=DIR keeps the DOT files, to look at them.
            if let dir = ProcessInfo.processInfo.environment["TRUSTMAP_EXPORT_DUMP"] {
                let base = URL(fileURLWithPath: dir).appendingPathComponent(String(name.dropLast(5)))
                try? Data(plain.utf8).write(to: base.appendingPathExtension("dot"))
                try? Data(withDCs.utf8).write(to: base.appendingPathExtension("dcs.dot"))
            }
        }
    }

    /// Quotes, backslashes and non-ASCII come out of Graphviz as they went in.
    @Test func oddNamesSurviveRendering() throws {
        let export = TrustGraphExport(
            snapshot: Fixtures.everything, options: TrustGraphOptions(includeDomainControllers: true))
        let svg = String(decoding: try export.render(.svg, renderer: Self.renderer).data, as: UTF8.self)
        #expect(svg.contains("Site Zürich &quot;HQ&quot;\\1"))
        #expect(svg.contains("Zürich &quot;HQ&quot;\\1"))
    }

    @Test func pngIsAPNG() throws {
        let png = try TrustGraphExport(snapshot: Fixtures.lab).render(.png, renderer: Self.renderer)
        #expect(png.data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.warnings.isEmpty)
    }

    /// A graph far larger than a pipe's buffer goes through without the pipes blocking.
    @Test func largeGraphRenders() throws {
        let root: DNSName = "root.example.test"
        var domains = [Domain(dnsName: root, netbiosName: "ROOT")]
        var trusts: [Trust] = []
        for i in 0..<150 {
            let name = try DNSName(parsing: "d\(i).root.example.test")
            domains.append(Domain(dnsName: name, netbiosName: try NetBIOSName(parsing: "D\(i)"), parent: root))
            trusts.append(
                Trust(
                    domain: root, partner: name.value, direction: .bidirectional, type: .uplevel,
                    attributes: [.withinForest], intraForestRelation: .parentChild))
            trusts.append(
                Trust(
                    domain: name, partner: root.value, direction: .bidirectional, type: .uplevel,
                    attributes: [.withinForest], intraForestRelation: .parentChild))
        }
        let forest = Forest(root: root, domains: domains.map(\.dnsName))
        let snapshot = Snapshot(metadata: Fixtures.metadata, forests: [forest], domains: domains, trusts: trusts)
        let export = TrustGraphExport(snapshot: snapshot)
        #expect(export.dot().utf8.count > 65536)
        let out = try export.render(.svg, renderer: Self.renderer)
        #expect(out.warnings.isEmpty)
        #expect(out.data.count > 65536)
    }

    @Test func missingDotIsAClearError() {
        let missing = GraphvizRenderer(path: "/nonexistent:/also/not/here")
        #expect(missing.executable == nil)
        #expect(throws: ExportError(.graphvizMissing, operation: "dot -Tsvg", GraphvizRenderer.missingMessage)) {
            try TrustGraphExport(snapshot: Fixtures.lab).render(.svg, renderer: missing)
        }
        #expect(GraphvizRenderer.missingMessage.contains("Debian package graphviz"))
        // Text formats do not need Graphviz.
        #expect(throws: Never.self) { try TrustGraphExport(snapshot: Fixtures.lab).render(.dot, renderer: missing) }
    }

    @Test func dotFailureCarriesGraphvizMessage() {
        do {
            _ = try Self.renderer.render("digraph { a -> }", format: "svg")
            Issue.record("dot accepted broken input")
        } catch {
            #expect(error.code == .graphvizFailed)
            #expect(error.message.contains("syntax error"), "\(error.message)")
        }
    }
}
