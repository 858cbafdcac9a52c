import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Reads and writes JSON documents (snapshots, records files, plans) with exit-status errors that
/// name the file, the JSON path of a bad field and the reason. `-` means stdin or stdout.
public enum JSONFile {
    /// Reads and decodes `type` from `path`.
    ///
    /// - Parameters:
    ///   - what: what the file is, for messages (`snapshot`, `records file`).
    ///   - maxSchemaVersion: when given, a top-level `schemaVersion` above it is refused (65)
    ///     before decoding the rest, with a message saying a newer trustmap is needed.
    /// - Throws: 66 when the file is missing or unreadable, 74 when reading fails part way,
    ///   65 when the content is empty, not JSON, or not a valid `type`.
    public static func read<T: Decodable>(
        _ type: T.Type, from path: String, what: String, maxSchemaVersion: Int? = nil
    ) throws(CLIError) -> T {
        let data = try readData(from: path, what: what)
        let name = path == "-" ? "standard input" : "'\(path)'"
        guard !data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            throw .badData("\(what) \(name) is empty")
        }
        let decoder = JSONCoding.makeDecoder()
        if let maxSchemaVersion, let probe = try? decoder.decode(SchemaProbe.self, from: data),
            let version = probe.schemaVersion, version > maxSchemaVersion
        {
            throw .badData(
                "\(what) \(name) has schema version \(version), newer than the version \(maxSchemaVersion) that "
                    + "trustmap \(TrustMapVersionText.current) reads; use a newer trustmap")
        }
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            if let syntax = syntaxError(in: data) { throw .badData("\(what) \(name) is not valid JSON: \(syntax)") }
            throw .badData("\(what) \(name) is not valid: \(JSONCoding.describe(error))")
        }
    }

    /// Where and why `data` is not JSON (`Unexpected end of file`, `Invalid value around line 3, column 7`),
    /// or nil when it is JSON. JSONDecoder on Linux only says "not valid JSON"; JSONSerialization says more.
    static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            var text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            if text.hasSuffix(".") { text.removeLast() }
            // "Invalid value around character 14" counts bytes from 0; say line and column instead.
            if let range = text.range(of: "around character "), let offset = Int(text[range.upperBound...]),
                offset <= data.count
            {
                let before = data.prefix(offset)
                let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                let column = offset - (before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0) + 1
                text = text[..<range.lowerBound] + "around line \(line), column \(column)"
            }
            return text
        }
    }

    /// Encodes `value` and writes it to `path` atomically, or to `standardOutput` for `-`.
    ///
    /// The JSON is written to a temporary file in the same directory, synced, given mode 0644
    /// and renamed over `path`, so a reader sees the old file or the new one, never a part.
    /// Nothing is touched when encoding fails (70).
    /// - Throws: 73 when the file cannot be created or renamed, 74 when writing or syncing fails.
    public static func write<T: Encodable>(
        _ value: T, to path: String, what: String,
        standardOutput: any OutputSink = FileDescriptorSink(fileDescriptor: 1)
    ) throws(CLIError) {
        var data = try JSONCoding.encode(value)
        data.append(0x0A)
        if path == "-" {
            standardOutput.write(String(decoding: data, as: UTF8.self))
            return
        }
        try AtomicFile.write(data, to: path, what: what)
    }

    /// The whole content of `path` (or stdin for `-`).
    static func readData(from path: String, what: String) throws(CLIError) -> Data {
        if path == "-" {
            do { return try FileHandle.standardInput.readToEnd() ?? Data() } catch {
                throw CLIError(.ioError, "cannot read \(what) from standard input: \(error.localizedDescription)")
            }
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .noInput("cannot open \(what) '\(path)': \(Errno.text())") }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw .noInput("cannot read \(what) '\(path)': it is a directory")
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(.ioError, "cannot read \(what) '\(path)': \(Errno.text())")
            }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }
}

/// The top-level `schemaVersion` of any versioned document, read before the rest.
private struct SchemaProbe: Decodable {
    var schemaVersion: Int?
}

/// The version text used in messages (kept here so JSONFile does not depend on a command).
enum TrustMapVersionText {
    static var current: String { VersionCommand.versionString }
}

/// `strerror(errno)` as a Swift string.
enum Errno {
    /// The text of the current `errno`.
    static func text() -> String { text(errno) }

    /// The text of `code`.
    static func text(_ code: Int32) -> String { String(cString: strerror(code)) }
}
