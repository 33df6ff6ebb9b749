/// The cross-user ("total") order check: any two users must see the messages they both received in the
/// same relative order.
///
/// Algorithm. Every message inside its delivery window holds a *slot* (a small integer, reused once the
/// message is finalized). Per user, `seen[user]` is the set of slots whose message that user already got;
/// per message, `before[slot]` is the union of the `seen` sets its recipients had when they got it, i.e.
/// every message that *some* user received before this one. When user R gets message m:
///
/// 1. for each message x in `seen[R]` (R got x before m), if m is in `before[x]`, some user Q got m before x:
///    the pair (x, m) is inverted between R and Q;
/// 2. `before[m] |= seen[R]`; `seen[R] += m`.
///
/// Every inversion is found when the second of the two users completes the pair, whichever order the
/// receipts come in, and `reported` makes each pair count once. The relation is pairwise and exact: three
/// users whose orders form a cycle without any two of them disagreeing are not a violation.
///
/// Fast path. Each message gets a *rank* at its first receipt by anyone (a global counter). A receipt is
/// *monotone* when its rank is above every rank the user got before. If R's receipt of m is monotone, an
/// x in `seen[R]` can only have m in `before[x]` if some Q got m before x although rank(x) < rank(m),
/// and then Q's receipt of x was not monotone. So non-monotone receipts mark their message *disputed*,
/// and step 1 of a monotone receipt tests only `seen[R] ∩ disputed`. A server that delivers in one
/// global order makes receipts monotone but for the probe's interleaving of sockets (a user that got
/// only the later of two messages may be read first), and a monotone receipt costs O(W/64) word
/// operations.
///
/// Complexity, with W the number of messages inside their delivery window (send rate x grace) and N the
/// users: a receipt costs an O(W/64)-word union, plus O(W) bit tests when it is not monotone or meets
/// disputed messages; finalizing a message costs O(W/64 + its recipients), plus its share of a sweep
/// that clears released slots' columns in batches (see ``release(_:receivers:)``). Memory is O(W) bits per live message and per
/// user, i.e. O((W + N) x W / 8) bytes, and does not depend on how long the run lasts.
struct OrderTracker: Sendable {
    /// The message holding each slot (nil: free).
    private(set) var keys: [MessageKey?] = []
    /// Row `slot` (``wordsPerRow`` words from `slot * wordsPerRow`): slots of messages some user got before this one.
    private var before: [UInt64] = []
    /// Row `slot`: partner slots of pairs already reported.
    private var reported: [UInt64] = []
    /// Words per row: enough bits for every slot.
    private var wordsPerRow = 1
    /// Slots ready for reuse: no row holds their bit.
    private var free: [Int] = []
    /// Released slots whose bit may still be set in other rows of `before` and `reported`. They hold no
    /// message and sit in no `seen` set, so no check reads those bits; ``sweepQuarantine()`` clears them
    /// all in one pass over the matrices before the slots are reused.
    private var quarantined: [Int] = []
    /// Sweeps done so far (each is a pass over both matrices).
    private(set) var sweeps = 0
    /// Per user: slots of live messages the user got.
    private var seen: [Int: SlotBitset] = [:]
    /// Per user: the highest rank the user got (0: none yet).
    private var highestRank: [Int: UInt64] = [:]
    /// Per slot: the message's rank, given at its first receipt (0: not received yet).
    private var ranks: [UInt64] = []
    private var lastRank: UInt64 = 0
    /// Slots of live messages that some user got out of rank order.
    private var disputed = SlotBitset()

    init() {}

    /// Slots ever created (the tracker's capacity).
    var capacity: Int { keys.count }


    /// Takes a free slot for `key`, or returns nil when `limit` slots exist and none is free yet: the
    /// capacity, and with it the matrices' size, never passes `limit`. Released slots are swept back
    /// into use once an eighth of the capacity (at least 8) waits, so a message over the limit is one
    /// sent while at least seven eighths of `limit` messages are in flight.
    mutating func allocate(for key: MessageKey, limit: Int) -> Int? {
        if free.isEmpty && quarantined.count >= max(Self.minimumSweep, keys.count / 8) { sweepQuarantine() }
        if let slot = free.popLast() {
            keys[slot] = key
            ranks[slot] = 0
            return slot
        }
        guard keys.count < limit else { return nil }
        let slot = keys.count
        if slot >= wordsPerRow * 64 { widenRows() }
        keys.append(key)
        ranks.append(0)
        before.append(contentsOf: repeatElement(0, count: wordsPerRow))
        reported.append(contentsOf: repeatElement(0, count: wordsPerRow))
        return slot
    }

