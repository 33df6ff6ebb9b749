import EngineIO
import JSON
import SocketIO

/// The Socket.IO v5 side of one Engine.IO session on the server (PROTOCOL.md §2): decodes the
/// session's messages (binary attachments included) and sorts them into what the application
/// handles. Only the main namespace `/` exists; CONNECTs to others are refused with
/// `44/<ns>,{"message":"Invalid namespace"}` (Node's wording).
public struct SocketIOServerSocket: Sendable {
    /// What a received message means for the application.
    public enum Input: Hashable, Sendable {
        /// A CONNECT to `/`: run the connect handler, then ``accept(socketID:)``.
        case connect(auth: JSONObject?)
        /// A packet to send back as is (a refused namespace, or a repeated CONNECT's reply).
        case reply(SocketIOPacket)
        /// An EVENT (or BINARY_EVENT with its attachments in place) on `/`.
        case event(name: String, arguments: [JSONValue], ackID: Int?)
        /// A DISCONNECT from `/` by the socket that had this id.
        case disconnect(socketID: String)
        /// Nothing to do: a binary packet still waiting for attachments, or a packet that python
        /// ignores (an event before CONNECT, an ACK, a numeric event name).
        case none
    }

    private var decoder: SocketIODecoder
    /// The socket id given in the CONNECT reply, while connected to `/`.
    public private(set) var socketID: String?

    /// Creates a socket that decodes with `limits`.
    public init(limits: SocketIOLimits = SocketIOLimits()) {
        decoder = SocketIODecoder(limits: limits)
    }

    /// Whether the client has joined `/`.
    public var isConnected: Bool { socketID != nil }

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
        switch packet.type {
        case .connect:
            guard packet.namespace == "/" else {
                return .reply(SocketIOPacket(type: .connectError, namespace: packet.namespace,
                                             data: ["message": "Invalid namespace"]))
            }
            if let socketID { return .reply(Self.connectReply(socketID)) }
            return .connect(auth: packet.data?.objectValue)
        case .event, .binaryEvent:
            guard packet.namespace == "/", isConnected, let name = packet.eventName else { return .none }
            return .event(name: name, arguments: packet.eventArguments, ackID: packet.ackID)
        case .disconnect:
            guard packet.namespace == "/", let socketID else { return .none }
            self.socketID = nil
            return .disconnect(socketID: socketID)
        case .ack, .binaryAck, .connectError:
            return .none
        }
    }

    /// Joins `/` as `socketID` and returns the CONNECT reply, `40{"sid":"<socketID>"}`.
    public mutating func accept(socketID: String) -> SocketIOPacket {
        self.socketID = socketID
        return Self.connectReply(socketID)
    }

    /// Leaves `/` (the Engine.IO session ended); returns the socket id it had.
    public mutating func leave() -> String? {
        defer { socketID = nil }
        return socketID
    }

    private static func connectReply(_ socketID: String) -> SocketIOPacket {
        SocketIOPacket(type: .connect, data: ["sid": .string(socketID)])
    }
}
