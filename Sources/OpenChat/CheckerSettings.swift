/// What the OpenChat checker verifies and how long it waits before calling something missing.
public struct CheckerSettings: Sendable, Equatable {
    /// The checks that run; a check not listed reports no violations (and `errors` counts nothing).
    /// Latency observations (`delivery`, `joinSeen`, `leaveSeen`) and foreign-message counts are
    /// measurements, not checks: they are produced whatever this holds.
    public var enabled: Set<CheckName>
    /// How long after a send, join or clean leave deliveries and broadcasts may take before they count as missing.
    public var graceNanoseconds: UInt64
    /// The window for the `usernames` broadcast after a drop (`leaving(clean: false)`) or an unexpected
    /// `disconnected`: the server may notice only at its ping timeout, so this is typically
    /// pingInterval + pingTimeout + grace from the Engine.IO handshake (python-socketio: 25 s + 20 s).
    public var dropGraceNanoseconds: UInt64
    /// This run's id: received messages tagged with another run id are foreign.
    public var runID: String
    /// How many violations of each kind the summary keeps as examples.
    public var maxExamplesPerKind: Int = 10
    /// How many finalized messages stay remembered (who got them, their text), so that a second copy
    /// arriving after the grace period is still recognized as a duplicate. Older ones are forgotten:
    /// a copy of them is counted in ``CheckSummary/expiredReceipts`` without being judged.
    public var retainedMessages: Int = 4096
    /// At most this many unconfirmed rename requests are remembered per user (the oldest go first).
    public var maxPendingRenames: Int = 16
    /// At most this many messages inside their delivery window take part in the cross-user order check
    /// at once: its memory grows with the square of that number (two bit matrices, 16 MB at the default
    /// 8,192). A message sent while the limit is reached skips that check only (delivery,
    /// content and sender order still cover it) and is counted in ``CheckSummary/messagesNotOrderChecked``.
    /// At 1,000 sends/s and a 5 s grace about 5,000 are in flight.
    public var maxOrderTrackedMessages: Int = 8192

    /// Creates settings; every check is enabled by default.
    /// - Parameters:
    ///   - enabled: the checks that run.
    ///   - graceNanoseconds: the delivery and broadcast window (default 2 s, the scenario default).
    ///   - dropGraceNanoseconds: the leave-broadcast window after a drop or an unexpected disconnect
    ///     (default 50 s: python-socketio's default ping interval and timeout plus 5 s).
    ///   - runID: this run's id, as written into message tags.
    ///   - maxExamplesPerKind: examples kept per violation kind.
    ///   - retainedMessages: finalized messages remembered for late duplicates.
    ///   - maxPendingRenames: unconfirmed rename requests remembered per user.
    public init(enabled: Set<CheckName> = Set(CheckName.allCases), graceNanoseconds: UInt64 = 2_000_000_000,
                dropGraceNanoseconds: UInt64 = 50_000_000_000, runID: String, maxExamplesPerKind: Int = 10,
                retainedMessages: Int = 4096, maxPendingRenames: Int = 16) {
        self.enabled = enabled
        self.graceNanoseconds = graceNanoseconds
        self.dropGraceNanoseconds = dropGraceNanoseconds
        self.runID = runID
        self.maxExamplesPerKind = maxExamplesPerKind
        self.retainedMessages = retainedMessages
        self.maxPendingRenames = maxPendingRenames
    }
}
