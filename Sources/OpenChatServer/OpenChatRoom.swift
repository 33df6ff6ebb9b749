import JSON
import SocketIO

/// The OpenChat application, the reference server's handlers (Reference/flask-openchat/src/main.py)
/// as plain code: the `usernames` map and what each event broadcasts. No I/O; the hub sends the
/// returned packets to every connected client, the sender included.
public struct OpenChatRoom: Sendable {
    /// Socket id -> name, in joining order (python's dict order); names are what the client sent,
    /// so a non-string name stays the JSON value it was.
    public private(set) var usernames = JSONObject()

    /// Creates an empty room.
    public init() {}

    /// `connect`: the newcomer is "Guest" and everybody gets the map (the caller sends this before
    /// the newcomer's CONNECT reply, as python does).
    public mutating func join(_ socketID: String) -> [SocketIOPacket] {
        usernames[socketID] = "Guest"
        return [usernamesEvent]
    }

    /// `disconnect`: the user leaves and everybody left gets the map.
    public mutating func leave(_ socketID: String) -> [SocketIOPacket] {
        usernames[socketID] = nil
        return [usernamesEvent]
    }

    /// An event from `socketID`: the packets to broadcast, or `nil` when no handler took it (an
    /// unknown event, or arguments that python's handler signature would reject with a TypeError),
    /// in which case no ack is sent either.
    ///
    /// - `add_username(name)`: sets the name; broadcasts nothing.
    /// - `my_mssg(text)`: `message` with `"<name>: <text>"`, both rendered like python's `str()`
    ///   (see ``PythonText``). The name is read now, so a sender who leaves right after is still
    ///   named (the reference loses such a message to a KeyError).
    public mutating func handle(event name: String, arguments: [JSONValue], from socketID: String) -> [SocketIOPacket]? {
        guard arguments.count == 1, let current = usernames[socketID] else { return nil }
        switch name {
        case "add_username":
            usernames[socketID] = arguments[0]
            return []
        case "my_mssg":
            let text = PythonText.str(current) + ": " + PythonText.str(arguments[0])
            return [.event("message", [.string(text)])]
        default:
            return nil
        }
    }

    private var usernamesEvent: SocketIOPacket {
        .event("usernames", [.object(usernames)])
    }
}
