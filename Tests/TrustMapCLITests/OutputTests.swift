import Foundation
import Testing
@testable import TrustMapCLI

@Suite struct OutputTests {
    @Test func tableAlignsColumns() {
        var table = TextTable(columns: [.init("DOMAIN"), .init("DCS", alignment: .right), .init("STATUS")])
        table.append(["corp.example.test", "3", "complete"])
        table.append(["legacy.example.test", "12"])
        #expect(
            table.render() == """
                DOMAIN               DCS  STATUS
                corp.example.test      3  complete
                legacy.example.test   12

                """)
    }

    @Test func tableWithHeadersOnly() {
        #expect(TextTable(headers: ["A", "B"]).render() == "A  B\n")
    }

    @Test func jsonIsDeterministic() throws {
        struct Sample: Encodable {
            var zeta = 1
            var alpha = "https://dc1.corp.example.test/x"
            var when = Date(timeIntervalSince1970: 0)
        }
        let text = String(decoding: try JSONCoding.encode(Sample()), as: UTF8.self)
        #expect(
            text == """
                {
                  "alpha" : "https://dc1.corp.example.test/x",
                  "when" : "1970-01-01T00:00:00Z",
                  "zeta" : 1
                }
                """)
    }

    @Test func outputSeparatesStreams() throws {
        let out = BufferSink()
        let err = BufferSink()
        let output = Output(standardOutput: out, standardError: err)
        output.line("result")
        output.warning("careful")
        try output.json(["k": "v"])
        let context = CommandContext(
            output: output, environment: [:], terminal: Terminal(inputDescriptor: -1), json: false, quiet: true)
        context.progress("hidden")
        context.progressHandler("hidden too")
        #expect(out.text == "result\n{\n  \"k\" : \"v\"\n}\n")
        #expect(err.text == "trustmap: warning: careful\n")
        let loud = CommandContext(
            output: output, environment: [:], terminal: Terminal(inputDescriptor: -1), json: false, quiet: false)
        loud.progressHandler("shown")
        #expect(err.text.hasSuffix("shown\n"))
    }

    @Test func contextWritesDashToItsOwnStdout() throws {
        let out = BufferSink()
        let context = CommandContext(
            output: Output(standardOutput: out, standardError: BufferSink()), environment: [:],
            terminal: Terminal(inputDescriptor: -1), json: true, quiet: false)
        try context.writeJSON(["b": 2, "a": 1], to: "-", what: "plan")
        #expect(out.text == "{\n  \"a\" : 1,\n  \"b\" : 2\n}\n")
    }

    @Test func encodingFailureIsInternal() {
        let e = cliError { _ = try JSONCoding.encode([Double.nan]) }
        #expect(e?.status == .internalError)
    }

    @Test func jsonPaths() {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init(intValue: Int) {
                self.stringValue = "Index \(intValue)"
                self.intValue = intValue
            }
        }
        #expect(JSONCoding.path([]) == "$")
        #expect(
            JSONCoding.path([Key(stringValue: "domains"), Key(intValue: 2), Key(stringValue: "dnsName")])
                == "$.domains[2].dnsName")
    }

    @Test func keyValueParsing() throws {
        let kv = try KeyValue(parsing: "corp.example.test=127.0.0.53:5353", option: "--dns-server-for")
        #expect(kv.key == "corp.example.test" && kv.value == "127.0.0.53:5353")
        #expect(kv.description == "corp.example.test=127.0.0.53:5353")
        let e = cliError { _ = try KeyValue(parsing: "novalue", option: "--dns-server-for") }
        #expect(e?.status == .usage)
    }
}
