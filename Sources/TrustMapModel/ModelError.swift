/// An error in data handed to the model: a malformed SID, name, address or snapshot field.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of value was wrong.
    public enum Code: String, Sendable, Equatable, Codable {
        case malformedSID
        case malformedName
        case malformedAddress
        case malformedValue
        case unsupportedSchema
    }

    /// What kind of value was wrong.
    public let code: Code
    /// A sentence naming the value and what was wrong with it.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
