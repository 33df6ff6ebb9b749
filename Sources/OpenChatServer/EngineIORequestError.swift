import JSON

/// An HTTP error answer of the Engine.IO endpoint: a status and python-engineio's message.
///
/// python-engineio 4 answers `400` with `Content-Type: text/plain` and a body that is the message
/// as a JSON *string*, e.g. `"Invalid session abc"` with the quotes (PROTOCOL.md §1, "Errors");
/// clients see the same bytes from this server.
public struct EngineIORequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status code.
    public var status: Int
    /// The message, without the JSON quotes.
    public var message: String

    /// Creates an error answer.
    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    /// 400 `"Invalid session <sid>"`: the sid is unknown or the session has ended (`None` when
    /// a POST has no sid, as in python).
    public static func invalidSession(_ sid: String?) -> Self {
        Self(status: 400, message: "Invalid session \(sid ?? "None")")
    }

    /// 400 `"Invalid transport"`: a transport other than `polling` or `websocket`, or one that
    /// does not match the session.
    public static let invalidTransport = Self(status: 400, message: "Invalid transport")

    /// 400: `EIO` is missing or not `4`.
    public static let unsupportedVersion = Self(
        status: 400, message: "The client is using an unsupported version of the Socket.IO or Engine.IO protocols")

    /// 400 `"Invalid websocket upgrade"`: `transport=websocket` without a usable Upgrade request.
    public static let invalidWebSocketUpgrade = Self(status: 400, message: "Invalid websocket upgrade")

    /// 400 `"Unexpected HTTP request"`: polling on a session that moved to WebSocket.
    public static let unexpectedRequest = Self(status: 400, message: "Unexpected HTTP request")

    /// 400 `"Bad Request"`: a malformed POST body, or a second GET while one is held.
    public static let badRequest = Self(status: 400, message: "Bad Request")

    /// 413: a POST body larger than `maxPayload` (Node's status; python answers 400).
    public static let payloadTooLarge = Self(status: 413, message: "Payload Too Large")

    /// 400 `"Not an accepted origin."`: a foreign `Origin` header.
    public static let notAnAcceptedOrigin = Self(status: 400, message: "Not an accepted origin.")

    /// 405: a method other than GET, POST and OPTIONS.
    public static let methodNotFound = Self(status: 405, message: "Method Not Found")

    /// The response body: the message as a JSON string, except for 405, whose body python sends raw.
    public var body: String {
        status == 405 ? message : JSONValue.string(message).serialized
    }

    /// The status and message, for logs.
    public var description: String { "\(status) \(body)" }
}
