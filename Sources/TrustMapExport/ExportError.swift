/// A failure to export a graph: Graphviz missing or failing, or output that could not be encoded.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// Graphviz's `dot` is not installed (not on PATH).
        case graphvizMissing
        /// `dot` could not be started, or exited with an error.
        case graphvizFailed
        /// The graph could not be encoded.
        case encodingFailed
    }

    /// What went wrong.
    public let code: Code
    /// The operation, such as "dot -Tsvg".
    public let operation: String
    /// A sentence saying what went wrong, with Graphviz's own message where it gave one.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, operation: String, _ message: String) {
        self.code = code
        self.operation = operation
        self.message = message
    }

    public var description: String { operation + ": " + message }
}
