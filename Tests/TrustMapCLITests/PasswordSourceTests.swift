import Foundation
import Testing
@testable import TrustMapCLI
@testable import TrustMapClients

#if canImport(Glibc)
    import Glibc
#endif

/// The secret's text, through the clients module's internal accessor.
private func reveal(_ secret: Secret) -> String {
    secret.withCString { String(cString: $0) }
}

@Suite struct PasswordSourceTests {
    private func write(_ text: String, mode: Int) throws -> (URL, URL) {
        let dir = try makeTemporaryDirectory()
        let file = dir.appendingPathComponent("password")
        try Data(text.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return (dir, file)
    }

    @Test func fileLosesOneTrailingNewline() throws {
        for (content, expected) in [
            ("s3cret\n", "s3cret"), ("s3cret", "s3cret"), ("s3cret\r\n", "s3cret"),
            ("s3cret\n\n", "s3cret\n"), (" spaced \n", " spaced "),
        ] {
            let (dir, file) = try write(content, mode: 0o600)
            defer { try? FileManager.default.removeItem(at: dir) }
            var warnings: [String] = []
            let secret = try PasswordSource.file(file.path).read(
                environment: [:], terminal: Terminal(inputDescriptor: -1), warn: { warnings.append($0) })
            #expect(reveal(secret) == expected)
            #expect(warnings.isEmpty)
        }
    }

    @Test func worldReadableFileWarnsButWorks() throws {
        let (dir, file) = try write("s3cret\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(at: dir) }
        var warnings: [String] = []
        let secret = try PasswordSource.file(file.path).read(
            environment: [:], terminal: Terminal(inputDescriptor: -1), warn: { warnings.append($0) })
        #expect(reveal(secret) == "s3cret")
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("readable by other users (mode 644)") == true)
        #expect(warnings.first?.contains("s3cret") == false)
    }

    @Test func missingFileIs66() {
        let e = cliError {
            _ = try PasswordSource.file("/nonexistent/trustmap/pw").read(
                environment: [:], terminal: Terminal(inputDescriptor: -1))
        }
        #expect(e?.status == .noInput)
        #expect(e?.message == "cannot open password file '/nonexistent/trustmap/pw': No such file or directory")
    }

    @Test func emptyFileIs77() throws {
        let (dir, file) = try write("\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = cliError {
            _ = try PasswordSource.file(file.path).read(environment: [:], terminal: Terminal(inputDescriptor: -1))
        }
        #expect(e?.status == .credentials)
    }

    @Test func environmentVariable() throws {
        let secret = try PasswordSource.environment("TM_PW").read(
            environment: ["TM_PW": "from-env"], terminal: Terminal(inputDescriptor: -1))
        #expect(reveal(secret) == "from-env")
    }

    @Test func environmentVariableUnsetOrEmptyIs77() {
        let unset = cliError {
            _ = try PasswordSource.environment("TM_PW").read(environment: [:], terminal: Terminal(inputDescriptor: -1))
        }
        #expect(unset?.status == .credentials)
        #expect(unset?.message == "the environment variable 'TM_PW' is not set")
        let empty = cliError {
            _ = try PasswordSource.environment("TM_PW").read(
                environment: ["TM_PW": ""], terminal: Terminal(inputDescriptor: -1))
        }
        #expect(empty?.status == .credentials)
        #expect(empty?.message == "the environment variable 'TM_PW' is empty")
    }

    @Test func passwordGivenInsteadOfVariableNameIsNotRepeated() {
        for value in ["hunter2!", "correct horse", "Pa$$w0rd"] {
            let e = cliError {
                _ = try PasswordSource.environment(value).read(
                    environment: [:], terminal: Terminal(inputDescriptor: -1))
            }
            #expect(e?.status == .usage)
            #expect(e?.message.contains(value) == false)
        }
        // A valid name in lower case might be a password: not echoed either.
        let lower = cliError {
            _ = try PasswordSource.environment("hunter2").read(
                environment: [:], terminal: Terminal(inputDescriptor: -1))
        }
        #expect(lower?.status == .credentials)
        #expect(lower?.message.contains("hunter2") == false)
    }

    @Test func promptRefusedWithoutATerminal() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let prompts = BufferSink()
        let e = cliError {
            _ = try PasswordSource.prompt.read(
                environment: [:], terminal: Terminal(inputDescriptor: fds[0], promptSink: prompts))
        }
        #expect(e?.status == .credentials)
        #expect(e?.message.contains("stdin is not a terminal") == true)
        for alternative in ["--password-file", "--password-env", "--keytab", "KRB5CCNAME"] {
            #expect(e?.message.contains(alternative) == true)
        }
        #expect(prompts.text == "", "no prompt is written when it cannot be answered")
    }

    @Test func promptOnAPseudoTerminalReadsWithEchoOff() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        #expect(openpty(&master, &slave, nil, nil, nil) == 0)
        defer {
            close(master)
            close(slave)
        }
        let prompts = BufferSink()
        let terminal = Terminal(inputDescriptor: slave, promptSink: prompts)
        #expect(terminal.isInteractive)
        let masterFD = master
        let slaveFD = slave
        // Type the answer once echo is off (TCSAFLUSH discards anything typed before).
        let typist = Thread {
            for _ in 0..<500 {
                var mode = termios()
                if tcgetattr(slaveFD, &mode) == 0, mode.c_lflag & tcflag_t(ECHO) == 0 { break }
                usleep(2000)
            }
            _ = "typed s3cret\n".withCString { Glibc.write(masterFD, $0, 13) }
        }
        typist.start()
        let secret = try PasswordSource.prompt.read(
            environment: [:], terminal: terminal, prompt: "Password for alice: ")
        #expect(reveal(secret) == "typed s3cret")
        #expect(prompts.text == "Password for alice: \n")
        // Echo is back on, and nothing was echoed to the terminal.
        var mode = termios()
        #expect(tcgetattr(slave, &mode) == 0)
        #expect(mode.c_lflag & tcflag_t(ECHO) != 0)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = Glibc.read(master, &buffer, buffer.count)
        let echoed = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
        #expect(!echoed.contains("s3cret"))
    }

    @Test func chosenSource() throws {
        #expect(try PasswordSource.chosen(in: parseSample(["d.test"])) == nil)
        #expect(try PasswordSource.chosen(in: parseSample(["--password-file", "f", "d.test"])) == .file("f"))
        #expect(try PasswordSource.chosen(in: parseSample(["--password-env=V", "d.test"])) == .environment("V"))
        let both = cliError {
            _ = try PasswordSource.chosen(in: parseSample(["--password-file", "f", "--password-env", "V", "d"]))
        }
        #expect(both?.status == .usage)
    }

    @Test func secretNeverPrints() throws {
        let secret = try PasswordSource.environment("TM_PW").read(
            environment: ["TM_PW": "from-env"], terminal: Terminal(inputDescriptor: -1))
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
    }
}
