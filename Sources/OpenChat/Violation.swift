/// Kinds of contract violations the checkers report.
public enum ViolationKind: String, Sendable, Equatable, CaseIterable, Codable {
    /// A required recipient never got a message within the grace period.
    case missingDelivery = "missing-delivery"
    /// A recipient got the same message more than once.
    case duplicateDelivery = "duplicate-delivery"
    /// A delivery does not read `name: text` with a name the sender could have had.
    case wrongContent = "wrong-content"
    /// Two users saw two messages in opposite orders.
    case orderMismatch = "order-mismatch"
    /// A sender's messages arrived out of their sending order.
    case senderOrder = "sender-order"
    /// After a join, a connected user got no `usernames` map containing the newcomer.
    case missingJoinBroadcast = "missing-join-broadcast"
    /// After a leave or drop, a remaining user got no `usernames` map without the user.
    case missingLeaveBroadcast = "missing-leave-broadcast"
    /// The last map a user holds does not match the users connected then.
    case staleUsernames = "stale-usernames"
    /// A user's own entry does not show its confirmed name in a map received after confirmation.
    case wrongOwnName = "wrong-own-name"
    /// A message tagged with our run id that no user of ours sent.
    case unknownMessage = "unknown-message"

    /// The check that reports this kind.
    public var check: CheckName {
        switch self {
        case .missingDelivery, .duplicateDelivery, .unknownMessage: return .delivery
        case .wrongContent: return .content
        case .orderMismatch, .senderOrder: return .order
        case .missingJoinBroadcast, .missingLeaveBroadcast, .staleUsernames, .wrongOwnName: return .usernames
        }
    }
}

/// The checks of the OpenChat contract.
public enum CheckName: String, Sendable, Equatable, CaseIterable, Codable {
    case delivery, content, order, usernames, errors
}

/// One violation: what, who, which message, what was expected and what was seen, and when.
public struct Violation: Sendable, Equatable, Codable {
    public var kind: ViolationKind
    /// Users involved (recipient first where there is one).
    public var users: [Int]
    /// The message's tag text, when a message is involved.
    public var message: String?
    public var expected: String
    public var seen: String
    /// Monotonic nanoseconds when it was detected.
    public var at: UInt64
    public init(kind: ViolationKind, users: [Int], message: String?, expected: String, seen: String, at: UInt64) {
        self.kind = kind
        self.users = users
        self.message = message
        self.expected = expected
        self.seen = seen
        self.at = at
    }
}

/// A latency or count the checker derives while it checks (the runner records these in histograms).
public enum CheckObservation: Sendable, Equatable {
    /// A message reached its sender (own echo) or another user, nanoseconds from its intended send time.
    case delivery(toSender: Bool, nanoseconds: UInt64)
    /// A newcomer's socket id appeared in another user's map, nanoseconds after it connected.
    case joinSeen(nanoseconds: UInt64)
    /// A leaver's socket id disappeared from another user's map, nanoseconds after it started leaving.
    case leaveSeen(nanoseconds: UInt64)
    /// A `message` event that is not from this run (real users on a shared server).
    case foreignMessage
    /// A violation was found.
    case violation(Violation)
}
