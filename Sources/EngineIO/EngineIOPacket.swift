/// One Engine.IO v4 packet (PROTOCOL.md §1, "Packets").
public enum EngineIOPacket: Hashable, Sendable {
    /// `0`: the server's handshake, carrying its raw JSON (see `EngineIOHandshake`).
    case open(String)
    /// `1`: either side ends the session.
    case close
    /// `2`: the server's heartbeat (data `""`), or the client's upgrade probe (`"probe"`).
    case ping(String)
    /// `3`: the reply to a ping, with the same data.
    case pong(String)
    /// `4`: a text message (for Socket.IO, one encoded Socket.IO packet).
    case message(String)
    /// A binary message: a WebSocket binary frame, or `b<base64>` in a polling payload.
    case binaryMessage([UInt8])
    /// `5`: the client switches to the WebSocket after the probe.
    case upgrade
    /// `6`: the server ends a pending poll during an upgrade.
    case noop
}

extension EngineIOPacket {
    /// Decodes one text packet: a type digit followed by its data, as carried by a WebSocket text
    /// frame or between separators of a polling payload.
    ///
    /// Data after `1`, `5` and `6` is ignored, as Node's engine.io-parser does.
    /// - Throws: `.emptyPacket` for empty text, `.unknownPacketType` for a first character
    ///   other than `0`-`6`.
    public init(text: Substring) throws(EngineIOError) {
        guard let type = text.utf8.first else { throw .emptyPacket() }
        let data = text.utf8.dropFirst()
        switch type {
        case UInt8(ascii: "0"): self = .open(String(Substring(data)))
        case UInt8(ascii: "1"): self = .close
        case UInt8(ascii: "2"): self = .ping(String(Substring(data)))
        case UInt8(ascii: "3"): self = .pong(String(Substring(data)))
        case UInt8(ascii: "4"): self = .message(String(Substring(data)))
        case UInt8(ascii: "5"): self = .upgrade
        case UInt8(ascii: "6"): self = .noop
        default: throw .unknownPacketType(type)
        }
    }

    /// Decodes one text packet; see the `Substring` overload.
    public init(text: String) throws(EngineIOError) {
        try self.init(text: Substring(text))
    }

    /// Wraps a WebSocket binary frame, which in v4 is a binary message with no type byte.
    public init(binaryFrame: [UInt8]) {
        self = .binaryMessage(binaryFrame)
    }

    /// The text form, `"<digit><data>"` (e.g. `"4hello"`); `nil` for `.binaryMessage`, which
    /// travels as a binary frame or as `b<base64>` in a polling payload.
    public var textEncoding: String? {
        switch self {
        case .open(let json): "0" + json
        case .close: "1"
        case .ping(let data): "2" + data
        case .pong(let data): "3" + data
        case .message(let data): "4" + data
        case .upgrade: "5"
        case .noop: "6"
        case .binaryMessage: nil
        }
    }

    /// The bytes this packet takes in a polling payload: type digit plus UTF-8 data, or `b` plus
    /// base64 for a binary message.
    var pollingByteCount: Int {
        switch self {
        case .open(let data), .ping(let data), .pong(let data), .message(let data): 1 + data.utf8.count
        case .close, .upgrade, .noop: 1
        case .binaryMessage(let bytes): 1 + Base64.encodedCount(bytes.count)
        }
    }
}
