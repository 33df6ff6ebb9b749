import JSON
import SocketIO

/// What runs on top of the server's Socket.IO layer: plain code with no I/O that answers each
/// socket's connect, events and disconnect with packets to send (the hub sends them, in order).
/// ``OpenChatRoom`` is the OpenChat contract; ``SocketIOConformanceApplication`` is the behaviour
/// the official Socket.IO v5 test suite expects.
public protocol SocketIOApplication: Sendable {
    /// The namespaces a client may join; a CONNECT to any other is refused.
    var namespaces: Set<String> { get }

    /// A socket joined `namespace` with the CONNECT's `auth` payload (if any).
    mutating func connected(socketID: String, namespace: String, auth: JSONObject?) -> SocketIOConnectAnswer

    /// An event from a joined socket; `ackID` is set when the client asked for an acknowledgement.
    mutating func received(event name: String, arguments: [JSONValue], ackID: Int?,
                           from socketID: String, namespace: String) -> [SocketIOApplicationOutput]

    /// A socket left `namespace` (DISCONNECT, or its Engine.IO session ended).
    mutating func disconnected(socketID: String, namespace: String) -> [SocketIOApplicationOutput]

    /// The CONNECT_ERROR for a namespace not in ``namespaces``.
    func refusal(ofNamespace namespace: String) -> SocketIOPacket

    /// How the server writes JSON for this application (python escapes non-ASCII, Node does not).
    var jsonStyle: JSONStyle { get }

    /// The body of the 200 answer to a polling POST (python: `OK`, Node: `ok`).
    var postAnswer: String { get }
}

extension SocketIOApplication {
    /// Node's: raw UTF-8.
    public var jsonStyle: JSONStyle { .javaScript }

    /// Node's: `ok`.
    public var postAnswer: String { "ok" }

    /// Node's refusal, `44/<ns>,{"message":"Invalid namespace"}` (what the official test suite expects).
    public func refusal(ofNamespace namespace: String) -> SocketIOPacket {
        SocketIOPacket(type: .connectError, namespace: namespace, data: ["message": "Invalid namespace"])
    }
}

/// A packet the application wants sent.
public enum SocketIOApplicationOutput: Hashable, Sendable {
    /// To every socket joined to the packet's namespace, the sender included.
    case broadcast(SocketIOPacket)
    /// To the socket the answer is about.
    case reply(SocketIOPacket)
}

/// What the application sends around a socket's CONNECT reply: python runs the connect handler
/// (and sends what it emits) before the reply, Node's handlers usually emit after it.
public struct SocketIOConnectAnswer: Hashable, Sendable {
    /// Sent before the CONNECT reply.
    public var beforeReply: [SocketIOApplicationOutput]
    /// Sent after the CONNECT reply.
    public var afterReply: [SocketIOApplicationOutput]

    /// Creates an answer.
    public init(beforeReply: [SocketIOApplicationOutput] = [], afterReply: [SocketIOApplicationOutput] = []) {
        self.beforeReply = beforeReply
        self.afterReply = afterReply
    }
}
