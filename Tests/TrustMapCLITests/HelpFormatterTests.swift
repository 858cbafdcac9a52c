import Testing
@testable import TrustMapCLI

@Suite struct HelpFormatterTests {
    @Test func commandHelpHasEverySection() {
        let help = HelpFormatter.help(for: SampleCommand.self)
        #expect(help.hasPrefix("USAGE: trustmap discover [options] <domain>\n\nDiscovers domains"))
        #expect(help.contains("Reads the starting domain's DCs"))
        #expect(help.contains("ARGUMENTS:\n  <domain>"))
        #expect(help.contains("OPTIONS:\n"))
        #expect(help.contains("GLOBAL OPTIONS:\n"))
        #expect(
            help.contains("EXAMPLES:\n  trustmap discover corp.example.test\n      Discovers from corp.example.test.\n")
        )
        // Every declared option, with its value name.
        for option in SampleCommand.options {
            #expect(help.contains(HelpFormatter.optionLabel(option)), "missing \(option.name)")
        }
        #expect(help.contains("-o, --output FILE"))
        #expect(help.contains("    --dns-server-for DOMAIN=IP[:PORT]"))
        #expect(help.contains("    --max-depth N"))
        // Defaults, allowed values, ranges, repeatability.
        #expect(help.contains("(default: -)"))
        #expect(help.contains("(default: 3)"))
        #expect(help.contains("One of: table, json, dot. (default: table)"))
        #expect(help.contains("Range: 0..10."))
        #expect(help.contains("A domain to skip. (repeatable)"))
        #expect(help.contains("--json"))
        #expect(help.contains("-q, --quiet"))
        #expect(help.contains("-h, --help"))
    }

    @Test func linesFitTheWidth() {
        for help in [HelpFormatter.help(for: SampleCommand.self), HelpFormatter.mainHelp(commands: CommandTable.all)] {
            for line in help.split(separator: "\n") {
                #expect(line.count <= HelpFormatter.width, "too long: \(line)")
                #expect(!line.hasSuffix(" "), "trailing space: \(line)")
            }
        }
    }

    @Test func mainHelpListsCommandsAndExitStatuses() {
        let help = HelpFormatter.mainHelp(commands: CommandTable.all + [SampleCommand.self])
        #expect(help.contains("USAGE: trustmap <command> [options] [arguments]"))
        #expect(help.contains("  discover"))
        #expect(help.contains("  version"))
        #expect(help.contains("  help"))
        #expect(help.contains("--version"))
        for status in ExitStatus.allCases {
            #expect(help.contains("  \(status.rawValue) "), "exit status \(status.rawValue) missing")
        }
        #expect(help.contains("--password-file"))
    }

    @Test func usageTokens() {
        #expect(ArgumentSpec("a", help: "").usageToken == "<a>")
        #expect(ArgumentSpec("a", help: "", optional: true).usageToken == "[<a>]")
        #expect(ArgumentSpec("a", help: "", repeating: true).usageToken == "<a>...")
        #expect(HelpFormatter.usageLine(FilesCommand.self) == "trustmap merge [options] <output> <inputs>...")
    }

    @Test func wrap() {
        let text = String(repeating: "word ", count: 40)
        let wrapped = HelpFormatter.wrap(text, indent: 4)
        for line in wrapped.split(separator: "\n") {
            #expect(line.hasPrefix("    word"))
            #expect(line.count <= HelpFormatter.width)
        }
    }
}
