/// What an option takes.
public enum OptionKind: Sendable, Equatable {
    /// No value: present or absent.
    case flag
    /// Any string.
    case string
    /// A decimal integer, optionally within bounds.
    case integer(min: Int? = nil, max: Int? = nil)
    /// One of a fixed list of words.
    case choice([String])
    /// `KEY=VALUE` (see `KeyValue`).
    case keyValue

    /// True for every kind but `.flag`.
    public var takesValue: Bool { self != .flag }
}

/// The declaration of one option of a command; the parser and the help text both come from it.
public struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes (`follow-trusts`).
    public var name: String
    /// The one-letter short name without the dash, if any.
    public var short: Character?
    /// What the option takes.
    public var kind: OptionKind
    /// The placeholder shown in help (`FILE`, `DOMAIN=IP[:PORT]`); empty for flags.
    public var valueName: String
    /// One or two sentences of help.
    public var help: String
    /// The value used when the option is absent, shown in help.
    public var defaultValue: String?
    /// True when the option may be given several times; values are collected in order.
    public var repeatable: Bool

    /// Declares an option; prefer the `flag`, `value`, `integer`, `choice` and `keyValue` factories.
    public init(
        _ name: String, short: Character? = nil, kind: OptionKind, valueName: String? = nil, help: String,
        default defaultValue: String? = nil, repeatable: Bool = false
    ) {
        precondition(!name.hasPrefix("-"), "option names are declared without dashes: \(name)")
        self.name = name
        self.short = short
        self.kind = kind
        self.valueName = kind.takesValue ? (valueName ?? Self.placeholder(for: name, kind: kind)) : ""
        self.help = help
        self.defaultValue = defaultValue
        self.repeatable = repeatable
    }

    /// A flag (`--follow-trusts`).
    public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name, short: short, kind: .flag, help: help)
    }

    /// An option taking any string (`--output FILE`).
    public static func value(
        _ name: String, short: Character? = nil, valueName: String? = nil, help: String, default: String? = nil,
        repeatable: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            name, short: short, kind: .string, valueName: valueName, help: help, default: `default`,
            repeatable: repeatable)
    }

    /// An option taking an integer, checked against `min` and `max` when given.
    public static func integer(
        _ name: String, short: Character? = nil, valueName: String? = nil, min: Int? = nil, max: Int? = nil,
        help: String, default: Int? = nil
    ) -> OptionSpec {
        OptionSpec(
            name, short: short, kind: .integer(min: min, max: max), valueName: valueName, help: help,
            default: `default`.map(String.init))
    }

    /// An option taking one of `choices`.
    public static func choice(
        _ name: String, short: Character? = nil, valueName: String? = nil, _ choices: [String], help: String,
        default: String? = nil, repeatable: Bool = false
    ) -> OptionSpec {
        precondition(`default`.map(choices.contains) ?? true, "default of --\(name) is not one of its choices")
        return OptionSpec(
            name, short: short, kind: .choice(choices), valueName: valueName, help: help, default: `default`,
            repeatable: repeatable)
    }

    /// A repeatable option taking `KEY=VALUE` (`--dns-server-for DOMAIN=IP[:PORT]`).
    public static func keyValue(
        _ name: String, short: Character? = nil, valueName: String, help: String, repeatable: Bool = true
    ) -> OptionSpec {
        OptionSpec(name, short: short, kind: .keyValue, valueName: valueName, help: help, repeatable: repeatable)
    }

    /// `--name` as typed on the command line.
    public var displayName: String { "--" + name }

    private static func placeholder(for name: String, kind: OptionKind) -> String {
        switch kind {
        case .integer: "N"
        case .keyValue: "KEY=VALUE"
        default: String(name.uppercased().map { $0 == "-" ? "_" : $0 })
        }
    }
}

/// The declaration of a positional argument.
public struct ArgumentSpec: Sendable, Equatable {
    /// The name shown in usage (`<domain>`) and used to read the value back.
    public var name: String
    /// One or two sentences of help.
    public var help: String
    /// True when the argument may be left out.
    public var optional: Bool
    /// True when the argument takes every remaining positional value (only the last one may).
    public var repeating: Bool

    /// Declares a positional argument.
    public init(_ name: String, help: String, optional: Bool = false, repeating: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
        self.repeating = repeating
    }

    /// How the argument appears in a usage line: `<domain>`, `[<file>]`, `<file>...`.
    public var usageToken: String {
        let base = "<\(name)>" + (repeating ? "..." : "")
        return optional ? "[\(base)]" : base
    }
}
