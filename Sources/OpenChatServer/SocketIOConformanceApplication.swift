import JSON
import SocketIO

/// The server side the official Socket.IO v5 test suite expects (PROTOCOL.md §3,
/// `docs/socket.io-protocol/v5-test-suite`): namespaces `/` and `/custom`; on connect the socket
/// gets `auth` with its handshake payload (`{}` without one), after the CONNECT reply; `message`
/// is answered with `message-back` and the same arguments; `message-with-ack` is acknowledged with
/// its arguments. Binary arguments come back as attachments.
public struct SocketIOConformanceApplication: SocketIOApplication {
    /// Creates the application.
    public init() {}

    public var namespaces: Set<String> { ["/", "/custom"] }

    public mutating func connected(socketID: String, namespace: String, auth: JSONObject?) -> SocketIOConnectAnswer {
        SocketIOConnectAnswer(afterReply: [.reply(.event("auth", [.object(auth ?? JSONObject())], namespace: namespace))])
    }

    public mutating func received(event name: String, arguments: [JSONValue], ackID: Int?,
                                  from socketID: String, namespace: String) -> [SocketIOApplicationOutput] {
        switch name {
        case "message":
            return [.reply(.event("message-back", arguments, namespace: namespace))]
        case "message-with-ack":
            guard let ackID else { return [] }
            return [.reply(.ack(id: ackID, arguments, namespace: namespace))]
        default:
            return []
        }
    }

    public mutating func disconnected(socketID: String, namespace: String) -> [SocketIOApplicationOutput] { [] }
}
