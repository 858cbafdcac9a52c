import TrustMapModel

/// `trustmap version`: prints the version (also `trustmap --version`).
public struct VersionCommand: Command {
    public static let name = "version"
    public static let summary = "Prints the trustmap version and the snapshot schema version it writes."
    public static let examples = [
        CommandExample("trustmap version", "Prints \"trustmap \(TrustMapVersion.current)\"."),
        CommandExample("trustmap version --json", "Prints the versions as a JSON object."),
    ]

    /// `trustmap 0.1.0`'s version part.
    public static var versionString: String { TrustMapVersion.current }

    /// The JSON form.
    struct Info: Encodable {
        var version: String
        var snapshotSchemaVersion: Int
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitStatus {
        if context.json {
            try context.output.json(
                Info(version: TrustMapVersion.current, snapshotSchemaVersion: Snapshot.currentSchemaVersion))
        } else {
            context.output.line("trustmap \(TrustMapVersion.current)")
        }
        return .success
    }
}
