/// A WebSocket frame opcode (RFC 6455 §5.2); only the six defined values can be constructed.
public struct WebSocketOpcode: RawRepresentable, Hashable, Sendable {
    /// The 4-bit opcode as it appears in the low nibble of a frame's first byte.
    public var rawValue: UInt8

    /// Returns `nil` for the reserved opcodes 3-7 and 0xB-0xF (RFC 6455 §5.2), which fail with 1002.
    public init?(rawValue: UInt8) {
        switch rawValue {
        case 0x0, 0x1, 0x2, 0x8, 0x9, 0xA: self.rawValue = rawValue
        default: return nil
        }
    }

    private init(uncheckedRawValue: UInt8) {
        self.rawValue = uncheckedRawValue
    }

    /// Opcode 0x0: a continuation of a fragmented message (RFC 6455 §5.4).
    public static let continuation = WebSocketOpcode(uncheckedRawValue: 0x0)
    /// Opcode 0x1: the first frame of a UTF-8 text message.
    public static let text = WebSocketOpcode(uncheckedRawValue: 0x1)
    /// Opcode 0x2: the first frame of a binary message.
    public static let binary = WebSocketOpcode(uncheckedRawValue: 0x2)
    /// Opcode 0x8: connection close (RFC 6455 §5.5.1).
    public static let close = WebSocketOpcode(uncheckedRawValue: 0x8)
    /// Opcode 0x9: ping (RFC 6455 §5.5.2).
    public static let ping = WebSocketOpcode(uncheckedRawValue: 0x9)
    /// Opcode 0xA: pong (RFC 6455 §5.5.3).
    public static let pong = WebSocketOpcode(uncheckedRawValue: 0xA)

    /// Whether this is a control frame opcode (high bit of the nibble set, RFC 6455 §5.5).
    public var isControl: Bool { rawValue & 0x8 != 0 }
}

extension WebSocketOpcode: CustomStringConvertible {
    /// The opcode's name, e.g. `text`.
    public var description: String {
        switch rawValue {
        case 0x0: "continuation"
        case 0x1: "text"
        case 0x2: "binary"
        case 0x8: "close"
        case 0x9: "ping"
        case 0xA: "pong"
        default: "opcode \(rawValue)"
        }
    }
}
