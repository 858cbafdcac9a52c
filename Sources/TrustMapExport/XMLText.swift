/// Escaping for XML 1.0 text and attribute values.
enum XMLText {
    /// `s` escaped for element content or a double-quoted attribute: `& < > " '` as entities, characters XML 1.0
    /// cannot carry at all replaced by U+FFFD; in attributes, line breaks and tabs as character references so
    /// that attribute normalisation keeps them.
    static func escaped(_ s: String, attribute: Bool = false) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default:
                let v = scalar.value
                let allowed =
                    v == 0x9 || v == 0xA || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
