import Foundation
import TrustMapClients
import TrustMapDiscovery

/// The credential options shared by `discover` and `kerberos-check`: `--user` with a password from a prompt,
/// `--password-file` or `--password-env`, or `--keytab`; without `--user`, the current credential cache.
enum CredentialOptions {
    /// `--user`, the password options and `--keytab`.
    static let options: [OptionSpec] =
        [.value("user", valueName: "USER@REALM", help: "Principal to authenticate as.")] + PasswordSource.options + [
            .value("keytab", valueName: "FILE", help: "Get the TGT for --user from this keytab.")
        ]

    /// The credentials the options ask for; a Kerberos failure to get a TGT ends the run (77 or 69).
    ///
    /// With `--ldaps`/`--starttls` (`transport` not plain) a password gives a simple bind instead of a TGT.
    /// Without `--user`: the default credential cache when it holds a TGT, else anonymous (with a warning).
    static func credentials(
        _ arguments: ParsedArguments, context: CommandContext, transport: LDAPTransport, command: String
    ) async throws -> DiscoveryCredentials {
        let passwordSource = try PasswordSource.chosen(in: arguments)
        let keytab = arguments.value("keytab")
        guard let user = arguments.value("user") else {
            if keytab != nil || passwordSource != nil {
                throw CLIError.usage(
                    "--keytab, --password-file and --password-env need --user USER@REALM", command: command)
            }
            if transport != .plain {
                throw CLIError.usage("--ldaps and --starttls use a simple bind and need --user", command: command)
            }
            // The current credential cache, when it holds a TGT.
            if let creds = try? await KerberosCredentials.fromDefaultCache() {
                context.progress("trustmap: using the Kerberos credential cache of \(creds.principal)")
                return .kerberos(creds)
            }
            context.warning("no credentials (no --user, no TGT in the credential cache): anonymous discovery")
            return .anonymous
        }
        if let keytab {
            if passwordSource != nil {
                throw CLIError.usage("--keytab excludes --password-file and --password-env", command: command)
            }
            guard FileManager.default.isReadableFile(atPath: keytab) else {
                throw CLIError.noInput("--keytab \(keytab): cannot read the file")
            }
            do {
                return .kerberos(try await KerberosCredentials.obtain(principal: user, keytab: keytab))
            } catch {
                throw kerberosFailure(error, user: user)
            }
        }
        let password = try context.readPassword(passwordSource ?? .prompt, prompt: "Password for \(user): ")
        if transport != .plain { return .simple(user: user, password: password) }
        do {
            return .kerberos(try await KerberosCredentials.obtain(principal: user, password: password))
        } catch {
            throw kerberosFailure(error, user: user)
        }
    }

    /// Kerberos credentials only: as `credentials`, but no credential at all is an error (77).
    static func kerberos(_ arguments: ParsedArguments, context: CommandContext, command: String) async throws
        -> KerberosCredentials
    {
        let secretGiven = try arguments.isGiven("keytab") || PasswordSource.chosen(in: arguments) != nil
        if arguments.value("user") == nil && !secretGiven {
            do {
                let creds = try await KerberosCredentials.fromDefaultCache()
                context.progress("trustmap: using the Kerberos credential cache of \(creds.principal)")
                return creds
            } catch {
                throw CLIError.credentials(
                    "no --user and no usable credential cache (\(error.name): \(error.meaning ?? error.message))")
            }
        }
        switch try await credentials(arguments, context: context, transport: .plain, command: command) {
        case .kerberos(let creds?): return creds
        default: throw CLIError.credentials("no Kerberos credentials")
        }
    }

    /// The CLI error for a failure to get a TGT: 77 when refused, 69 when no KDC answered.
    static func kerberosFailure(_ error: KerberosError, user: String) -> CLIError {
        if error.isCredentialsRefused {
            return .credentials("Kerberos refused the credentials of \(user): \(error.description)")
        }
        if error.isUnreachable || error.isTimeout {
            return CLIError(.unavailable, "no KDC answered for \(user): \(error.description)")
        }
        return .credentials("could not get a Kerberos ticket for \(user): \(error.description)")
    }
}
