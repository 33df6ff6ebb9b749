/// The streaming checker of the OpenChat contract: feed it a run's ``ChatRecord``s in time order and it
/// returns, as it goes, the latencies it measures and the contract violations it finds.
///
/// It is a plain value with no clock and no I/O: a recorded run fed again gives the same observations.
/// Time only moves with the records (`tick` included): a window closes on the first record later than
/// its deadline, so the runner must send records in time order and tick regularly.
///
/// Memory is bounded by what is in flight, not by the run's length: a message's state shrinks when its
/// delivery window closes and is forgotten after ``CheckerSettings/retainedMessages`` newer ones; a
/// user's state is dropped once the longest window that may refer to it (drop grace + grace) has passed.
///
/// ```swift
/// var checker = OpenChatChecker(settings: CheckerSettings(runID: "r1"))
/// for record in records { for observation in checker.record(record) { metrics.add(observation) } }
/// let final = checker.finish(at: end)
/// print(checker.summary.totalViolations)
/// ```
public struct OpenChatChecker: Sendable {
    let settings: CheckerSettings
    let isOn: (delivery: Bool, content: Bool, order: Bool, usernames: Bool, errors: Bool)

    var users: [Int: UserState] = [:]
    var connectedUsers: Set<Int> = []
    var userBySocketID: [String: Int] = [:]
    /// Users whose state was dropped: a late copy of their messages is expired, not unknown.
    var retiredUsers = IntRangeSet()
    var scheduledDrops = FIFO<ScheduledDrop>()

    var messages: [MessageKey: TrackedMessage] = [:]
    /// Pending messages, in send (so deadline) order.
    var pendingQueue = FIFO<MessageKey>()
    /// Finalized messages still remembered, oldest first.
    var retainedQueue = FIFO<MessageKey>()
    var senderIndexes: [Int: SenderIndex] = [:]
    var order = OrderTracker()
    /// Orders one user's receipts (shared by all users: only comparisons within one user matter).
    var receiptCounter: UInt64 = 0

    var joins = FIFO<JoinObligation>()
    var leaves: [LeaveObligation] = []

    /// The last error record, to recognize the `disconnected` that follows it.
    var lastError: (user: Int, at: UInt64)?

    var results = CheckSummary()
    var isFinished = false

    /// Creates a checker for one run.
    public init(settings: CheckerSettings) {
        self.settings = settings
        isOn = (settings.enabled.contains(.delivery), settings.enabled.contains(.content), settings.enabled.contains(.order),
                settings.enabled.contains(.usernames), settings.enabled.contains(.errors))
    }

    /// What was found so far.
    public var summary: CheckSummary {
        var summary = results
        summary.pendingMessages = pendingQueue.count
        return summary
    }

    /// How much state the checker holds now (flat over a long run).
    public var footprint: CheckerFootprint {
        CheckerFootprint(pendingMessages: pendingQueue.count, retainedMessages: retainedQueue.count, users: users.count,
                         pendingJoins: joins.count, pendingLeaves: leaves.count, orderSlots: order.capacity)
    }

    /// Takes the next record of the run (records must come in time order) and returns what it revealed:
    /// latencies of first deliveries, joins and leaves, foreign messages, and violations, including those of
    /// windows that closed before this record's time. Records after ``finish(at:)`` are ignored.
    public mutating func record(_ record: ChatRecord) -> [CheckObservation] {
        guard !isFinished else { return [] }
        var observations: [CheckObservation] = []
        let now = record.time
        closeWindows(before: now, including: false, into: &observations)
        switch record {
        case .connected(let user, let socketID, let at):
            connect(user: user, socketID: socketID, at: at, into: &observations)
        case .nameRequested(let user, let name, let at):
            requestName(user: user, name: name, at: at)
        case .nameConfirmed(let user, let name, _):
            confirmName(user: user, name: name)
        case .sent(let user, let tag, let text, let intendedAt, let at):
            send(user: user, tag: tag, text: text, intendedAt: intendedAt, at: at)
        case .message(let user, let text, let at):
            receive(user: user, text: text, at: at, into: &observations)
        case .usernames(let user, let map, let at):
            receiveMap(user: user, entries: map, at: at, into: &observations)
        case .leaving(let user, let clean, let at):
            end(user: user, how: clean ? .leave : .drop, at: at, into: &observations)
        case .disconnected(let user, let reason, let at):
            // Counted as an unexpected disconnect unless it is the consequence of an error recorded for the same
            // user at the same instant (the runner records the failure, then the session it abandons), or the
            // user had started leaving (the session ended as asked).
            let followsError = lastError.map { $0.user == user && $0.at == at } ?? false
            let wasLeaving = users[user].map { !$0.isConnected && $0.leftAt != nil } ?? false
            if !followsError && !wasLeaving { count(error: .unexpectedDisconnect, user: user, detail: reason) }
            end(user: user, how: .disconnect, at: at, into: &observations)
        case .error(let user, let kind, let detail, let at):
            lastError = (user, at)
            count(error: kind, user: user, detail: detail)
        case .tick:
            break
        }
        return observations
    }

