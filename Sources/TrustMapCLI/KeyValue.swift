/// A `KEY=VALUE` option value, as in `--dns-server-for corp.example.test=127.0.0.53:53`.
public struct KeyValue: Sendable, Hashable, CustomStringConvertible {
    /// The text before the first `=`.
    public var key: String
    /// The text after the first `=` (may itself contain `=`).
    public var value: String

    /// Creates a pair.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Splits `text` at its first `=`; throws a usage error naming `option` when there is no `=`,
    /// or when the key or the value is empty.
    public init(parsing text: String, option: String) throws(CLIError) {
        guard let eq = text.firstIndex(of: "=") else {
            throw .usage("invalid value '\(text)' for '\(option)': expected KEY=VALUE")
        }
        key = String(text[..<eq])
        value = String(text[text.index(after: eq)...])
        guard !key.isEmpty, !value.isEmpty else {
            throw .usage("invalid value '\(text)' for '\(option)': both sides of '=' must be non-empty")
        }
    }

    public var description: String { "\(key)=\(value)" }
}
