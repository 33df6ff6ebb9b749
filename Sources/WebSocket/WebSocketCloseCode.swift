/// A close status code (RFC 6455 §7.4); an open code space, so any `UInt16` can be represented.
public struct WebSocketCloseCode: RawRepresentable, Hashable, Sendable {
    /// The code as sent big-endian in the first two bytes of a close frame's payload.
    public var rawValue: UInt16

    /// Wraps any code; use `isValidOnWire` before sending one that came from outside.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// 1000: the purpose of the connection has been fulfilled.
    public static let normalClosure = WebSocketCloseCode(rawValue: 1000)
    /// 1001: the endpoint is going away (server shutdown, page navigation).
    public static let goingAway = WebSocketCloseCode(rawValue: 1001)
    /// 1002: the peer broke the protocol.
    public static let protocolError = WebSocketCloseCode(rawValue: 1002)
    /// 1003: the endpoint cannot accept this type of data.
    public static let unsupportedData = WebSocketCloseCode(rawValue: 1003)
    /// 1005: no status code was present; never sent on the wire.
    public static let noStatusReceived = WebSocketCloseCode(rawValue: 1005)
    /// 1006: the connection dropped without a close frame; never sent on the wire.
    public static let abnormalClosure = WebSocketCloseCode(rawValue: 1006)
    /// 1007: a message's data was inconsistent with its type (e.g. invalid UTF-8 in text).
    public static let invalidPayloadData = WebSocketCloseCode(rawValue: 1007)
    /// 1008: a message violated the endpoint's policy.
    public static let policyViolation = WebSocketCloseCode(rawValue: 1008)
    /// 1009: a message was too big to process.
    public static let messageTooBig = WebSocketCloseCode(rawValue: 1009)
    /// 1010: the client expected the server to negotiate an extension.
    public static let mandatoryExtension = WebSocketCloseCode(rawValue: 1010)
    /// 1011: the server hit an unexpected condition.
    public static let internalError = WebSocketCloseCode(rawValue: 1011)

    /// Whether an endpoint may send this code (RFC 6455 §7.4.1/§7.4.2): 1000-1003, 1007-1011, 3000-4999.
    public var isValidOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1011, 3000...4999: true
        default: false
        }
    }

    /// Whether a received close frame may carry this code: the sendable codes plus IANA's later
    /// 1012-1014 (service restart, try again later, bad gateway), which Autobahn does not test.
    /// 0-999, 1004-1006, 1015-2999 and 5000+ are protocol errors on receipt (Autobahn 7.9.x).
    var isAcceptableFromPeer: Bool {
        isValidOnWire || (1012...1014).contains(rawValue)
    }
}

extension WebSocketCloseCode: CustomStringConvertible {
    /// The number and, for registered codes, a short name, e.g. `1002 (protocol error)`.
    public var description: String {
        let name: String? =
            switch rawValue {
            case 1000: "normal closure"
            case 1001: "going away"
            case 1002: "protocol error"
            case 1003: "unsupported data"
            case 1005: "no status received"
            case 1006: "abnormal closure"
            case 1007: "invalid payload data"
            case 1008: "policy violation"
            case 1009: "message too big"
            case 1010: "mandatory extension"
            case 1011: "internal error"
            case 1012: "service restart"
            case 1013: "try again later"
            case 1014: "bad gateway"
            case 1015: "TLS handshake failure"
            default: nil
            }
        return name.map { "\(rawValue) (\($0))" } ?? "\(rawValue)"
    }
}
