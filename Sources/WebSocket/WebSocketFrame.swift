/// One WebSocket frame with its payload already unmasked (RFC 6455 §5.2).
public struct WebSocketFrame: Equatable, Sendable {
    /// FIN: this is the final fragment of a message.
    public var fin: Bool
    /// RSV1-RSV3 in the low three bits; 0 unless an extension was negotiated.
    public var rsv: UInt8
    /// What the payload is.
    public var opcode: WebSocketOpcode
    /// Application data, unmasked.
    public var payload: [UInt8]

    /// Creates a frame; `rsv` keeps only its low three bits.
    public init(fin: Bool = true, rsv: UInt8 = 0, opcode: WebSocketOpcode, payload: [UInt8] = []) {
        self.fin = fin
        self.rsv = rsv & 0x7
        self.opcode = opcode
        self.payload = payload
    }
}
