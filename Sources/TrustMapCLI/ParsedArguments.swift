/// The result of parsing one command's arguments, read through typed getters.
///
/// Values were checked against their declarations while parsing (integers, choices, `KEY=VALUE`),
/// so the getters do not fail. Asking for a name the command did not declare is a programming
/// error and traps.
public struct ParsedArguments: Sendable {
    /// The command name.
    public let command: String
    /// Declarations by long name, including the global options.
    let specs: [String: OptionSpec]
    /// Values given on the command line, in order, by long name (flags record an empty string).
    let given: [String: [String]]
    /// Positional values by argument name.
    let positional: [String: [String]]
    /// Every positional value, in order.
    public let positionals: [String]

    init(
        command: String, specs: [String: OptionSpec], given: [String: [String]], positional: [String: [String]],
        positionals: [String]
    ) {
        self.command = command
        self.specs = specs
        self.given = given
        self.positional = positional
        self.positionals = positionals
    }

    private func spec(_ name: String) -> OptionSpec {
        guard let spec = specs[name] else { preconditionFailure("'\(command)' did not declare option --\(name)") }
        return spec
    }

    /// True when the flag was given.
    public func flag(_ name: String) -> Bool {
        precondition(spec(name).kind == .flag, "--\(name) is not a flag")
        return given[name] != nil
    }

    /// True when the option was given on the command line (not defaulted).
    public func isGiven(_ name: String) -> Bool {
        _ = spec(name)
        return given[name] != nil
    }

    /// The option's value: the last one given, otherwise its default, otherwise nil.
    public func value(_ name: String) -> String? {
        let spec = spec(name)
        precondition(spec.kind.takesValue, "--\(name) is a flag")
        return given[name]?.last ?? spec.defaultValue
    }

    /// The option's value (or default); a usage error naming the option when there is none.
    public func require(_ name: String) throws(CLIError) -> String {
        guard let value = value(name) else {
            throw .usage("option '--\(name)' is required for '\(command)'", command: command)
        }
        return value
    }

    /// Every value given for a repeatable option, in order; the default alone when none was given.
    public func values(_ name: String) -> [String] {
        let spec = spec(name)
        precondition(spec.kind.takesValue, "--\(name) is a flag")
        return given[name] ?? spec.defaultValue.map { [$0] } ?? []
    }

    /// The value of an `.integer` option, or its default.
    public func integer(_ name: String) -> Int? {
        guard case .integer = spec(name).kind else { preconditionFailure("--\(name) is not an integer option") }
        return value(name).flatMap { Int($0) }
    }

    /// The `KEY=VALUE` pairs of a `.keyValue` option, in order.
    public func keyValues(_ name: String) -> [KeyValue] {
        precondition(spec(name).kind == .keyValue, "--\(name) is not a KEY=VALUE option")
        return values(name).compactMap { try? KeyValue(parsing: $0, option: "--" + name) }
    }

    /// The option's value converted by `transform`; a thrown error becomes a usage error naming
    /// the option and the value (`invalid value 'x' for '--domain': ...`).
    public func converted<T>(_ name: String, _ transform: (String) throws -> T) throws(CLIError) -> T? {
        guard let raw = value(name) else { return nil }
        do { return try transform(raw) } catch {
            throw .usage("invalid value '\(raw)' for '--\(name)': \(error)", command: command)
        }
    }

    /// Every value of a repeatable option converted by `transform`, as `converted` does.
    public func convertedValues<T>(_ name: String, _ transform: (String) throws -> T) throws(CLIError) -> [T] {
        var result: [T] = []
        for raw in values(name) {
            do { result.append(try transform(raw)) } catch {
                throw .usage("invalid value '\(raw)' for '--\(name)': \(error)", command: command)
            }
        }
        return result
    }

    /// The value of a (non-repeating) positional argument, or nil when an optional one was left out.
    public func argument(_ name: String) -> String? {
        guard let values = positional[name] else { preconditionFailure("'\(command)' did not declare <\(name)>") }
        return values.first
    }

    /// The values of a repeating positional argument.
    public func arguments(_ name: String) -> [String] {
        guard let values = positional[name] else { preconditionFailure("'\(command)' did not declare <\(name)>") }
        return values
    }

    /// A positional argument converted by `transform`; a thrown error becomes a usage error.
    public func convertedArgument<T>(_ name: String, _ transform: (String) throws -> T) throws(CLIError) -> T? {
        guard let raw = argument(name) else { return nil }
        do { return try transform(raw) } catch {
            throw .usage("invalid <\(name)> '\(raw)': \(error)", command: command)
        }
    }

    /// `--json` was given.
    public var json: Bool { given["json"] != nil }
    /// `--quiet` was given.
    public var quiet: Bool { given["quiet"] != nil }
}
