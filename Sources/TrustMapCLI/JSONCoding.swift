public import Foundation

/// The project's JSON settings: sorted keys, pretty printed, ISO 8601 dates, slashes unescaped,
/// so that the same value always encodes to the same bytes.
public enum JSONCoding {
    /// A new encoder with the deterministic settings.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// A new decoder matching `makeEncoder`.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Encodes `value`; a failure (a NaN, a throwing `encode(to:)`) is an internal error (70).
    public static func encode<T: Encodable>(_ value: T) throws(CLIError) -> Data {
        do { return try makeEncoder().encode(value) } catch {
            throw .internalError("cannot encode \(T.self) as JSON: \(describe(error))")
        }
    }

    /// A one-line description of a coding error: the JSON path of the bad field and why.
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else {
            if let error = error as? EncodingError, case .invalidValue(let value, let context) = error {
                return "at \(path(context.codingPath)): invalid value \(value): \(context.debugDescription)"
            }
            return String(describing: error)
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "at \(path(context.codingPath)): expected \(typeName(type)): \(detail(context))"
        case .valueNotFound(let type, let context):
            return "at \(path(context.codingPath)): expected \(typeName(type)) but found null"
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath + [key])): required field \"\(key.stringValue)\" is missing"
        case .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(detail(context))"
        @unknown default:
            return String(describing: error)
        }
    }

    /// `$.domains[2].dnsName` for a coding path.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var out = "$"
        for key in codingPath {
            if let index = key.intValue { out += "[\(index)]" } else { out += "." + key.stringValue }
        }
        return out
    }

    private static func detail(_ context: DecodingError.Context) -> String {
        var text = context.debugDescription
        if let underlying = context.underlyingError {
            let more =
                (underlying as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
                ?? String(describing: underlying)
            if !text.contains(more) { text += " (\(more))" }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int32.Type, is Int64.Type, is UInt32.Type, is UInt64.Type, is UInt8.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "a boolean"
        default:
            String(describing: type).hasPrefix("Array")
                ? "an array" : String(describing: type).hasPrefix("Dictionary") ? "an object" : String(describing: type)
        }
    }
}
