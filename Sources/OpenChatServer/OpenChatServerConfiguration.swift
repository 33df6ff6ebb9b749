/// The settings of an OpenChat server: where it listens, the Engine.IO heartbeat, and the limits
/// on everything it reads from the network.
///
/// The defaults are python-socketio's (PROTOCOL.md §4): ping every 25 s, a 20 s pong timeout and
/// a 1,000,000-byte maximum payload.
public struct OpenChatServerConfiguration: Sendable, Hashable {
    /// The address to bind, e.g. `"127.0.0.1"` or `"0.0.0.0"`.
    public var host: String
    /// The TCP port to bind; `0` picks a free port (read it back from ``RunningServer/port``).
    public var port: Int
    /// How often the server pings each session, in milliseconds (`pingInterval` of the handshake).
    public var pingIntervalMilliseconds: Int
    /// How long the server waits for the pong, in milliseconds (`pingTimeout` of the handshake).
    public var pingTimeoutMilliseconds: Int
    /// The largest POST body or WebSocket message accepted, in bytes (`maxPayload` of the handshake).
    public var maxPayload: Int
    /// The largest request head (request line and headers together) accepted, in bytes.
    public var maxHeaderBytes: Int
    /// How long a WebSocket probe may take to send `5` after `2probe`, in milliseconds (Node's
    /// `upgradeTimeout`).
    public var upgradeTimeoutMilliseconds: Int
    /// The most bytes queued for one session before it counts as stuck and is closed; protects the
    /// server from a client that stops reading.
    public var maxBufferedBytes: Int
    /// The `Origin` values accepted. `nil` (python-socketio's default) accepts requests without an
    /// `Origin` header and same-origin requests only; `["*"]` accepts any origin.
    public var allowedOrigins: [String]?

    /// Creates a configuration; every value has python-socketio's default.
    public init(
        host: String = "127.0.0.1", port: Int = 8000,
        pingIntervalMilliseconds: Int = 25_000, pingTimeoutMilliseconds: Int = 20_000,
        maxPayload: Int = 1_000_000, maxHeaderBytes: Int = 16 << 10,
        upgradeTimeoutMilliseconds: Int = 10_000, maxBufferedBytes: Int = 64 << 20,
        allowedOrigins: [String]? = nil
    ) {
        self.host = host
        self.port = port
        self.pingIntervalMilliseconds = pingIntervalMilliseconds
        self.pingTimeoutMilliseconds = pingTimeoutMilliseconds
        self.maxPayload = maxPayload
        self.maxHeaderBytes = maxHeaderBytes
        self.upgradeTimeoutMilliseconds = upgradeTimeoutMilliseconds
        self.maxBufferedBytes = maxBufferedBytes
        self.allowedOrigins = allowedOrigins
    }

    /// The settings of one Engine.IO session derived from these.
    var session: EngineIOServerSession.Configuration {
        EngineIOServerSession.Configuration(
            pingInterval: pingIntervalMilliseconds, pingTimeout: pingTimeoutMilliseconds, maxPayload: maxPayload,
            upgradeTimeout: upgradeTimeoutMilliseconds, maxBufferedBytes: maxBufferedBytes
        )
    }
}
