/// Something the I/O layer must do on behalf of `WebSocketConnectionStateMachine`, in the order given.
public enum WebSocketAction: Equatable, Sendable {
    /// Send these bytes on the socket (complete, masked frames).
    case write([UInt8])
    /// Hand a complete data message to the application.
    case deliver(WebSocketMessage)
    /// Close the TCP connection now (after the close handshake, or on failure).
    case closeTransport
    /// The WebSocket is closed; reported exactly once, before or together with `closeTransport`.
    ///
    /// `code` is the WebSocket Connection Close Code (RFC 6455 §7.1.5): the code in the peer's close
    /// frame, `nil` if that frame had none (what §7.1.5 calls 1005), 1006 if the transport ended without
    /// a close frame, or the code we failed the connection with. `initiatedByPeer` is true when the
    /// peer's close frame or the transport's end, not our `close(...)` or a protocol failure, started it.
    case closed(code: WebSocketCloseCode?, reason: String, initiatedByPeer: Bool)
    /// A pong arrived (solicited or not) with this payload.
    case pongReceived([UInt8])
}
