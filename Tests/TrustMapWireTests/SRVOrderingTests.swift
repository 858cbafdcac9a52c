import Testing
import TrustMapWire

/// SplitMix64: a small seeded generator, so every draw in these tests is reproducible.
private struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generator that always gives the same word: 1 draws the lowest number of a range, all ones the
/// highest (checked with this toolchain's `Int.random(in:using:)`; a word of 0 would loop in its
/// rejection step).
private struct ConstantRandom: RandomNumberGenerator {
    let word: UInt64
    mutating func next() -> UInt64 { word }
}

private typealias Key = SRVOrdering.Key

@Suite struct SRVOrderingTests {
    @Test func emptyInputGivesEmptyOrder() {
        var random = SeededRandom(seed: 1)
        #expect(SRVOrdering.permutation(of: [], using: &random).isEmpty)
    }

    @Test func lowerPriorityAlwaysComesFirst() {
        let keys = [
            Key(priority: 10, weight: 0), Key(priority: 0, weight: 5), Key(priority: 20, weight: 100),
            Key(priority: 0, weight: 1), Key(priority: 10, weight: 65535),
        ]
        for seed in UInt64(0)..<200 {
            var random = SeededRandom(seed: seed)
            let order = SRVOrdering.permutation(of: keys, using: &random)
            #expect(order.sorted() == Array(keys.indices), "not a permutation: \(order)")
            let priorities = order.map { keys[$0].priority }
            #expect(priorities == priorities.sorted(), "seed \(seed): \(priorities)")
        }
    }

    @Test func allZeroWeightsKeepTheGivenOrder() {
        let keys = [Key(priority: 0, weight: 0), Key(priority: 0, weight: 0), Key(priority: 0, weight: 0)]
        for seed in UInt64(0)..<50 {
            var random = SeededRandom(seed: seed)
            #expect(SRVOrdering.permutation(of: keys, using: &random) == [0, 1, 2])
        }
    }

    @Test func zeroWeightRecordIsArrangedFirstAndWinsOnlyADrawOfZero() {
        // Arrangement: [index 1 (weight 0), index 0 (weight 5)]; running sums 0 and 5.
        let keys = [Key(priority: 0, weight: 5), Key(priority: 0, weight: 0)]
        var low = ConstantRandom(word: 1)
        #expect(SRVOrdering.permutation(of: keys, using: &low) == [1, 0])
        var high = ConstantRandom(word: .max)
        #expect(SRVOrdering.permutation(of: keys, using: &high) == [0, 1])
    }

    @Test func highestDrawPicksTheLastWeightedRecord() {
        let keys = [Key(priority: 1, weight: 2), Key(priority: 1, weight: 3), Key(priority: 1, weight: 0)]
        var high = ConstantRandom(word: .max)
        // Arrangement [2, 0, 1], running sums 0, 2, 5; a draw of 5 picks 1, then 0 (sum 2), then 2.
        #expect(SRVOrdering.permutation(of: keys, using: &high) == [1, 0, 2])
    }

    @Test func sameSeedGivesSameOrder() {
        let keys = (0..<12).map { Key(priority: UInt16($0 % 3), weight: UInt16($0 * 7)) }
        var a = SeededRandom(seed: 42)
        var b = SeededRandom(seed: 42)
        #expect(SRVOrdering.permutation(of: keys, using: &a) == SRVOrdering.permutation(of: keys, using: &b))
    }

    /// Counts how often each index comes first over `draws` orderings.
    private func firstPicks(_ keys: [Key], draws: Int, seed: UInt64) -> [Int] {
        var random = SeededRandom(seed: seed)
        var counts = [Int](repeating: 0, count: keys.count)
        for _ in 0..<draws {
            counts[SRVOrdering.permutation(of: keys, using: &random)[0]] += 1
        }
        return counts
    }

    @Test func weightsAreHonouredOverManyDraws() {
        // Expected first-pick shares: weight / (sum + 1) for each weighted record, 1 / (sum + 1) for the
        // first weight-0 record (it wins only a draw of 0). 20 000 draws: a standard deviation of at most
        // 0.0036, so a ±0.02 band is over five deviations wide and the seeded run is deterministic anyway.
        let draws = 20_000
        let keys = [Key(priority: 0, weight: 10), Key(priority: 0, weight: 20), Key(priority: 0, weight: 70)]
        let counts = firstPicks(keys, draws: draws, seed: 7)
        let expected = [10.0 / 101, 20.0 / 101, 70.0 / 101]
        for i in keys.indices {
            let share = Double(counts[i]) / Double(draws)
            #expect(abs(share - expected[i]) < 0.02, "index \(i): \(share) vs \(expected[i])")
        }

        let withZero = [Key(priority: 0, weight: 0), Key(priority: 0, weight: 10)]
        let zeroCounts = firstPicks(withZero, draws: draws, seed: 8)
        let zeroShare = Double(zeroCounts[0]) / Double(draws)
        #expect(abs(zeroShare - 1.0 / 11) < 0.02, "weight-0 first share \(zeroShare)")
    }

    @Test func secondPlaceFollowsTheRemainingWeights() {
        // Given that weight 70 went first, weights 10 and 20 share the rest: 10/31 and 20/31 (+ the 0 draw).
        let keys = [Key(priority: 0, weight: 10), Key(priority: 0, weight: 20), Key(priority: 0, weight: 70)]
        var random = SeededRandom(seed: 99)
        var second = [0, 0, 0]
        var total = 0
        for _ in 0..<20_000 {
            let order = SRVOrdering.permutation(of: keys, using: &random)
            if order[0] == 2 {
                second[order[1]] += 1
                total += 1
            }
        }
        #expect(total > 10_000)
        let share = Double(second[1]) / Double(total)
        #expect(abs(share - 20.0 / 31) < 0.03, "weight 20 second share \(share)")
    }

    @Test func orderedReordersTheItemsThemselves() {
        struct Target {
            let name: String
            let priority: UInt16
            let weight: UInt16
        }
        let items = [
            Target(name: "backup", priority: 20, weight: 0),
            Target(name: "main", priority: 10, weight: 0),
        ]
        var random = SeededRandom(seed: 3)
        let ordered = SRVOrdering.ordered(items, key: { Key(priority: $0.priority, weight: $0.weight) }, using: &random)
        #expect(ordered.map(\.name) == ["main", "backup"])
        let unseeded = SRVOrdering.ordered(items) { Key(priority: $0.priority, weight: $0.weight) }
        #expect(unseeded.map(\.name) == ["main", "backup"])
    }
}
