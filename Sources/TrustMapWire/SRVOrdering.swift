/// The order in which a client tries the targets of DNS SRV records (RFC 2782, "Usage rules").
///
/// Lowest priority first. Within one priority the order is a weighted random draw: the
/// records not yet ordered are arranged with those of weight 0 first, each gets the running
/// sum of the weights, a number is drawn uniformly from 0 through the total (inclusive), and
/// the first record whose running sum is at least that number goes next. A weight-0 record
/// therefore has a small chance to come first when others have weight, and records all of
/// weight 0 keep their given order. The random source is a parameter, so tests can seed it.
public enum SRVOrdering {
    /// The two fields of an SRV record that decide its place.
    public struct Key: Sendable, Hashable {
        /// Lower values are tried first.
        public let priority: UInt16
        /// The relative chance among records of the same priority.
        public let weight: UInt16

        /// Creates a key.
        public init(priority: UInt16, weight: UInt16) {
            self.priority = priority
            self.weight = weight
        }
    }

    /// Returns the indices of `keys` in the order a client should try them.
    public static func permutation(
        of keys: [Key], using random: inout some RandomNumberGenerator
    ) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(keys.count)
        let priorities = Set(keys.map(\.priority)).sorted()
        for priority in priorities {
            // Weight-0 records first, otherwise in the given order (stable).
            let group = keys.indices.filter { keys[$0].priority == priority }
            var remaining = group.filter { keys[$0].weight == 0 } + group.filter { keys[$0].weight != 0 }
            while !remaining.isEmpty {
                let total = remaining.reduce(0) { $0 + Int(keys[$1].weight) }
                let draw = Int.random(in: 0...total, using: &random)
                var running = 0
                var chosen = remaining.count - 1
                for (position, index) in remaining.enumerated() {
                    running += Int(keys[index].weight)
                    if running >= draw {
                        chosen = position
                        break
                    }
                }
                result.append(remaining.remove(at: chosen))
            }
        }
        return result
    }

    /// Returns `items` in the order a client should try them; `key` reads an item's priority and weight.
    public static func ordered<T>(
        _ items: [T], key: (T) -> Key, using random: inout some RandomNumberGenerator
    ) -> [T] {
        permutation(of: items.map(key), using: &random).map { items[$0] }
    }

    /// Returns `items` in the order a client should try them, drawing from the system's random source.
    public static func ordered<T>(_ items: [T], key: (T) -> Key) -> [T] {
        var random = SystemRandomNumberGenerator()
        return ordered(items, key: key, using: &random)
    }
}
