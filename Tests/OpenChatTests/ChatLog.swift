import OpenChat

/// Builds a run's records by hand, with times in milliseconds. User `n` has socket id `"sid<n>"`.
struct ChatLog {
    static let runID = "r1"
    /// The settings most tests use: 100 ms grace, 1 s drop grace.
    static let settings = CheckerSettings(graceNanoseconds: 100_000_000, dropGraceNanoseconds: 1_000_000_000, runID: runID)

    private(set) var records: [ChatRecord] = []
    private var texts: [String: String] = [:]
    private var nextSequence: [Int: Int] = [:]

    static func ns(_ milliseconds: Double) -> UInt64 { UInt64(milliseconds * 1_000_000) }
    static func socketID(_ user: Int) -> String { "sid\(user)" }

    /// The last record's time.
    var end: UInt64 { records.map(\.time).max() ?? 0 }

    mutating func append(_ record: ChatRecord) { records.append(record) }

    mutating func connect(_ user: Int, at: Double) {
        records.append(.connected(user: user, socketID: Self.socketID(user), at: Self.ns(at)))
    }

    /// A `usernames` map for `user` listing `entries` (user -> name) in that order.
    mutating func map(to user: Int, _ entries: KeyValuePairs<Int, String>, foreign: [String] = [], at: Double) {
        var map = entries.map { UsernameEntry(socketID: Self.socketID($0.key), name: $0.value) }
        map += foreign.map { UsernameEntry(socketID: $0, name: "someone") }
        records.append(.usernames(user: user, map: map, at: Self.ns(at)))
    }

    mutating func rename(_ user: Int, to name: String, at: Double) {
        records.append(.nameRequested(user: user, name: name, at: Self.ns(at)))
    }

    mutating func confirm(_ user: Int, _ name: String, at: Double) {
        records.append(.nameConfirmed(user: user, name: name, at: Self.ns(at)))
    }

    /// `user` sends `text`; returns the sequence number (0, 1, ... per user unless given).
    @discardableResult
    mutating func send(_ user: Int, _ text: String = "hi", sequence: Int? = nil, at: Double, intendedAt: Double? = nil) -> Int {
        let sequence = sequence ?? nextSequence[user, default: 0]
        nextSequence[user] = sequence + 1
        let tag = MessageTag(runID: Self.runID, user: user, sequence: sequence)
        let full = text + tag.description
        texts["\(user):\(sequence)"] = full
        records.append(.sent(user: user, tag: tag, text: full, intendedAt: Self.ns(intendedAt ?? at), at: Self.ns(at)))
        return sequence
    }

    /// `user` gets message `sequence` of `sender` as the server would write it with `name`.
    mutating func deliver(to user: Int, from sender: Int, _ sequence: Int = 0, name: String = "Guest", at: Double) {
        let text = texts["\(sender):\(sequence)"] ?? "unsent" + MessageTag(runID: Self.runID, user: sender, sequence: sequence).description
        records.append(.message(user: user, text: "\(name): \(text)", at: Self.ns(at)))
    }

    /// Delivers to each of `users` at the same time.
    mutating func deliver(to users: [Int], from sender: Int, _ sequence: Int = 0, name: String = "Guest", at: Double) {
        for user in users { deliver(to: user, from: sender, sequence, name: name, at: at) }
    }

    mutating func raw(_ user: Int, _ text: String, at: Double) {
        records.append(.message(user: user, text: text, at: Self.ns(at)))
    }

    mutating func leave(_ user: Int, clean: Bool = true, at: Double) {
        records.append(.leaving(user: user, clean: clean, at: Self.ns(at)))
    }

    mutating func disconnect(_ user: Int, reason: String = "transport close", at: Double) {
        records.append(.disconnected(user: user, reason: reason, at: Self.ns(at)))
    }

    mutating func error(_ user: Int, _ kind: ErrorKind, _ detail: String, at: Double) {
        records.append(.error(user: user, kind: kind, detail: detail, at: Self.ns(at)))
    }

    mutating func tick(at: Double) { records.append(.tick(at: Self.ns(at))) }

    /// Connects `users` one after the other from `start` (1 ms apart) and gives each the map a correct server sends.
    mutating func join(_ users: [Int], from start: Double = 0) {
        var present: [Int] = []
        for (offset, user) in users.enumerated() {
            let at = start + Double(offset)
            present.append(user)
            connect(user, at: at)
            for member in present {
                records.append(.usernames(user: member, map: present.map { UsernameEntry(socketID: Self.socketID($0), name: "Guest") },
                                          at: Self.ns(at)))
            }
        }
    }
}

/// What a checker made of a log.
struct CheckRun {
    var observations: [CheckObservation]
    var summary: CheckSummary
    var footprint: CheckerFootprint

    var violations: [Violation] {
        observations.compactMap { if case .violation(let violation) = $0 { return violation } else { return nil } }
    }

    func violations(_ kind: ViolationKind) -> [Violation] { violations.filter { $0.kind == kind } }

    var kinds: [ViolationKind] { violations.map(\.kind) }

    var deliveryLatencies: [(toSender: Bool, nanoseconds: UInt64)] {
        observations.compactMap { if case .delivery(let toSender, let ns) = $0 { return (toSender, ns) } else { return nil } }
    }

    var joinLatencies: [UInt64] {
        observations.compactMap { if case .joinSeen(let ns) = $0 { return ns } else { return nil } }
    }

    var leaveLatencies: [UInt64] {
        observations.compactMap { if case .leaveSeen(let ns) = $0 { return ns } else { return nil } }
    }
}

/// Feeds `records` to a fresh checker and finishes at `finishAt` (default: long after the last record,
/// so every window closes and is judged).
func check(_ records: [ChatRecord], settings: CheckerSettings = ChatLog.settings, finishAt: UInt64? = nil) -> CheckRun {
    var checker = OpenChatChecker(settings: settings)
    var observations: [CheckObservation] = []
    for record in records { observations += checker.record(record) }
    let end = finishAt ?? (records.map(\.time).max() ?? 0) + settings.dropGraceNanoseconds + settings.graceNanoseconds + 1
    observations += checker.finish(at: end)
    return CheckRun(observations: observations, summary: checker.summary, footprint: checker.footprint)
}

func check(_ log: ChatLog, settings: CheckerSettings = ChatLog.settings, finishAt: UInt64? = nil) -> CheckRun {
    check(log.records, settings: settings, finishAt: finishAt)
}

/// SplitMix64, so randomized logs repeat run to run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
