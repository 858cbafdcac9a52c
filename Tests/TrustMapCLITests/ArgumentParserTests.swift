import Testing
@testable import TrustMapCLI

@Suite struct ArgumentParserTests {
    @Test func defaultsWhenNothingIsGiven() throws {
        let p = try parseSample(["corp.example.test"])
        #expect(p.argument("domain") == "corp.example.test")
        #expect(p.flag("follow-trusts") == false)
        #expect(p.value("output") == "-")
        #expect(p.isGiven("output") == false)
        #expect(p.integer("max-depth") == 3)
        #expect(p.integer("timeout") == nil)
        #expect(p.value("format") == "table")
        #expect(p.values("exclude") == [])
        #expect(p.keyValues("dns-server-for") == [])
        #expect(p.json == false && p.quiet == false)
    }

    @Test func longShortAndInlineForms() throws {
        let p = try parseSample([
            "--follow-trusts", "--output=out.json", "--max-depth", "5", "--format=dot", "-x", "a.test", "-xb.test",
            "-x=c.test", "--json", "-q", "corp.example.test",
        ])
        #expect(p.flag("follow-trusts"))
        #expect(p.value("output") == "out.json")
        #expect(p.isGiven("output"))
        #expect(p.integer("max-depth") == 5)
        #expect(p.value("format") == "dot")
        #expect(p.values("exclude") == ["a.test", "b.test", "c.test"])
        #expect(p.json && p.quiet)
    }

    @Test func shortValueOption() throws {
        let p = try parseSample(["-o", "snap.json", "corp.example.test"])
        #expect(p.value("output") == "snap.json")
    }

    @Test func dashAloneIsAValueAndAnArgument() throws {
        let p = try parseSample(["--output", "-", "-"])
        #expect(p.value("output") == "-")
        #expect(p.argument("domain") == "-")
    }

    @Test func inlineValueMayContainEquals() throws {
        let p = try parseSample(["--output=a=b", "d.test"])
        #expect(p.value("output") == "a=b")
    }