    /// Ends the run at `at`: closes every window whose deadline is at or before `at`, checks the last
    /// `usernames` map of every user still connected, then forgets everything. Windows still open at `at`
    /// are dropped without judgement (counted in ``CheckSummary/unjudgedAtFinish``): call it after the
    /// run drained for the grace period.
    public mutating func finish(at: UInt64) -> [CheckObservation] {
        guard !isFinished else { return [] }
        var observations: [CheckObservation] = []
        closeWindows(before: at, including: true, into: &observations)
        if isOn.usernames {
            for user in connectedUsers.sorted() { checkLastMap(of: user, at: at, into: &observations) }
        }
        results.unjudgedAtFinish += pendingQueue.count + joins.count + leaves.count
        messages.removeAll()
        pendingQueue.removeAll()
        retainedQueue.removeAll()
        senderIndexes.removeAll()
        order.removeAll()
        joins.removeAll()
        leaves.removeAll()
        users.removeAll()
        connectedUsers.removeAll()
        userBySocketID.removeAll()
        scheduledDrops.removeAll()
        isFinished = true
        return observations
    }

    // MARK: - Windows

    /// Closes the windows whose deadline is before `now` (or at it, when `including`).
    mutating func closeWindows(before now: UInt64, including: Bool, into observations: inout [CheckObservation]) {
        func isPast(_ deadline: UInt64) -> Bool { including ? deadline <= now : deadline < now }
        while let key = pendingQueue.first {
            guard let deadline = messages[key]?.deadline else {
                pendingQueue.removeFirst()
                continue
            }
            guard isPast(deadline) else { break }
            pendingQueue.removeFirst()
            finalizeMessage(key, at: now, into: &observations)
        }
        while let join = joins.first, isPast(join.deadline) {
            joins.removeFirst()
            finalizeJoin(join, at: now, into: &observations)
        }
        if leaves.contains(where: { isPast($0.deadline) }) {
            let due = leaves.filter { isPast($0.deadline) }
            leaves.removeAll { isPast($0.deadline) }
            for leave in due { finalizeLeave(leave, at: now, into: &observations) }
        }
        while let drop = scheduledDrops.first, isPast(drop.at) {
            scheduledDrops.removeFirst()
            dropUser(drop)
        }
    }

    // MARK: - Users

    /// How a connection ended.
    enum Ending {
        case leave, drop, disconnect
        var text: String {
            switch self {
            case .leave: return "leave"
            case .drop: return "drop"
            case .disconnect: return "unexpected disconnect"
            }
        }
    }

    /// How long after a user left its state may still be needed: others' maps may show it for up to drop
    /// grace, and messages sent before it left are judged up to grace later.
    var userRetention: UInt64 { max(settings.graceNanoseconds, settings.dropGraceNanoseconds) &+ settings.graceNanoseconds }

    /// The state of `user`, created (and scheduled for dropping unless it connects) when first mentioned.
    mutating func userState(_ user: Int, at: UInt64) -> UserState {
        if let state = users[user] { return state }
        let state = UserState()
        users[user] = state
        scheduledDrops.append(ScheduledDrop(user: user, at: at &+ userRetention, generation: state.generation))
        return state
    }

    mutating func requestName(user: Int, name: String, at: UInt64) {
        var state = userState(user, at: at)
        state.pendingNames.append(name)
        if state.pendingNames.count > max(settings.maxPendingRenames, 1) { state.pendingNames.removeFirst() }
        users[user] = state
    }

    /// A confirmation supersedes its own request and every older one; newer requests stay pending
    /// (python runs a client's events concurrently, so they may still land either way).
    mutating func confirmName(user: Int, name: String) {
        guard var state = users[user] else { return }
        if let index = state.pendingNames.firstIndex(of: name) { state.pendingNames.removeSubrange(...index) }
        state.confirmedName = name
        state.hasConfirmedName = true
        users[user] = state
    }

    mutating func dropUser(_ drop: ScheduledDrop) {
        guard let state = users[drop.user], state.generation == drop.generation, !state.isConnected else { return }
        users[drop.user] = nil
        if let socketID = state.socketID, userBySocketID[socketID] == drop.user { userBySocketID[socketID] = nil }
        retiredUsers.insert(drop.user)
        order.forget(user: drop.user)
    }

    // MARK: - Reporting

    mutating func report(_ violation: Violation, into observations: inout [CheckObservation]) {
        guard settings.enabled.contains(violation.kind.check) else { return }
        results.violationCounts[violation.kind, default: 0] += 1
        if results.examples[violation.kind, default: []].count < settings.maxExamplesPerKind {
            results.examples[violation.kind, default: []].append(violation)
        }
        observations.append(.violation(violation))
    }

    mutating func count(error kind: ErrorKind, user: Int, detail: String) {
        guard isOn.errors else { return }
        results.errorCounts[kind, default: 0] += 1
        if results.errorExamples[kind, default: []].count < settings.maxExamplesPerKind {
            results.errorExamples[kind, default: []].append("user \(user): \(detail)")
        }
    }

    func tagText(_ key: MessageKey) -> String { TextFormatting.tag(key, runID: settings.runID) }

    /// Nanoseconds from `start` to `end`, 0 if `end` is earlier (records a few ns out of order must not wrap).
    static func elapsed(from start: UInt64, to end: UInt64) -> UInt64 { end > start ? end - start : 0 }
}

extension ChatRecord {
    /// The record's monotonic time in nanoseconds.
    public var time: UInt64 {
        switch self {
        case .connected(_, _, let at), .nameRequested(_, _, let at), .nameConfirmed(_, _, let at), .sent(_, _, _, _, let at),
             .message(_, _, let at), .usernames(_, _, let at), .leaving(_, _, let at), .disconnected(_, _, let at),
             .error(_, _, _, let at), .tick(let at):
            return at
        }
    }
}
