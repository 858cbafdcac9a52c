/// "Did you mean" suggestions for mistyped commands and options.
enum Suggestion {
    /// The candidate closest to `input`: the first one (in declaration order) that `input` is a
    /// prefix of, otherwise the one at the smallest edit distance if that distance is small for
    /// the word's length.
    static func closest(to input: String, in candidates: [String]) -> String? {
        guard !input.isEmpty else { return nil }
        let lowered = input.lowercased()
        // Compare without leading dashes so "--fo" is a prefix of "--follow-trusts" but not of "--x".
        let core = String(lowered.drop { $0 == "-" })
        if core.count >= 2 {
            if let first = candidates.first(where: { $0.lowercased().hasPrefix(lowered) }) { return first }
        }
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        guard let (word, d) = best else { return nil }
        let allowed = max(2, core.count / 3)
        return d <= allowed ? word : nil
    }

    /// The Levenshtein distance between two strings, by characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