    @Test func repeatableKeepsOrder() throws {
        let p = try parseSample([
            "--dns-server-for", "corp.example.test=127.0.0.53:53", "--dns-server-for=partner.example.test=127.0.0.21",
            "corp.example.test",
        ])
        #expect(
            p.keyValues("dns-server-for") == [
                KeyValue(key: "corp.example.test", value: "127.0.0.53:53"),
                KeyValue(key: "partner.example.test", value: "127.0.0.21"),
            ])
    }

    @Test func doubleDashEndsOptions() throws {
        let p = try parseSample(["--follow-trusts", "--", "--weird-domain"])
        #expect(p.flag("follow-trusts"))
        #expect(p.argument("domain") == "--weird-domain")
        #expect(p.positionals == ["--weird-domain"])
    }

    @Test func negativeNumberIsAValue() throws {
        let e = cliError { _ = try parseSample(["--max-depth", "-1", "d.test"]) }
        // Taken as the value, then refused by the range check (not "needs a value").
        #expect(e?.message == "invalid value '-1' for '--max-depth': expected an integer from 0 to 10")
    }

    @Test func optionsAfterArguments() throws {
        let p = try parseSample(["corp.example.test", "--follow-trusts"])
        #expect(p.flag("follow-trusts"))
        #expect(p.argument("domain") == "corp.example.test")
    }

    @Test func unknownLongOptionSuggestsByPrefix() {
        let e = cliError { _ = try parseSample(["--fo", "d.test"]) }
        #expect(e?.status == .usage)
        #expect(e?.usageOf == "discover")
        #expect(e?.message == "unknown option '--fo' for 'discover'; did you mean '--follow-trusts'?")
        let g = cliError { _ = try parseSample(["--form", "d.test"]) }
        #expect(g?.message == "unknown option '--form' for 'discover'; did you mean '--format'?")
        let f = cliError { _ = try parseSample(["--follow", "d.test"]) }
        #expect(f?.message == "unknown option '--follow' for 'discover'; did you mean '--follow-trusts'?")
    }

    @Test func unknownLongOptionSuggestsByEditDistance() {
        let e = cliError { _ = try parseSample(["--outptu", "x", "d.test"]) }
        #expect(e?.message == "unknown option '--outptu' for 'discover'; did you mean '--output'?")
    }

    @Test func unknownOptionWithoutCloseMatch() {
        let e = cliError { _ = try parseSample(["--zzzzzzzzzz", "d.test"]) }
        #expect(e?.message == "unknown option '--zzzzzzzzzz' for 'discover'")
        #expect(e?.status == .usage)
    }

    @Test func unknownShortOption() {
        let e = cliError { _ = try parseSample(["-z", "d.test"]) }
        #expect(e?.message == "unknown option '-z' for 'discover'")
        let combined = cliError { _ = try parseSample(["-qz", "d.test"]) }
        #expect(
            combined?.message.hasPrefix("unknown option '-qz' for 'discover'; '-q' (--quiet) takes no value") == true)
    }

    @Test func missingValue() {
        let atEnd = cliError { _ = try parseSample(["d.test", "--output"]) }
        #expect(atEnd?.message == "option '--output' of 'discover' needs a value (FILE)")
        #expect(atEnd?.status == .usage)
        let beforeOption = cliError { _ = try parseSample(["--output", "--follow-trusts", "d.test"]) }
        #expect(beforeOption?.message == "option '--output' of 'discover' needs a value (FILE)")
        let short = cliError { _ = try parseSample(["d.test", "-o"]) }
        #expect(short?.message == "option '-o' of 'discover' needs a value (FILE)")
    }

    @Test func flagWithValue() {
        let e = cliError { _ = try parseSample(["--follow-trusts=yes", "d.test"]) }
        #expect(e?.message == "option '--follow-trusts' of 'discover' takes no value")
    }

    @Test func badInteger() {
        let e = cliError { _ = try parseSample(["--max-depth", "three", "d.test"]) }
        #expect(e?.message == "invalid value 'three' for '--max-depth': expected an integer from 0 to 10")
        let high = cliError { _ = try parseSample(["--max-depth=11", "d.test"]) }
        #expect(high?.message == "invalid value '11' for '--max-depth': expected an integer from 0 to 10")
        let unbounded = cliError { _ = try parseSample(["--timeout", "1.5", "d.test"]) }
        #expect(unbounded?.message == "invalid value '1.5' for '--timeout': expected an integer")
        #expect(unbounded?.status == .usage)
    }

    @Test func badChoiceNamesAllowedValues() {
        let e = cliError { _ = try parseSample(["--format", "jsn", "d.test"]) }
        #expect(
            e?.message == "invalid value 'jsn' for '--format'; allowed values: table, json, dot (did you mean 'json'?)")
        #expect(e?.status == .usage)
    }

    @Test func badKeyValue() {
        let e = cliError { _ = try parseSample(["--dns-server-for", "corp.example.test", "d.test"]) }
        #expect(e?.message == "invalid value 'corp.example.test' for '--dns-server-for': expected KEY=VALUE")
        let empty = cliError { _ = try parseSample(["--dns-server-for", "=127.0.0.1", "d.test"]) }
        #expect(empty?.message.contains("both sides of '=' must be non-empty") == true)
        #expect(empty?.usageOf == "discover")
    }

    @Test func nonRepeatableGivenTwice() {
        let e = cliError { _ = try parseSample(["-o", "a", "-o", "b", "d.test"]) }
        #expect(e?.message == "option '-o' of 'discover' given more than once; it takes one value")
    }

    @Test func repeatedFlagIsHarmless() throws {
        let p = try parseSample(["--json", "--json", "d.test"])
        #expect(p.json)
    }

    @Test func missingAndExtraArguments() {
        let missing = cliError { _ = try parseSample(["--follow-trusts"]) }
        #expect(missing?.message == "missing argument <domain> for 'discover'")
        #expect(missing?.status == .usage)
        let extra = cliError { _ = try parseSample(["a.test", "b.test"]) }
        #expect(extra?.message == "unexpected argument 'b.test' for 'discover'")
    }

    @Test func repeatingArgument() throws {
        let parse = { (words: [String]) throws(CLIError) in
            try ArgumentParser.parse(
                words, command: "merge", options: [], positional: FilesCommand.arguments)
        }
        let p = try parse(["all.json", "a.json", "b.json"])
        #expect(p.argument("output") == "all.json")
        #expect(p.arguments("inputs") == ["a.json", "b.json"])
        let none = cliError { _ = try parse(["all.json"]) }
        #expect(none?.message == "missing argument <inputs>... for 'merge'")
    }

    @Test func optionalArgument() throws {
        let specs = [ArgumentSpec("snapshot", help: "A snapshot.", optional: true)]
        let p = try ArgumentParser.parse([], command: "show", options: [], positional: specs)
        #expect(p.argument("snapshot") == nil)
    }

    @Test func passwordOptionsAreRefused() {
        for word in ["--password", "--password=hunter2", "--bind-password", "--pass", "--passwd=x"] {
            let e = cliError { _ = try parseSample([word, "d.test"]) }
            #expect(e?.status == .usage)
            #expect(e?.message.contains("is not accepted") == true)
            #expect(e?.message.contains("--password-file FILE") == true)
            #expect(e?.message.contains("--password-env VAR") == true)
            #expect(e?.message.contains("KRB5CCNAME") == true)
            #expect(e?.message.contains("hunter2") == false)
        }
        // The declared password sources are not refused.
        #expect(cliError { _ = try parseSample(["--password-file", "/x", "d.test"]) } == nil)
    }

    @Test func convertedNamesOptionAndValue() throws {
        struct Bad: Error, CustomStringConvertible { var description: String { "not a domain" } }
        let p = try parseSample(["-o", "x", "d.test"])
        let e = cliError { _ = try p.converted("output") { _ throws -> Int in throw Bad() } }
        #expect(e?.message == "invalid value 'x' for '--output': not a domain")
        #expect(e?.status == .usage)
        #expect(try p.converted("max-depth") { Int($0)! * 2 } == 6)
        let arg = cliError { _ = try p.convertedArgument("domain") { _ throws -> Int in throw Bad() } }
        #expect(arg?.message == "invalid <domain> 'd.test': not a domain")
    }

    @Test func requireNamesTheOption() throws {
        let p = try parseSample(["d.test"])
        #expect(try p.require("output") == "-")
        let e = cliError { _ = try p.require("timeout") }
        #expect(e?.message == "option '--timeout' is required for 'discover'")
    }

    @Test func wantsHelp() {
        #expect(ArgumentParser.wantsHelp(["a", "--help"]))
        #expect(ArgumentParser.wantsHelp(["-h"]))
        #expect(!ArgumentParser.wantsHelp(["--", "--help"]))
        #expect(!ArgumentParser.wantsHelp(["--helpful"]))
    }
}

@Suite struct SuggestionTests {
    @Test func distance() {
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.distance("", "abc") == 3)
        #expect(Suggestion.distance("same", "same") == 0)
    }

    @Test func closest() {
        #expect(Suggestion.closest(to: "discver", in: ["discover", "check", "version"]) == "discover")
        #expect(Suggestion.closest(to: "chek", in: ["discover", "check"]) == "check")
        #expect(Suggestion.closest(to: "xyzzy", in: ["discover", "check"]) == nil)
        #expect(Suggestion.closest(to: "", in: ["a"]) == nil)
    }
}
