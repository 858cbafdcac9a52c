/// Quoting for Graphviz DOT: every id and attribute value is written as a double-quoted string.
enum DOTString {
    /// `s` as a DOT double-quoted string: backslashes doubled (so no `\N`, `\G`... escape ever forms and a
    /// trailing backslash cannot swallow the closing quote), quotes escaped, line breaks as `\n` (centred
    /// lines), other control characters replaced by U+FFFD; UTF-8 kept as it is.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": break
            case "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Lines as one left-justified DOT label (each line ended by `\l`).
    static func leftJustified(_ lines: [String]) -> String {
        let escaped = lines.map { line in
            String(quoted(line.replacingNewlines).dropFirst().dropLast()) + "\\l"
        }
        return "\"" + escaped.joined() + "\""
    }
}

extension String {
    /// The string with line breaks turned into spaces.
    fileprivate var replacingNewlines: String {
        String(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}
