import Foundation
import Testing
import TrustMapModel

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import TrustMapExport

/// Names with quotes, backslashes, line breaks, control characters and non-ASCII stay safe.
@Suite struct EscapingTests {
    @Test func dotStrings() {
        #expect(DOTString.quoted("plain") == "\"plain\"")
        #expect(DOTString.quoted(Fixtures.oddSite) == #""Zürich \"HQ\"\\1""#)
        #expect(DOTString.quoted("ends with \\") == #""ends with \\""#)
        #expect(DOTString.quoted("\\N \\G \\l") == #""\\N \\G \\l""#)
        #expect(DOTString.quoted("two\nlines\r") == #""two\nlines""#)
        #expect(DOTString.quoted("bell\u{7}tab\t") == "\"bell\u{FFFD}tab \"")
        #expect(DOTString.quoted("日本語 ✓") == "\"日本語 ✓\"")
        #expect(DOTString.leftJustified(["a \"b\"", "c\\"]) == #""a \"b\"\lc\\\l""#)
    }

    @Test func xmlText() {
        #expect(XMLText.escaped("<a & 'b' \"c\">") == "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;")
        #expect(XMLText.escaped("a\nb\tc") == "a\nb\tc")
        #expect(XMLText.escaped("a\nb\tc", attribute: true) == "a&#10;b&#9;c")
        #expect(XMLText.escaped("nul\u{0}esc\u{1B}") == "nul\u{FFFD}esc\u{FFFD}")
        #expect(XMLText.escaped("Zürich \\1 \u{1F600}") == "Zürich \\1 \u{1F600}")
    }

    /// The GraphML of every fixture is well-formed XML whose every `data` names a declared key.
    @Test(arguments: GoldenTests.cases) func graphMLIsWellFormedAndDeclaresItsKeys(_ c: GoldenTests.Case) throws {
        let xml = c.export.graphML()
        let checker = GraphMLChecker()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = checker
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(checker.undeclared.isEmpty)
        #expect(checker.nodes == c.export.graph.nodes.count)
        #expect(checker.edges == c.export.graph.edges.count)
        // Escaped names come back as they were.
        if c.name.hasPrefix("everything") {
            #expect(checker.texts.contains { $0.contains(Fixtures.oddSite) })
        }
    }

    /// The graph JSON decodes back to the same graph.
    @Test(arguments: GoldenTests.cases) func jsonRoundTrips(_ c: GoldenTests.Case) throws {
        let json = try c.export.json()
        let decoded = try JSONDecoder().decode(ExportGraph.self, from: Data(json.utf8))
        #expect(decoded == c.export.graph)
        #expect(decoded.format == "trustmap-graph" && decoded.version == 1)
    }
}

/// Collects what a GraphML document declares and uses.
final class GraphMLChecker: NSObject, XMLParserDelegate {
    var declared: Set<String> = []
    var undeclared: [String] = []
    var nodes = 0
    var edges = 0
    var texts: [String] = []
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "key": declared.insert(attributes["id"] ?? "")
        case "data":
            if let key = attributes["key"], !declared.contains(key) { undeclared.append(key) }
        case "node": nodes += 1
        case "edge": edges += 1
        default: break
        }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "data" { texts.append(text) }
    }
}
