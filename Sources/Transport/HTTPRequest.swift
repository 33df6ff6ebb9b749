/// TLS settings for https:// and wss:// connections.
public struct TLSOptions: Sendable, Equatable {
    /// A PEM file with the CA certificates to trust instead of the system bundle.
    public var caFile: String?
    /// Verify the peer's certificate and host name (on by default; turn off only for throwaway test servers).
    public var verifyPeer: Bool
    /// Creates TLS options.
    public init(caFile: String? = nil, verifyPeer: Bool = true) {
        self.caFile = caFile
        self.verifyPeer = verifyPeer
    }
}

/// One HTTP request performed through libcurl's multi interface.
public struct HTTPRequest: Sendable {
    /// GET, or POST with a body.
    public enum Method: Sendable, Equatable {
        case get
        case post(body: [UInt8], contentType: String)
    }

    /// The absolute http:// or https:// URL.
    public var url: String
    /// The method and body.
    public var method: Method
    /// Extra request headers (name, value).
    public var headers: [(String, String)]
    /// Limit for the whole transfer.
    public var timeoutMilliseconds: Int
    /// Limit for TCP + TLS connection setup.
    public var connectTimeoutMilliseconds: Int
    /// Larger response bodies fail the request with ``TransportError/Kind/responseTooLarge(limit:)``.
    public var maxResponseBytes: Int
    /// TLS settings.
    public var tls: TLSOptions

    /// Creates a request.
    public init(
        url: String, method: Method = .get, headers: [(String, String)] = [],
        timeoutMilliseconds: Int = 30_000, connectTimeoutMilliseconds: Int = 10_000,
        maxResponseBytes: Int = 64 << 20, tls: TLSOptions = TLSOptions()
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.timeoutMilliseconds = timeoutMilliseconds
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.maxResponseBytes = maxResponseBytes
        self.tls = tls
    }
}

/// Connection timings reported by libcurl, in microseconds from the start of the transfer.
public struct ConnectionTimings: Sendable, Equatable {
    /// Until the TCP connection was established (0 when an existing connection was reused).
    public var tcpConnectMicroseconds: Int64
    /// Until the TLS handshake completed (0 for plain connections or reuse).
    public var tlsHandshakeMicroseconds: Int64
    /// The whole transfer.
    public var totalMicroseconds: Int64
    /// Creates timings.
    public init(tcpConnectMicroseconds: Int64 = 0, tlsHandshakeMicroseconds: Int64 = 0, totalMicroseconds: Int64 = 0) {
        self.tcpConnectMicroseconds = tcpConnectMicroseconds
        self.tlsHandshakeMicroseconds = tlsHandshakeMicroseconds
        self.totalMicroseconds = totalMicroseconds
    }
}

/// A completed HTTP exchange (any status code).
public struct HTTPResponse: Sendable {
    /// The status code (200, 400, ...).
    public var status: Int
    /// The (decoded) body.
    public var body: [UInt8]
    /// When the last byte was received, on the monotonic clock.
    public var receivedAt: MonotonicInstant
    /// libcurl's timings for this transfer.
    public var timings: ConnectionTimings
}
