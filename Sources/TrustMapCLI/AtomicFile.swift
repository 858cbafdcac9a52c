import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file atomically: a temporary file in the same directory, fsync, mode 0644, rename.
enum AtomicFile {
    /// Replaces `path` with `data`; on any failure the temporary file is removed and `path` is untouched.
    static func write(_ data: Data, to path: String, what: String) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .cannotCreate("cannot create \(what) '\(path)': \(Errno.text())") }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var closed = false
        var renamed = false
        defer {
            if !closed { close(fd) }
            if !renamed { unlink(temporary) }
        }

        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(.ioError, "cannot write \(what) '\(path)': \(Errno.text())")
            }
            offset += n
        }
        guard fchmod(fd, 0o644) == 0 else {
            throw .cannotCreate("cannot set the mode of \(what) '\(path)': \(Errno.text())")
        }
        guard fsync(fd) == 0 else { throw CLIError(.ioError, "cannot sync \(what) '\(path)': \(Errno.text())") }
        closed = true
        guard close(fd) == 0 else { throw CLIError(.ioError, "cannot write \(what) '\(path)': \(Errno.text())") }
        guard rename(temporary, path) == 0 else {
            throw .cannotCreate("cannot create \(what) '\(path)': \(Errno.text())")
        }
        renamed = true
        // Make the rename itself durable; a failure here is not worth failing the run.
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }
}
