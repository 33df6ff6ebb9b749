import EngineIO
import JSON
import SocketIO

/// The Socket.IO v5 side of one Engine.IO session on the server (PROTOCOL.md §2): decodes the
/// session's messages (binary attachments included) and sorts them into what the application
/// handles. The session may join each of the application's namespaces once; a CONNECT to another
/// is refused with the application's CONNECT_ERROR (``SocketIOApplication/refusal(ofNamespace:)``).
public struct SocketIOServerSocket: Sendable {
    /// What a received message means for the application.
    public enum Input: Hashable, Sendable {
        /// A CONNECT to a known namespace: run the connect handler and ``accept(socketID:namespace:)``.
        case connect(namespace: String, auth: JSONObject?)
        /// A CONNECT to a namespace the application does not serve: answer with its refusal.
        case refused(namespace: String)
        /// A packet to send back as is (a repeated CONNECT's reply).
        case reply(SocketIOPacket)
        /// An EVENT (or BINARY_EVENT with its attachments in place) on a joined namespace.
        case event(namespace: String, name: String, arguments: [JSONValue], ackID: Int?)
        /// A DISCONNECT from a joined namespace by the socket that had this id there.
        case disconnect(namespace: String, socketID: String)
        /// Nothing to do: a binary packet still waiting for attachments, or a packet that python
        /// ignores (an event before CONNECT, an ACK, a numeric event name).
        case none
    }

    private var decoder: SocketIODecoder
    private let namespaces: Set<String>
    /// Namespace -> the socket id given in its CONNECT reply, for the namespaces joined.
    public private(set) var socketIDs: [String: String] = [:]

    /// Creates a socket for an application serving `namespaces`, decoding with `limits`.
    public init(namespaces: Set<String> = ["/"], limits: SocketIOLimits = SocketIOLimits()) {
        self.namespaces = namespaces
        decoder = SocketIODecoder(limits: limits)
    }

    /// The socket id on the main namespace `/`, while joined.
    public var socketID: String? { socketIDs["/"] }

    /// Whether the client has joined `/`.
    public var isConnected: Bool { socketIDs["/"] != nil }

    /// Whether the client has joined `namespace`.
    public func isConnected(to namespace: String) -> Bool { socketIDs[namespace] != nil }

    /// Whether the client has joined any namespace.
    public var hasJoinedAny: Bool { !socketIDs.isEmpty }

    /// Decodes one Engine.IO message.
    /// - Throws: `SocketIOError` for a packet that does not parse; the session should end (Node
    ///   closes the connection, python disconnects it).
    public mutating func receive(_ message: EngineIOPacket) throws(SocketIOError) -> Input {
        let decoded: SocketIOPacket?
        switch message {
        case .message(let text): decoded = try decoder.decode(text: text)
        case .binaryMessage(let bytes): decoded = try decoder.decode(attachment: bytes)
        default: return .none
        }
        guard let packet = decoded else { return .none }
        let namespace = packet.namespace
        switch packet.type {
        case .connect:
            guard namespaces.contains(namespace) else { return .refused(namespace: namespace) }
            if let socketID = socketIDs[namespace] { return .reply(Self.connectReply(socketID, namespace: namespace)) }
            return .connect(namespace: namespace, auth: packet.data?.objectValue)
        case .event, .binaryEvent:
            guard isConnected(to: namespace), let name = packet.eventName else { return .none }
            return .event(namespace: namespace, name: name, arguments: packet.eventArguments, ackID: packet.ackID)
        case .disconnect:
            guard let socketID = socketIDs.removeValue(forKey: namespace) else { return .none }
            return .disconnect(namespace: namespace, socketID: socketID)
        case .ack, .binaryAck, .connectError:
            return .none
        }
    }

    /// Joins `namespace` as `socketID` and returns the CONNECT reply, `40<ns,>{"sid":"<socketID>"}`.
    public mutating func accept(socketID: String, namespace: String = "/") -> SocketIOPacket {
        socketIDs[namespace] = socketID
        return Self.connectReply(socketID, namespace: namespace)
    }

    /// Leaves every namespace (the Engine.IO session ended); returns what was joined, in
    /// namespace order.
    public mutating func leave() -> [(namespace: String, socketID: String)] {
        defer { socketIDs = [:] }
        return socketIDs.sorted { $0.key < $1.key }.map { (namespace: $0.key, socketID: $0.value) }
    }

    private static func connectReply(_ socketID: String, namespace: String) -> SocketIOPacket {
        SocketIOPacket(type: .connect, namespace: namespace, data: ["sid": .string(socketID)])
    }
}
