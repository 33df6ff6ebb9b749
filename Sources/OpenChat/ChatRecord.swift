/// One observation of a run, in the order the runner saw it: the checkers' only input.
/// Times are nanoseconds on the monotonic clock (the instant the bytes were read, for receipts).
/// A recorded run (a list of these) can be checked again without a server.
public enum ChatRecord: Sendable, Equatable {
    /// User `user` got its Socket.IO CONNECT reply with `socketID`.
    case connected(user: Int, socketID: String, at: UInt64)
    /// User `user` asked to be renamed to `name` (emitted `add_username`).
    case nameRequested(user: Int, name: String, at: UInt64)
    /// The server acknowledged that rename.
    case nameConfirmed(user: Int, name: String, at: UInt64)
    /// User `user` emitted `my_mssg`: `text` is exactly what was sent (tag included); `intendedAt` is when the
    /// schedule wanted it sent (coordinated omission: latency counts from there), `at` when it was written.
    case sent(user: Int, tag: MessageTag, text: String, intendedAt: UInt64, at: UInt64)
    /// User `user` received a `message` event with this text.
    case message(user: Int, text: String, at: UInt64)
    /// User `user` received a `usernames` map (socket id -> name, in wire order).
    case usernames(user: Int, map: [UsernameEntry], at: UInt64)
    /// User `user` started leaving on purpose: `clean` for leave, false for drop.
    case leaving(user: Int, clean: Bool, at: UInt64)
    /// User `user`'s session ended without it asking (server close, ping timeout, transport error).
    case disconnected(user: Int, reason: String, at: UInt64)
    /// Something failed for user `user` (connect failed, namespace refused, expect timed out, protocol error).
    case error(user: Int, kind: ErrorKind, detail: String, at: UInt64)
    /// Nothing more happens before `at` (lets the checker finalize messages whose grace period ended).
    case tick(at: UInt64)
}

/// One entry of a `usernames` map.
public struct UsernameEntry: Sendable, Equatable {
    public var socketID: String
    /// The name; nil when the value was not a string.
    public var name: String?
    public init(socketID: String, name: String?) {
        self.socketID = socketID
        self.name = name
    }
}

/// The tag the probe appends to every message it sends: ` [oc:<run>:<user>:<seq>]`.
/// It identifies the message and its sender; messages without our run's tag are foreign.
public struct MessageTag: Sendable, Hashable, CustomStringConvertible {
    public var runID: String
    public var user: Int
    public var sequence: Int
    public init(runID: String, user: Int, sequence: Int) {
        self.runID = runID
        self.user = user
        self.sequence = sequence
    }
    /// The suffix as written into a message.
    public var description: String { " [oc:\(runID):\(user):\(sequence)]" }

    /// Finds the tag at the end of `text`, if any.
    public static func find(in text: Substring) -> MessageTag? {
        guard text.hasSuffix("]") else { return nil }
        let utf8 = text.utf8
        let marker = Array(" [oc:".utf8)
        // Search backwards for the last " [oc:".
        var index = utf8.index(utf8.endIndex, offsetBy: -1)
        var found: String.Index?
        while index > utf8.startIndex {
            if utf8[index] == UInt8(ascii: "["), let start = utf8.index(index, offsetBy: -1, limitedBy: utf8.startIndex),
               utf8[start...].starts(with: marker) {
                found = utf8.index(start, offsetBy: marker.count)
                break
            }
            index = utf8.index(before: index)
        }
        guard let found else { return nil }
        let fields = text[found..<text.index(before: text.endIndex)].split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, let user = Int(fields[1]), let sequence = Int(fields[2]), !fields[0].isEmpty else { return nil }
        return MessageTag(runID: String(fields[0]), user: user, sequence: sequence)
    }
}

/// Kinds of errors a run counts.
public enum ErrorKind: String, Sendable, Equatable, CaseIterable, Codable {
    case connectFailed = "connect-failed"
    case namespaceRefused = "namespace-refused"
    case unexpectedDisconnect = "unexpected-disconnect"
    case protocolError = "protocol-error"
    case expectTimeout = "expect-timeout"
    case ackTimeout = "ack-timeout"
}
