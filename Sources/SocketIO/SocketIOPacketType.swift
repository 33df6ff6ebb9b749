/// The Socket.IO v5 packet types (PROTOCOL.md §2), encoded as one ASCII digit.
public enum SocketIOPacketType: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// `0`: join a namespace (client), or accept the join with `{"sid":…}` (server).
    case connect = 0
    /// `1`: leave a namespace; from the server, "do not reconnect".
    case disconnect = 1
    /// `2`: an event, `["name", args…]`.
    case event = 2
    /// `3`: the reply to an event that carried an ack id.
    case ack = 3
    /// `4`: the server refused the join (an object, or a string from python).
    case connectError = 4
    /// `5`: an event whose arguments contain binary attachments.
    case binaryEvent = 5
    /// `6`: an ack whose arguments contain binary attachments.
    case binaryAck = 6

    /// Whether packets of this type announce attachments with a `<n>-` prefix.
    public var isBinary: Bool { self == .binaryEvent || self == .binaryAck }

    /// The protocol name, e.g. `BINARY_EVENT`.
    public var description: String {
        switch self {
        case .connect: "CONNECT"
        case .disconnect: "DISCONNECT"
        case .event: "EVENT"
        case .ack: "ACK"
        case .connectError: "CONNECT_ERROR"
        case .binaryEvent: "BINARY_EVENT"
        case .binaryAck: "BINARY_ACK"
        }
    }
}
