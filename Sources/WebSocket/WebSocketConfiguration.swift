/// Limits for one WebSocket connection; every length read from the wire is checked against them.
public struct WebSocketConfiguration: Sendable {
    /// The largest reassembled data message accepted; larger ones fail the connection with 1009.
    public var maxMessageSize: Int = 16 << 20
    /// The largest single frame payload accepted; larger ones fail the connection with 1009.
    public var maxFrameSize: Int = 16 << 20

    /// Limits with 16 MiB defaults, enough for Autobahn's group 9.
    public init(maxMessageSize: Int = 16 << 20, maxFrameSize: Int = 16 << 20) {
        self.maxMessageSize = maxMessageSize
        self.maxFrameSize = maxFrameSize
    }
}
