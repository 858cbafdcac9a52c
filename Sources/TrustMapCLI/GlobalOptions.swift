/// The options every command accepts, before or after the command name.
public enum GlobalOptions {
    /// `--json`: machine-readable JSON on stdout; each command decides its JSON.
    public static let json = OptionSpec.flag("json", help: "Write machine-readable JSON on stdout instead of tables.")
    /// `--quiet`, `-q`: no progress messages on stderr (errors and warnings still appear).
    public static let quiet = OptionSpec.flag(
        "quiet", short: "q", help: "Do not print progress on stderr; errors and warnings still appear.")
    /// `--help`, `-h`: show the command's help and exit 0.
    public static let help = OptionSpec.flag("help", short: "h", help: "Show this help and exit.")

    /// The global options, in help order.
    public static let all: [OptionSpec] = [json, quiet, help]
}
