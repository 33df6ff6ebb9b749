import EngineIO
import Transport
import WebSocket

/// How an Engine.IO client reaches its server.
public struct EngineIOClientOptions: Sendable {
    /// The server's base URL (http, https, ws or wss), e.g. `http://127.0.0.1:8000`.
    public var url: String
    /// The Engine.IO path, with its trailing slash.
    public var path: String
    /// Which transports to use.
    public var transport: EngineIOTransportMode
    /// Extra query parameters sent with every request.
    public var query: [(String, String)]
    /// Extra headers (Authorization, Cookie, Origin when wanted) on every request and the upgrade.
    public var headers: [(String, String)]
    /// TLS settings.
    public var tls: TLSOptions
    /// Limit for TCP + TLS setup of each connection.
    public var connectTimeoutMilliseconds: Int
    /// Limit for a POST (python never answers some bad POSTs: keep it short).
    public var postTimeoutMilliseconds: Int
    /// Limit for the WebSocket probe to complete.
    public var upgradeTimeoutMilliseconds: Int
    /// Largest poll response accepted.
    public var maxResponseBytes: Int
    /// WebSocket codec limits.
    public var webSocket: WebSocketConfiguration

    /// Creates options with browser-like defaults (polling, then upgrade).
    public init(
        url: String, path: String = "/socket.io/", transport: EngineIOTransportMode = .pollingThenUpgrade,
        query: [(String, String)] = [], headers: [(String, String)] = [], tls: TLSOptions = TLSOptions(),
        connectTimeoutMilliseconds: Int = 10_000, postTimeoutMilliseconds: Int = 10_000,
        upgradeTimeoutMilliseconds: Int = 10_000, maxResponseBytes: Int = 64 << 20,
        webSocket: WebSocketConfiguration = WebSocketConfiguration(maxMessageSize: 64 << 20, maxFrameSize: 64 << 20)
    ) {
        self.url = url
        self.path = path
        self.transport = transport
        self.query = query
        self.headers = headers
        self.tls = tls
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.postTimeoutMilliseconds = postTimeoutMilliseconds
        self.upgradeTimeoutMilliseconds = upgradeTimeoutMilliseconds
        self.maxResponseBytes = maxResponseBytes
        self.webSocket = webSocket
    }
}

/// Timings of an Engine.IO session's opening, in milliseconds from ``EngineIOClient/open()``.
public struct EngineIOOpenTimings: Sendable, Equatable {
    /// TCP connect (from libcurl, 0 when a kept-alive connection was reused).
    public var tcpConnectMilliseconds: Double
    /// TLS handshake done (0 for plain connections).
    public var tlsHandshakeMilliseconds: Double
    /// The open packet arrived.
    public var openMilliseconds: Double
}
