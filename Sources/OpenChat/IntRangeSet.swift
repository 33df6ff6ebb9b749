/// A set of integers stored as sorted, disjoint, non-adjacent closed ranges.
///
/// The checker keeps user ids and message sequence numbers in these: both are handed out densely by the
/// runner, so "every user who got message 7" or "every sequence user 3 sent" is one or a few ranges
/// however many members it has.
struct IntRangeSet: Sendable, Equatable {
    /// Lower and upper bounds, both inclusive, ascending; neighbours are at least 2 apart.
    private(set) var ranges: [(lower: Int, upper: Int)] = []

    init() {}

    /// Builds the set from any sequence of members (duplicates allowed, any order).
    init<S: Sequence>(_ members: S) where S.Element == Int {
        for member in members.sorted() {
            if let last = ranges.last, member <= last.upper &+ 1 {
                if member > last.upper { ranges[ranges.count - 1].upper = member }
            } else {
                ranges.append((member, member))
            }
        }
    }

    static func == (lhs: IntRangeSet, rhs: IntRangeSet) -> Bool {
        lhs.ranges.elementsEqual(rhs.ranges) { $0.lower == $1.lower && $0.upper == $1.upper }
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// How many members the set holds.
    var count: Int { ranges.reduce(0) { $0 + ($1.upper - $1.lower + 1) } }

    /// The index of the first range whose upper bound is >= `value` (ranges.count when none).
    private func firstIndex(notBelow value: Int) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upper < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func contains(_ value: Int) -> Bool {
        let index = firstIndex(notBelow: value)
        return index < ranges.count && ranges[index].lower <= value
    }

    /// Inserts `value`; returns false when it was already there.
    @discardableResult
    mutating func insert(_ value: Int) -> Bool {
        let index = firstIndex(notBelow: value)
        if index < ranges.count && ranges[index].lower <= value { return false }
        let joinsPrevious = index > 0 && ranges[index - 1].upper == value - 1
        let joinsNext = index < ranges.count && ranges[index].lower == value + 1
        switch (joinsPrevious, joinsNext) {
        case (true, true):
            ranges[index - 1].upper = ranges[index].upper
            ranges.remove(at: index)
        case (true, false):
            ranges[index - 1].upper = value
        case (false, true):
            ranges[index].lower = value
        case (false, false):
            ranges.insert((value, value), at: index)
        }
        return true
    }
}
