import JSON

/// One Socket.IO v5 packet (PROTOCOL.md §2): `<type>[<n>-][<nsp>,][<ackId>][<JSON>]`.
public struct SocketIOPacket: Hashable, Sendable {
    /// The packet type.
    public var type: SocketIOPacketType
    /// The namespace, `"/"` by default; only other namespaces appear on the wire.
    public var namespace: String
    /// The ack id: set on an event that wants a reply, and on that reply.
    public var ackID: Int?
    /// The payload; may contain `.binary` values, which travel as attachments.
    public var data: JSONValue?

    /// Creates a packet.
    public init(type: SocketIOPacketType, namespace: String = "/", ackID: Int? = nil, data: JSONValue? = nil) {
        self.type = type
        self.namespace = namespace
        self.ackID = ackID
        self.data = data
    }
}

extension SocketIOPacket {
    /// A CONNECT for `namespace`, with optional auth (PROTOCOL.md §2, "Connect").
    public static func connect(namespace: String = "/", auth: JSONObject? = nil) -> SocketIOPacket {
        SocketIOPacket(type: .connect, namespace: namespace, data: auth.map(JSONValue.object))
    }

    /// A DISCONNECT for `namespace`.
    public static func disconnect(namespace: String = "/") -> SocketIOPacket {
        SocketIOPacket(type: .disconnect, namespace: namespace)
    }

    /// An EVENT `[name, arguments…]`; the encoder makes it a BINARY_EVENT if an argument
    /// contains `.binary`.
    public static func event(_ name: String, _ arguments: [JSONValue] = [], namespace: String = "/", ackID: Int? = nil) -> SocketIOPacket {
        SocketIOPacket(type: .event, namespace: namespace, ackID: ackID, data: .array([.string(name)] + arguments))
    }

    /// An ACK answering the event with `id`; the encoder makes it a BINARY_ACK if an argument
    /// contains `.binary`.
    public static func ack(id: Int, _ arguments: [JSONValue] = [], namespace: String = "/") -> SocketIOPacket {
        SocketIOPacket(type: .ack, namespace: namespace, ackID: id, data: .array(arguments))
    }

    /// The event name: the first element of an EVENT's or BINARY_EVENT's array when it is a
    /// string; `nil` for other packets and for numeric event names.
    public var eventName: String? {
        guard type == .event || type == .binaryEvent, case .array(let elements) = data else { return nil }
        return elements.first?.stringValue
    }

    /// The arguments after the event name; `[]` for packets that are not events.
    public var eventArguments: [JSONValue] {
        guard type == .event || type == .binaryEvent, case .array(let elements) = data, !elements.isEmpty else { return [] }
        return Array(elements.dropFirst())
    }

    /// The arguments of an ACK or BINARY_ACK; `[]` for other packets.
    public var ackArguments: [JSONValue] {
        guard type == .ack || type == .binaryAck, case .array(let elements) = data else { return [] }
        return elements
    }
}
