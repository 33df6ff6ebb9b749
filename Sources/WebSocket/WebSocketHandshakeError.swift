/// Why the server's answer to the upgrade request was not an acceptable WebSocket handshake (RFC 6455 §4.1).
public struct WebSocketHandshakeError: Error, Equatable, Sendable {
    private enum Reason: Equatable, Sendable {
        case unexpectedStatus(code: Int, reasonPhrase: String, body: [UInt8])
        case headersTooLarge(limit: Int)
        case invalidUpgradeHeader(String?)
        case invalidConnectionHeader(String?)
        case invalidAccept(expected: String, received: String?)
        case unrequestedExtension(String)
        case unrequestedSubprotocol(String)
        case malformedResponse(String)
    }

    /// A broad category of `WebSocketHandshakeError`, for callers that branch on what went wrong.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// A short name, e.g. `unexpectedStatus`.
        public let description: String
        private init(_ name: String) { description = name }

        /// The status was not 101; see `statusCode`, `reasonPhrase` and `body`.
        public static let unexpectedStatus = Kind("unexpectedStatus")
        /// The status line and headers did not end within `maxHeaderBytes`.
        public static let headersTooLarge = Kind("headersTooLarge")
        /// Upgrade was missing or not `websocket`.
        public static let invalidUpgradeHeader = Kind("invalidUpgradeHeader")
        /// Connection was missing or did not list `upgrade`.
        public static let invalidConnectionHeader = Kind("invalidConnectionHeader")
        /// Sec-WebSocket-Accept was missing or did not match the key.
        public static let invalidAccept = Kind("invalidAccept")
        /// The server chose an extension the client did not offer.
        public static let unrequestedExtension = Kind("unrequestedExtension")
        /// The server chose a subprotocol the client did not offer.
        public static let unrequestedSubprotocol = Kind("unrequestedSubprotocol")
        /// The bytes were not an HTTP/1.1 response, or the connection closed before it was complete.
        public static let malformedResponse = Kind("malformedResponse")
    }

    /// How much of a non-101 response body is kept for the error message.
    static let maxBodyBytes = 512

    private let reason: Reason
    private init(_ reason: Reason) { self.reason = reason }

    static func unexpectedStatus(code: Int, reasonPhrase: String, body: some Collection<UInt8>) -> Self {
        .init(.unexpectedStatus(code: code, reasonPhrase: reasonPhrase, body: Array(body.prefix(maxBodyBytes))))
    }
    static func headersTooLarge(limit: Int) -> Self { .init(.headersTooLarge(limit: limit)) }
    static func invalidUpgradeHeader(_ value: String?) -> Self { .init(.invalidUpgradeHeader(value)) }
    static func invalidConnectionHeader(_ value: String?) -> Self { .init(.invalidConnectionHeader(value)) }
    static func invalidAccept(expected: String, received: String?) -> Self {
        .init(.invalidAccept(expected: expected, received: received))
    }
    static func unrequestedExtension(_ value: String) -> Self { .init(.unrequestedExtension(value)) }
    static func unrequestedSubprotocol(_ value: String) -> Self { .init(.unrequestedSubprotocol(value)) }
    static func malformedResponse(_ detail: String) -> Self { .init(.malformedResponse(detail)) }

    /// The category of the failure.
    public var kind: Kind {
        switch reason {
        case .unexpectedStatus: .unexpectedStatus
        case .headersTooLarge: .headersTooLarge
        case .invalidUpgradeHeader: .invalidUpgradeHeader
        case .invalidConnectionHeader: .invalidConnectionHeader
        case .invalidAccept: .invalidAccept
        case .unrequestedExtension: .unrequestedExtension
        case .unrequestedSubprotocol: .unrequestedSubprotocol
        case .malformedResponse: .malformedResponse
        }
    }

    /// The HTTP status code, when the server answered with something other than 101.
    public var statusCode: Int? {
        if case .unexpectedStatus(let code, _, _) = reason { return code }
        return nil
    }

    /// The reason phrase of a non-101 status line, e.g. `BAD REQUEST`.
    public var reasonPhrase: String? {
        if case .unexpectedStatus(_, let phrase, _) = reason { return phrase }
        return nil
    }

    /// Up to 512 bytes of a non-101 response's body (e.g. python-engineio's `"Invalid session …"`).
    public var body: [UInt8] {
        if case .unexpectedStatus(_, _, let body) = reason { return body }
        return []
    }

    /// `body` decoded as UTF-8, with invalid bytes replaced.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

extension WebSocketHandshakeError: CustomStringConvertible {
    /// What the server answered and why it is not a WebSocket upgrade.
    public var description: String {
        switch reason {
        case .unexpectedStatus(let code, let phrase, let body):
            let status = phrase.isEmpty ? "\(code)" : "\(code) \(phrase)"
            let text = String(decoding: body, as: UTF8.self)
                .map { $0.isNewline ? " " : $0 }
                .reduce(into: "") { $0.append($1) }
            let trimmed = HTTPHeaderValue.trimmed(Substring(text))
            let detail = trimmed.isEmpty ? "" : ": \(trimmed)"
            return "the server answered \(status) instead of 101 Switching Protocols\(detail)"
        case .headersTooLarge(let limit):
            return "the server's response headers did not end within \(limit) bytes; raise maxHeaderBytes if that is expected"
        case .invalidUpgradeHeader(let value):
            return "the server's 101 response "
                + (value.map { "has Upgrade: \($0)" } ?? "has no Upgrade header") + ", expected websocket (RFC 6455 §4.1)"
        case .invalidConnectionHeader(let value):
            return "the server's 101 response "
                + (value.map { "has Connection: \($0)" } ?? "has no Connection header") + ", expected Upgrade (RFC 6455 §4.1)"
        case .invalidAccept(let expected, let received):
            return "the server's 101 response "
                + (received.map { "has Sec-WebSocket-Accept: \($0)" } ?? "has no Sec-WebSocket-Accept header")
                + ", expected \(expected) for the key sent (RFC 6455 §4.1); is a proxy rewriting the handshake?"
        case .unrequestedExtension(let value):
            return "the server selected extension \(value), which the client did not offer (RFC 6455 §9.1)"
        case .unrequestedSubprotocol(let value):
            return "the server selected subprotocol \(value), which the client did not offer (RFC 6455 §4.1)"
        case .malformedResponse(let detail):
            return "the server's handshake response is not valid HTTP/1.1: \(detail)"
        }
    }
}
