/// The exit statuses of `trustmap`, after BSD `sysexits.h` for the errors.
///
/// Documented in docs/cli.md and in `trustmap --help`; scripts rely on them, so a value never
/// changes meaning.
public enum ExitStatus: Int32, Sendable, CaseIterable, CustomStringConvertible {
    /// The command did what was asked and the answer is positive.
    case success = 0
    /// A negative answer: a check that failed, a verdict "blocked", no path.
    case negative = 1
    /// A partial result: some domains or DCs could not be read; the result is still written.
    case partial = 3
    /// The command line was wrong (EX_USAGE).
    case usage = 64
    /// Input data was malformed: a snapshot, records or plan file (EX_DATAERR).
    case badData = 65
    /// An input file is missing or unreadable (EX_NOINPUT).
    case noInput = 66
    /// No service could be reached at all: no DC, no DNS server (EX_UNAVAILABLE).
    case unavailable = 69
    /// An internal error: a bug (EX_SOFTWARE).
    case internalError = 70
    /// An output file could not be created (EX_CANTCREAT).
    case cannotCreate = 73
    /// Reading or writing failed part way (EX_IOERR).
    case ioError = 74
    /// Credentials were missing or refused (EX_NOPERM).
    case credentials = 77

    /// A short phrase saying what the status means, for help text and docs.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .negative: "negative answer (a check failed, a verdict \"blocked\", no path)"
        case .partial: "partial result (some domains or DCs could not be read; the result is still written)"
        case .usage: "usage error (unknown command or option, bad or missing value or argument)"
        case .badData: "bad input data (malformed snapshot, records or plan file)"
        case .noInput: "input file missing or unreadable"
        case .unavailable: "service unavailable (no DC or DNS server reachable at all)"
        case .internalError: "internal error"
        case .cannotCreate: "cannot create an output file"
        case .ioError: "input/output error"
        case .credentials: "credentials missing or refused"
        }
    }

    /// The numeric status and its meaning.
    public var description: String { "\(rawValue) (\(meaning))" }
}
