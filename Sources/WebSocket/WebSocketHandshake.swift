/// The client's opening handshake request (RFC 6455 §4.1).
public struct WebSocketHandshake: Sendable {
    /// The GUID appended to the key before hashing (RFC 6455 §1.3).
    static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// Header names this type writes itself; callers' copies are dropped so they cannot contradict them.
    private static let ownedHeaderNames: Set<String> = [
        "host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
    ]

    /// The Host header value, including `:port` when it is not the scheme's default.
    public var host: String
    /// The path and query to request, e.g. `/socket.io/?EIO=4&transport=websocket`.
    public var requestTarget: String
    /// Extra headers sent after the required ones, in order (e.g. Origin, Cookie, Sec-WebSocket-Protocol).
    public var headers: [(String, String)]
    /// The Sec-WebSocket-Key: base64 of 16 random bytes, new for each connection.
    public var key: String

    /// Describes a request; make `key` with `makeKey(using:)`.
    public init(host: String, requestTarget: String, headers: [(String, String)] = [], key: String) {
        self.host = host
        self.requestTarget = requestTarget
        self.headers = headers
        self.key = key
    }

    /// A Sec-WebSocket-Key: base64 of 16 bytes from `generator` (RFC 6455 §4.1, item 7).
    public static func makeKey(using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            let word = generator.next() as UInt64
            for shift in stride(from: 0, to: 64, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return Base64.encode(bytes)
    }

    /// The Sec-WebSocket-Accept a server must answer `key` with: base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2).
    public static func acceptValue(forKey key: String) -> String {
        Base64.encode(SHA1.hash(Array((key + acceptGUID).utf8)))
    }

    /// The request bytes: request line, Host, Upgrade, Connection, Sec-WebSocket-Key, Sec-WebSocket-Version: 13,
    /// then `headers`; no extensions are offered.
    ///
    /// CR, LF and NUL are removed from every caller-supplied string so they cannot inject headers,
    /// and extra headers that would override the ones above are left out.
    public var requestBytes: [UInt8] {
        let target = Self.sanitized(requestTarget).filter { $0 != " " }
        var request = "GET \(target.isEmpty ? "/" : target) HTTP/1.1\r\n"
        request += "Host: \(Self.sanitized(host))\r\n"
        request += "Upgrade: websocket\r\n"
        request += "Connection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: \(Self.sanitized(key))\r\n"
        request += "Sec-WebSocket-Version: 13\r\n"
        for (name, value) in headers {
            let cleanName = Self.sanitized(name).filter { $0 != ":" && $0 != " " && $0 != "\t" }
            guard !cleanName.isEmpty, !Self.ownedHeaderNames.contains(cleanName.lowercased()) else { continue }
            request += "\(cleanName): \(Self.sanitized(value))\r\n"
        }
        request += "\r\n"
        return Array(request.utf8)
    }

    /// The subprotocols offered in Sec-WebSocket-Protocol headers among `headers`.
    public var requestedSubprotocols: [String] {
        headers
            .filter { $0.0.lowercased() == "sec-websocket-protocol" }
            .flatMap { HTTPHeaderValue.tokens($0.1) }
    }

    /// A parser for the server's answer to this request.
    public func makeResponseParser(maxHeaderBytes: Int = 16 << 10) -> WebSocketHandshakeResponseParser {
        WebSocketHandshakeResponseParser(key: key, maxHeaderBytes: maxHeaderBytes, requestedSubprotocols: requestedSubprotocols)
    }

    private static func sanitized(_ string: String) -> String {
        String(string.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" })
    }
}

/// Helpers for comma-separated HTTP header values (RFC 9110 §5.6.1).
enum HTTPHeaderValue {
    /// The non-empty, trimmed elements of a comma-separated list.
    static func tokens(_ value: String) -> [String] {
        value.split(separator: ",").map { trimmed(Substring($0)) }.filter { !$0.isEmpty }
    }

    /// `value` without leading and trailing spaces and tabs (optional whitespace, RFC 9110 §5.6.3).
    static func trimmed(_ value: Substring) -> String {
        var slice = value
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
