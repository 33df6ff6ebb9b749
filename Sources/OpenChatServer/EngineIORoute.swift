/// What a request to the Engine.IO path asks for, decided from its method, query and headers
/// alone, in python-engineio's order of checks (transport, then version, then method and sid).
/// Whether a sid exists is the hub's business.
enum EngineIORoute: Hashable, Sendable {
    /// `GET ?EIO=4&transport=polling` without sid: a new polling session.
    case pollingHandshake
    /// `GET ?EIO=4&transport=websocket` with Upgrade headers, with or without sid.
    case webSocket(sid: String?)
    /// `GET ?sid=…`: a poll.
    case poll(sid: String)
    /// `POST ?sid=…`: a payload from the client.
    case post(sid: String)
    /// `OPTIONS`: python answers 200 `OK`.
    case options
    /// An error answer.
    case reject(EngineIORequestError)

    /// Routes a request. `isWebSocketUpgrade` is whether it carries `Upgrade: websocket`;
    /// `isVersionRepeated` whether `EIO` came more than once (python then refuses the version).
    init(method: String, query: [String: String], isWebSocketUpgrade: Bool, isVersionRepeated: Bool = false) {
        // python: a missing transport means polling.
        let transport = query["transport"] ?? "polling"
        guard transport == "polling" || transport == "websocket" else {
            self = .reject(.invalidTransport)
            return
        }
        let sid = query["sid"]
        if sid == nil && (query["EIO"] != "4" || isVersionRepeated) {
            self = .reject(.unsupportedVersion)
            return
        }
        switch method {
        case "GET":
            if transport == "websocket" {
                self = isWebSocketUpgrade ? .webSocket(sid: sid) : .reject(sid == nil ? .invalidWebSocketUpgrade : .invalidTransport)
            } else if let sid {
                self = .poll(sid: sid)
            } else {
                self = .pollingHandshake
            }
        case "POST":
            if let sid, transport == "polling" {
                self = .post(sid: sid)
            } else {
                self = .reject(sid == nil ? .invalidSession(nil) : .invalidTransport)
            }
        case "OPTIONS":
            self = .options
        default:
            self = .reject(.methodNotFound)
        }
    }
}
