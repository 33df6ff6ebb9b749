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
    /// How long a new session may go without joining a Socket.IO namespace before the server
    /// closes it, in milliseconds (Node's `connectTimeout`); `nil`, python-socketio's behaviour,
    /// waits for ever (the heartbeat still ends dead sessions).
    public var connectTimeoutMilliseconds: Int?
    /// What the server runs on top of Engine.IO.
    public var application: Application

    /// What the server runs on top of Engine.IO.
    public enum Application: String, Sendable, Hashable, CaseIterable {
        /// The OpenChat contract on `/socket.io/` (the reference server's handlers).
        case openChat = "openchat"
        /// The behaviour the official conformance suites expect (PROTOCOL.md §3): an Engine.IO
        /// echo server on `/engine.io/` and ``SocketIOConformanceApplication`` on `/socket.io/`.
        case conformance
    }

    /// Creates a configuration; every value has python-socketio's default.
    public init(
        host: String = "127.0.0.1", port: Int = 8000,
        pingIntervalMilliseconds: Int = 25_000, pingTimeoutMilliseconds: Int = 20_000,
        maxPayload: Int = 1_000_000, maxHeaderBytes: Int = 16 << 10,
        upgradeTimeoutMilliseconds: Int = 10_000, maxBufferedBytes: Int = 64 << 20,
        allowedOrigins: [String]? = nil, connectTimeoutMilliseconds: Int? = nil,
        application: Application = .openChat
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
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.application = application
    }

    /// The setup the official Engine.IO v4 and Socket.IO v5 test suites require (PROTOCOL.md §3):
    /// ping interval 300 ms, ping timeout 200 ms, max payload 1,000,000, any origin, a 1 s connect
    /// timeout, and the conformance application.
    public static func conformance(host: String = "127.0.0.1", port: Int = 3000) -> OpenChatServerConfiguration {
        OpenChatServerConfiguration(
            host: host, port: port, pingIntervalMilliseconds: 300, pingTimeoutMilliseconds: 200,
            allowedOrigins: ["*"], connectTimeoutMilliseconds: 1_000, application: .conformance
        )
    }

    /// What a request path serves: Socket.IO at `/socket.io/`; with the conformance application
    /// also the Engine.IO echo server at `/engine.io/` (with or without the trailing slash).
    func endpoint(forPath path: String) -> EngineIOEndpoint? {
        switch path {
        case "/socket.io/", "/socket.io": .socketIO
        case "/engine.io/", "/engine.io": application == .conformance ? .engineIOEcho : nil
        default: nil
        }
    }

    /// The settings of one Engine.IO session derived from these.
    var session: EngineIOServerSession.Configuration {
        EngineIOServerSession.Configuration(
            pingInterval: pingIntervalMilliseconds, pingTimeout: pingTimeoutMilliseconds, maxPayload: maxPayload,
            upgradeTimeout: upgradeTimeoutMilliseconds, maxBufferedBytes: maxBufferedBytes
        )
    }
}
