/// What the checker knows about one user (a `user` int of the runner) during and shortly after its connection.
struct UserState: Sendable {
    /// The socket id of the current (or last) connection.
    var socketID: String?
    var isConnected = false
    var connectedAt: UInt64?
    /// When the last connection ended (`leaving` or `disconnected`), nil while connected or never connected.
    var leftAt: UInt64?
    /// How long after `leftAt` others may still show the user: grace after a clean leave, drop grace otherwise.
    var leaveWindow: UInt64 = 0
    /// The name the server acknowledged last ("Guest" from the connect on).
    var confirmedName = "Guest"
    /// Whether a rename was acknowledged during this connection.
    var hasConfirmedName = false
    /// Rename requests not yet superseded by a confirmation, oldest first.
    var pendingNames: [String] = []
    /// Every sequence number the user sent (ranges: the runner numbers them densely).
    var sentSequences = IntRangeSet()
    /// The last `usernames` map the user got.
    var map: MapSnapshot?
    /// Bumped on every (re)connect and every scheduled drop, so a stale drop does nothing.
    var generation = 0

    /// The names a message sent now may carry: the confirmed one and any pending request. python-socketio
    /// runs a client's events concurrently, so a message emitted right after an unconfirmed `add_username`
    /// may be handled before or after it; once the ack is back the server has the new name for sure.
    var acceptableNames: [String] {
        var names = [confirmedName]
        for name in pendingNames where !names.contains(name) { names.append(name) }
        return names
    }

    /// The name the user's own map entry must show, when a confirmation is the newest rename event.
    var expectedOwnName: String? {
        hasConfirmedName && pendingNames.isEmpty ? confirmedName : nil
    }
}

/// A `usernames` map reduced to what the checks need: which of our users it lists and the socket ids
/// it lists that were not ours when it arrived (a newcomer whose connect record comes later, or real users).
struct MapSnapshot: Sendable {
    /// Our users in the map, ascending.
    var users: [Int]
    /// Socket ids that were not our users' when the map arrived.
    var otherSocketIDs: Set<String>
    var entryCount: Int
    var at: UInt64

    func contains(user: Int, socketID: String) -> Bool {
        var low = 0
        var high = users.count
        while low < high {
            let middle = (low + high) / 2
            if users[middle] < user { low = middle + 1 } else { high = middle }
        }
        if low < users.count && users[low] == user { return true }
        return otherSocketIDs.contains(socketID)
    }
}

/// One sent message, from its send until it is forgotten.
struct TrackedMessage: Sendable {
    var key: MessageKey
    /// Exactly what the sender emitted (tag included).
    var text: String
    /// The names the delivery may start with.
    var names: [String]
    var intendedAt: UInt64
    var sentAt: UInt64
    var deadline: UInt64
    /// True while inside the delivery window.
    var isPending = true
    /// While pending: required recipients that have not got it yet.
    var awaiting: Set<Int>
    /// While pending: recipients -> the checker's receipt counter at their first copy (orders one user's receipts).
    var receipts: [Int: UInt64] = [:]
    /// While pending, with the order check on: the order tracker's slot.
    var slot: Int?
    /// Once finalized: everyone who got a first copy.
    var receivers = IntRangeSet()

    func wasReceived(by user: Int) -> Bool {
        isPending ? receipts[user] != nil : receivers.contains(user)
    }
}

/// The messages of one sender that are still remembered, by ascending sequence number (for the sender-order check).
struct SenderIndex: Sendable {
    private var sequences: [Int] = []
    private var head = 0

    var isEmpty: Bool { head == sequences.count }

    mutating func insert(_ sequence: Int) {
        if isEmpty || sequence > sequences[sequences.count - 1] {
            sequences.append(sequence)
        } else {
            var index = sequences.count
            while index > head && sequences[index - 1] > sequence { index -= 1 }
            sequences.insert(sequence, at: index)
        }
    }

    mutating func remove(_ sequence: Int) {
        if !isEmpty && sequences[head] == sequence {
            head += 1
        } else if let index = sequences[head...].firstIndex(of: sequence) {
            sequences.remove(at: index)
        }
        if head >= 64 && head * 2 >= sequences.count {
            sequences.removeFirst(head)
            head = 0
        }
    }

    /// Remembered sequence numbers greater than `sequence`, ascending.
    func after(_ sequence: Int) -> ArraySlice<Int> {
        var index = sequences.count
        while index > head && sequences[index - 1] > sequence { index -= 1 }
        return sequences[index...]
    }
}

/// A join whose broadcast some connected users have not shown yet.
struct JoinObligation: Sendable {
    var user: Int
    var socketID: String
    var at: UInt64
    var deadline: UInt64
    var awaiting: Set<Int>
}

/// A leave whose broadcast some remaining users have not shown yet.
struct LeaveObligation: Sendable {
    var user: Int
    var socketID: String
    var at: UInt64
    var deadline: UInt64
    var awaiting: Set<Int>
    /// "leave", "drop" or "disconnect", for the violation text.
    var how: String
}

/// A user state to drop once no window can refer to it any more.
struct ScheduledDrop: Sendable {
    var user: Int
    var at: UInt64
    var generation: Int
}
