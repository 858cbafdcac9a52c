/// A plain aligned text table for human output: a header row and columns padded to their widths.
public struct TextTable: Sendable, Equatable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable, Equatable {
        /// Padded on the right.
        case left
        /// Padded on the left (for numbers).
        case right
    }

    /// One column: its header and alignment.
    public struct Column: Sendable, Equatable {
        /// The header text.
        public var header: String
        /// The alignment of the cells.
        public var alignment: Alignment

        /// Creates a column.
        public init(_ header: String, alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
        }
    }

    /// The columns.
    public var columns: [Column]
    /// The rows, each with one cell per column (missing cells are empty, extra ones dropped).
    public var rows: [[String]]
    /// Spaces between columns.
    public var gap: Int

    /// Creates a table.
    public init(columns: [Column], rows: [[String]] = [], gap: Int = 2) {
        self.columns = columns
        self.rows = rows
        self.gap = gap
    }

    /// Creates a table of left-aligned columns.
    public init(headers: [String], rows: [[String]] = []) {
        self.init(columns: headers.map { Column($0) }, rows: rows)
    }

    /// Appends a row.
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The text: header, then rows, each line ending in a newline with no trailing spaces.
    public func render() -> String {
        let cells = ([columns.map(\.header)] + rows).map { row in
            columns.indices.map { $0 < row.count ? row[$0] : "" }
        }
        let widths = columns.indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for row in cells {
            var line = ""
            for c in columns.indices {
                let cell = row[c]
                let fill = String(repeating: " ", count: widths[c] - cell.count)
                if c > 0 { line += String(repeating: " ", count: gap) }
                line += columns[c].alignment == .right ? fill + cell : cell + fill
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