    /// Takes a slot for `key`, with no limit on the capacity.
    mutating func allocate(for key: MessageKey) -> Int {
        allocate(for: key, limit: .max)!
    }

    /// Doubles the row width (rare: the capacity only grows to the largest number of messages in flight).
    private mutating func widenRows() {
        let wider = wordsPerRow * 2
        func widen(_ matrix: [UInt64]) -> [UInt64] {
            var result = [UInt64](repeating: 0, count: keys.count * wider)
            for row in 0..<keys.count {
                for word in 0..<wordsPerRow { result[row * wider + word] = matrix[row * wordsPerRow + word] }
            }
            return result
        }
        before = widen(before)
        reported = widen(reported)
        wordsPerRow = wider
    }

    /// The fewest quarantined slots worth a sweep.
    static let minimumSweep = 8

    /// Frees `slot`: clears its own rows and takes it out of every `seen` set at once; its column in
    /// the other rows is cleared later, with other released slots, by ``sweepQuarantine()``.
    mutating func release(_ slot: Int, receivers: some Sequence<Int>) {
        keys[slot] = nil
        let row = slot * wordsPerRow
        for word in row..<row + wordsPerRow {
            before[word] = 0
            reported[word] = 0
        }
        for user in receivers { seen[user]?.remove(slot) }
        disputed.remove(slot)
        quarantined.append(slot)
    }

    /// Clears the columns of every quarantined slot in one sequential pass over both matrices and makes
    /// the slots free. Run when at least an eighth of the capacity waits, so a release costs O(W/64)
    /// word operations amortized instead of O(W) scattered ones.
    private mutating func sweepQuarantine() {
        var keep = [UInt64](repeating: ~0, count: wordsPerRow)
        for slot in quarantined { keep[slot >> 6] &= ~(UInt64(1) << UInt64(slot & 63)) }
        let stride = wordsPerRow
        let rows = keys.count
        keep.withUnsafeBufferPointer { keep in
            before.withUnsafeMutableBufferPointer { before in
                reported.withUnsafeMutableBufferPointer { reported in
                    for row in 0..<rows {
                        let start = row * stride
                        for word in 0..<stride {
                            before[start + word] &= keep[word]
                            reported[start + word] &= keep[word]
                        }
                    }
                }
            }
        }
        free.append(contentsOf: quarantined)
        quarantined.removeAll(keepingCapacity: true)
        sweeps += 1
    }

    /// Records that `user` got the message in `slot` (its first copy) and returns the slots of messages
    /// the user got earlier that some other user got after this one, pairs not reported yet.
    mutating func receive(user: Int, slot: Int) -> [Int] {
        if ranks[slot] == 0 {
            lastRank += 1
            ranks[slot] = lastRank
        }
        let rank = ranks[slot]
        let previousHighest = highestRank[user] ?? 0
        let isMonotone = rank > previousHighest
        if isMonotone {
            highestRank[user] = rank
        } else {
            disputed.insert(slot)
        }
        var inverted: [Int] = []
        let earlier = seen.removeValue(forKey: user) ?? SlotBitset()
        let column = slot >> 6
        let bit = UInt64(1) << UInt64(slot & 63)
        let stride = wordsPerRow
        let row = slot * stride
        let disputedWords = disputed.words
        before.withUnsafeMutableBufferPointer { before in
            reported.withUnsafeBufferPointer { reported in
                for (index, word) in earlier.words.enumerated() where word != 0 {
                    before[row + index] |= word
                    var bits = isMonotone ? word & (index < disputedWords.count ? disputedWords[index] : 0) : word
                    while bits != 0 {
                        let other = index << 6 | bits.trailingZeroBitCount
                        bits &= bits - 1
                        let cell = other * stride + column
                        if before[cell] & bit != 0 && reported[cell] & bit == 0 { inverted.append(other) }
                    }
                }
            }
        }
        var updated = earlier
        updated.insert(slot)
        seen[user] = updated
        return inverted
    }

    /// Marks the pair as reported so that other users completing it do not report it again.
    mutating func markReported(_ first: Int, _ second: Int) {
        reported[first * wordsPerRow + second >> 6] |= UInt64(1) << UInt64(second & 63)
        reported[second * wordsPerRow + first >> 6] |= UInt64(1) << UInt64(first & 63)
    }

    /// Forgets a user whose state is dropped.
    mutating func forget(user: Int) {
        seen[user] = nil
        highestRank[user] = nil
    }

    mutating func removeAll() {
        self = OrderTracker()
    }
}
