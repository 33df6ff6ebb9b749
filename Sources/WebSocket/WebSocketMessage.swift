/// A complete data message, reassembled from its fragments (RFC 6455 §5.4).
public enum WebSocketMessage: Equatable, Sendable {
    /// A text message; its bytes were validated as UTF-8.
    case text(String)
    /// A binary message.
    case binary([UInt8])
}
