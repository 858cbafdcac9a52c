import Foundation
import Testing
import TrustMapModel

/// Runs the built `trustmap` executable and checks stdout, stderr and the exit status.
///
/// The executable is looked up next to the test runner (`.build/<triple>/debug/trustmap`);
/// `swift build` must have built it (`swift test` builds it too, as a product of the package).
@Suite struct BinaryTests {
    static var executable: URL? {
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("trustmap")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let executable = try #require(
            executable, "the trustmap executable is not next to the test runner; run `swift build` first")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
            err: String(decoding: errData, as: UTF8.self))
    }

    @Test func help() throws {
        let r = try Self.run(["--help"])
        #expect(r.status == 0)
        #expect(r.out.contains("USAGE: trustmap <command> [options] [arguments]"))
        #expect(r.out.contains("EXIT STATUS:"))
        #expect(r.out.contains("  77   credentials missing or refused"))
        #expect(r.out.contains("  version"))
        #expect(r.err == "")
    }

    @Test func commandHelp() throws {
        let r = try Self.run(["help", "version"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("USAGE: trustmap version [options]\n"))
        #expect(r.out.contains("EXAMPLES:"))
        #expect(try Self.run(["version", "--help"]).out == r.out)
    }

    @Test func version() throws {
        let r = try Self.run(["--version"])
        #expect(r.status == 0)
        #expect(r.out == "trustmap \(TrustMapVersion.current)\n")
        #expect(r.err == "")
        let json = try Self.run(["version", "--json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect(object?["version"] as? String == TrustMapVersion.current)
    }

    @Test func wrongFlag() throws {
        let r = try Self.run(["version", "--jsn"])
        #expect(r.status == 64)
        #expect(r.out == "")
        #expect(
            r.err == """
                trustmap: unknown option '--jsn' for 'version'; did you mean '--json'?
                Usage: trustmap version [options]
                Run 'trustmap help version' for more information.

                """)
    }

    @Test func unknownCommand() throws {
        let r = try Self.run(["verzion"])
        #expect(r.status == 64)
        #expect(r.out == "")
        #expect(r.err.hasPrefix("trustmap: unknown command 'verzion'; did you mean 'version'?\n"))
        #expect(r.err.contains("Run 'trustmap --help' for the list of commands."))
    }

    @Test func passwordOnCommandLineRefused() throws {
        let r = try Self.run(["version", "--password", "hunter2"])
        #expect(r.status == 64)
        #expect(r.err.contains("'--password' is not accepted"))
        #expect(!r.err.contains("hunter2"))
    }

    @Test func closedStdoutDoesNotKillTheProcess() throws {
        // `trustmap ... | head`: once the reader is gone, writes fail with EPIPE; SIGPIPE must not kill trustmap.
        let executable = try #require(Self.executable)
        let out = Pipe()
        try out.fileHandleForReading.close()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--help"]
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        try out.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
