import Testing
import TrustMapModel
@testable import TrustMapCLI

@Suite struct TrustMapCommandTests {
    @Test func runsACommand() async {
        let r = await runInProcess(["discover", "corp.example.test"])
        #expect(r.status == .success)
        #expect(r.out == "domain=corp.example.test\n")
        #expect(r.err == "progress: starting at corp.example.test\n")
    }

    @Test func quietSilencesProgressBeforeOrAfterTheCommand() async {
        for words in [["--quiet", "discover", "d.test"], ["discover", "-q", "d.test"]] {
            let r = await runInProcess(words)
            #expect(r.status == .success)
            #expect(r.out == "domain=d.test\n")
            #expect(r.err == "")
        }
    }

    @Test func jsonBeforeTheCommandReachesIt() async {
        let r = await runInProcess(["--json", "version"])
        #expect(r.status == .success)
        #expect(r.out.contains("\"version\" : \"\(TrustMapVersion.current)\""))
        #expect(r.out.contains("\"snapshotSchemaVersion\" : \(Snapshot.currentSchemaVersion)"))
    }

    @Test func versionForms() async {
        for words in [["--version"], ["version"]] {
            let r = await runInProcess(words)
            #expect(r.status == .success)
            #expect(r.out == "trustmap \(TrustMapVersion.current)\n")
            #expect(r.err == "")
        }
    }

    @Test func helpForms() async {
        let main = await runInProcess(["--help"])
        #expect(main.status == .success)
        #expect(main.out.contains("USAGE: trustmap <command>"))
        #expect(await runInProcess(["help"]).out == main.out)
        #expect(await runInProcess(["-h"]).out == main.out)

        let byHelp = await runInProcess(["help", "discover"])
        let byFlag = await runInProcess(["discover", "--help"])
        let byShort = await runInProcess(["discover", "--bogus", "-h"])
        #expect(byHelp.status == .success && byFlag.status == .success && byShort.status == .success)
        #expect(byHelp.out.hasPrefix("USAGE: trustmap discover [options] <domain>"))
        #expect(byFlag.out == byHelp.out)
        #expect(byShort.out == byHelp.out)
    }

    @Test func unknownCommand() async {
        let r = await runInProcess(["discovr", "x"])
        #expect(r.status == .usage)
        #expect(r.out == "")
        #expect(
            r.err.hasPrefix("trustmap: unknown command 'discovr'; did you mean 'discover'?\nUsage: trustmap <command>"))
        let help = await runInProcess(["help", "nope"])
        #expect(help.status == .usage)
        #expect(help.err.hasPrefix("trustmap: unknown command 'nope'"))
    }

    @Test func missingCommand() async {
        let r = await runInProcess([])
        #expect(r.status == .usage)
        #expect(r.err.hasPrefix("trustmap: missing command\n"))
        let onlyGlobals = await runInProcess(["--json"])
        #expect(onlyGlobals.status == .usage)
    }

    @Test func unknownTopLevelOption() async {
        let r = await runInProcess(["--verison"])
        #expect(r.status == .usage)
        #expect(r.err.hasPrefix("trustmap: unknown option '--verison'; did you mean '--version'?\n"))
        let password = await runInProcess(["--password=secret", "version"])
        #expect(password.status == .usage)
        #expect(password.err.contains("'--password' is not accepted"))
        #expect(!password.err.contains("secret\n") && !password.err.contains("=secret"))
    }

    @Test func usageErrorShowsTheCommandsUsage() async {
        let r = await runInProcess(["discover", "--fo", "d.test"])
        #expect(r.status == .usage)
        #expect(
            r.err == """
                trustmap: unknown option '--fo' for 'discover'; did you mean '--follow-trusts'?
                Usage: trustmap discover [options] <domain>
                Run 'trustmap help discover' for more information.

                """)
    }

    @Test func statusesFromCommands() async {
        let cli = await runInProcess(["fail", "--with", "cli"])
        #expect(cli.status == .unavailable)
        #expect(cli.err == "trustmap: no DC of corp.example.test answered\n")
        let other = await runInProcess(["fail", "--with", "other"])
        #expect(other.status == .internalError)
        #expect(other.err == "trustmap: internal error: the widget broke\n")
        #expect(await runInProcess(["fail", "--with", "negative"]).status == .negative)
        #expect(await runInProcess(["fail", "--with", "partial"]).status == .partial)
    }

    @Test func exitStatusValuesAreFixed() {
        let expected: [TrustMapCLI.ExitStatus: Int32] = [
            .success: 0, .negative: 1, .partial: 3, .usage: 64, .badData: 65, .noInput: 66, .unavailable: 69,
            .internalError: 70, .cannotCreate: 73, .ioError: 74, .credentials: 77,
        ]
        #expect(TrustMapCLI.ExitStatus.allCases.count == expected.count)
        for (status, value) in expected { #expect(status.rawValue == value) }
    }

    @Test func everyRegisteredCommandIsWellFormed() {
        var names = Set<String>()
        for command in CommandTable.all {
            #expect(names.insert(command.name).inserted, "duplicate command \(command.name)")
            #expect(!command.summary.isEmpty)
            #expect(!command.examples.isEmpty, "\(command.name) has no examples")
            for example in command.examples { #expect(example.commandLine.hasPrefix("trustmap \(command.name)")) }
            // Parsing an empty command line must not trap on the declarations (duplicates, bad defaults).
            _ = try? ArgumentParser.parse(
                [], command: command.name, options: command.options, positional: command.arguments)
            #expect(CommandTable.command(named: command.name) != nil)
        }
    }
}
