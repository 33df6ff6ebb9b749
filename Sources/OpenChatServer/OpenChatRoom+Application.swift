import JSON
import SocketIO

/// The room as the server's application: the reference server's handlers on `/`.
extension OpenChatRoom: SocketIOApplication {
    /// Only the main namespace, like the reference server.
    public var namespaces: Set<String> { ["/"] }

    /// python's order: the `usernames` broadcast of the connect handler goes out before the reply.
    public mutating func connected(socketID: String, namespace: String, auth: JSONObject?) -> SocketIOConnectAnswer {
        SocketIOConnectAnswer(beforeReply: join(socketID).map(SocketIOApplicationOutput.broadcast))
    }

    /// What the handler broadcasts, then the (empty) ack python sends when the client asked for one;
    /// nothing at all for an event no handler takes.
    public mutating func received(event name: String, arguments: [JSONValue], ackID: Int?,
                                  from socketID: String, namespace: String) -> [SocketIOApplicationOutput] {
        guard let packets = handle(event: name, arguments: arguments, from: socketID) else { return [] }
        var outputs = packets.map(SocketIOApplicationOutput.broadcast)
        if let ackID { outputs.append(.reply(.ack(id: ackID))) }
        return outputs
    }

    /// python's `json.dumps`: non-ASCII escaped as `\uXXXX`.
    public var jsonStyle: JSONStyle { .python }

    /// python-engineio's answer to a POST.
    public var postAnswer: String { "OK" }

    /// python-socketio's refusal, as the reference server sends it: `44/<ns>,"Unable to connect"` (a
    /// string, not Node's object).
    public func refusal(ofNamespace namespace: String) -> SocketIOPacket {
        SocketIOPacket(type: .connectError, namespace: namespace, data: "Unable to connect")
    }

    /// The `usernames` broadcast to everybody left.
    public mutating func disconnected(socketID: String, namespace: String) -> [SocketIOApplicationOutput] {
        guard usernames[socketID] != nil else { return [] }
        return leave(socketID).map(SocketIOApplicationOutput.broadcast)
    }
}
