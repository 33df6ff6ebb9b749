/// SplitMix64: a small seeded generator. A run's random choices (group picks, think times) come from
/// generators derived from the run seed and the user number, so `--seed` repeats them.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator for `seed`.
    public init(seed: UInt64) { state = seed }

    /// The generator of one virtual user: independent of the order in which users happen to run.
    public init(seed: UInt64, stream: Int) {
        var mixer = SeededRandom(seed: seed ^ (UInt64(truncatingIfNeeded: stream) &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
