/// What the checker found so far: violation counts with the first examples, error counts, and how much it checked.
public struct CheckSummary: Sendable, Equatable {
    /// Violations by kind (kinds with none are absent).
    public var violationCounts: [ViolationKind: Int] = [:]
    /// The first ``CheckerSettings/maxExamplesPerKind`` violations of each kind, in detection order.
    public var examples: [ViolationKind: [Violation]] = [:]
    /// Sent messages whose delivery window closed and that were judged.
    public var messagesChecked = 0
    /// Receipts of this run's messages matched to a message still remembered (first copies, late copies and duplicates).
    public var deliveriesChecked = 0
    /// `message` events without this run's tag (other runs, real users on a shared server).
    public var foreignMessages = 0
    /// Sent messages left out of the cross-user order check because ``CheckerSettings/maxOrderTrackedMessages``
    /// were in flight (the other checks still cover them).
    public var messagesNotOrderChecked = 0
    /// Receipts of this run's messages sent so long ago that they were forgotten (see ``CheckerSettings/retainedMessages``): not judged.
    public var expiredReceipts = 0
    /// Messages, joins and leaves whose window had not closed when the run finished: dropped without judgement.
    public var unjudgedAtFinish = 0
    /// Messages still inside their delivery window (0 after ``OpenChatChecker/finish(at:)``).
    public var pendingMessages = 0
    /// Error records by kind; unexpected `disconnected` records count as ``ErrorKind/unexpectedDisconnect``.
    public var errorCounts: [ErrorKind: Int] = [:]
    /// The first examples of each error kind, as `"user 3: <detail>"`.
    public var errorExamples: [ErrorKind: [String]] = [:]

    /// An empty summary.
    public init() {}

    /// Violations reported by `check`; for ``CheckName/errors``, the number of errors counted.
    public func count(for check: CheckName) -> Int {
        if check == .errors { return errorCounts.values.reduce(0, +) }
        return violationCounts.reduce(0) { $0 + ($1.key.check == check ? $1.value : 0) }
    }

    /// All violations of every kind.
    public var totalViolations: Int { violationCounts.values.reduce(0, +) }
}

/// How much state the checker holds right now; a long run must keep these flat.
public struct CheckerFootprint: Sendable, Equatable {
    /// Messages inside their delivery window.
    public var pendingMessages: Int
    /// Finalized messages remembered for late duplicates (at most ``CheckerSettings/retainedMessages``).
    public var retainedMessages: Int
    /// Users known (connected, or left recently enough that a window may still refer to them).
    public var users: Int
    /// Join broadcasts still awaited.
    public var pendingJoins: Int
    /// Leave broadcasts still awaited.
    public var pendingLeaves: Int
    /// Slots of the cross-user order tracker (grows to the largest number of messages in flight at once, then is reused).
    public var orderSlots: Int

    /// A footprint with these counts.
    public init(pendingMessages: Int, retainedMessages: Int, users: Int, pendingJoins: Int, pendingLeaves: Int, orderSlots: Int) {
        self.pendingMessages = pendingMessages
        self.retainedMessages = retainedMessages
        self.users = users
        self.pendingJoins = pendingJoins
        self.pendingLeaves = pendingLeaves
        self.orderSlots = orderSlots
    }
}
