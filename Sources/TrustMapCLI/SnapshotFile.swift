public import TrustMapModel

/// Reads and writes snapshot files (docs/snapshot.md) with the CLI's exit statuses.
public enum SnapshotFile {
    /// Reads a snapshot from `path` (`-` for stdin).
    ///
    /// - Throws: 66 missing or unreadable; 65 empty, not JSON, a bad field (the message gives
    ///   its JSON path and why) or a schema version newer than `Snapshot.currentSchemaVersion`.
    public static func read(_ path: String) throws(CLIError) -> Snapshot {
        try JSONFile.read(Snapshot.self, from: path, what: "snapshot", maxSchemaVersion: Snapshot.currentSchemaVersion)
    }

    /// Writes `snapshot` to `path` atomically (mode 0644), or to stdout for `-`.
    ///
    /// - Throws: 73 cannot create, 74 write failed, 70 cannot encode.
    public static func write(
        _ snapshot: Snapshot, to path: String, standardOutput: any OutputSink = FileDescriptorSink(fileDescriptor: 1)
    ) throws(CLIError) {
        try JSONFile.write(snapshot, to: path, what: "snapshot", standardOutput: standardOutput)
    }
}
