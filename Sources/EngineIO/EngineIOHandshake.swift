import JSON

/// The session parameters of an Engine.IO v4 open packet (PROTOCOL.md §1, "Handshake"), e.g.
/// `{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingTimeout":20000,"pingInterval":25000,"maxPayload":1000000}`
/// (python-engineio's key order, which ``json`` keeps).
public struct EngineIOHandshake: Hashable, Sendable {
    /// The maximum payload when the server does not announce one (Node's and python's default).
    public static let defaultMaxPayload = 1_000_000
    /// The longest sid accepted; Node's are 20 characters, python's 16.
    public static let maxSessionIDLength = 128
    /// The largest interval accepted, in ms: JavaScript's timer limit (2^31 - 1), which also
    /// keeps `pingInterval + pingTimeout` far from overflowing.
    public static let maxIntervalMilliseconds = Int(Int32.max)

    /// The session id, sent back as the `sid` query parameter.
    public var sid: String
    /// The transports the session may upgrade to, e.g. `["websocket"]`; `[]` on a WebSocket-only session.
    public var upgrades: [String]
    /// How often the server pings, in ms.
    public var pingInterval: Int
    /// How long the server waits for a pong, in ms.
    public var pingTimeout: Int
    /// The largest POST body or WebSocket message the server accepts, in bytes.
    public var maxPayload: Int

    /// Creates a handshake from its values.
    public init(sid: String, upgrades: [String], pingInterval: Int, pingTimeout: Int, maxPayload: Int = Self.defaultMaxPayload) {
        self.sid = sid
        self.upgrades = upgrades
        self.pingInterval = pingInterval
        self.pingTimeout = pingTimeout
        self.maxPayload = maxPayload
    }

    /// Parses the JSON of an open packet by key name, in any order (python puts `pingTimeout`
    /// first); unknown keys are ignored.
    ///
    /// `sid` must be 1...128 URL-unreserved characters (`A-Z a-z 0-9 - _ . ~`), `upgrades` an
    /// array of strings, the intervals integers in 1...2^31-1 ms, and `maxPayload`, when present,
    /// a positive integer (default 1,000,000).
    /// - Throws: `.invalidHandshake`, with `handshakeField` naming the offending field.
    public init(json: String) throws(EngineIOError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: json, limits: JSONLimits(maxDepth: 8, maxBytes: 64 << 10))
        } catch {
            throw .invalidHandshake(error)
        }
        guard case .object(let object) = value else { throw .invalidHandshake(field: "(root)", "must be a JSON object") }

        guard let sidValue = object["sid"] else { throw .invalidHandshake(field: "sid", "is missing") }
        guard let sid = sidValue.stringValue else { throw .invalidHandshake(field: "sid", "must be a string") }
        guard (1...Self.maxSessionIDLength).contains(sid.utf8.count) else {
            throw .invalidHandshake(field: "sid", "must be 1 to \(Self.maxSessionIDLength) characters long")
        }
        guard sid.utf8.allSatisfy(Self.isUnreserved) else {
            throw .invalidHandshake(field: "sid", "must contain only URL-safe characters (A-Z a-z 0-9 - _ . ~)")
        }

        guard let upgradesValue = object["upgrades"] else { throw .invalidHandshake(field: "upgrades", "is missing") }
        guard let upgradeValues = upgradesValue.arrayValue else { throw .invalidHandshake(field: "upgrades", "must be an array") }
        var upgrades: [String] = []
        for upgrade in upgradeValues {
            guard let name = upgrade.stringValue else { throw .invalidHandshake(field: "upgrades", "must contain only strings") }
            upgrades.append(name)
        }

        let pingInterval = try Self.positiveInteger(object, "pingInterval", upperBound: Self.maxIntervalMilliseconds)
        let pingTimeout = try Self.positiveInteger(object, "pingTimeout", upperBound: Self.maxIntervalMilliseconds)
        let maxPayload = object["maxPayload"] == nil
            ? Self.defaultMaxPayload
            : try Self.positiveInteger(object, "maxPayload", upperBound: .max)
        self.init(sid: sid, upgrades: upgrades, pingInterval: pingInterval, pingTimeout: pingTimeout, maxPayload: maxPayload)
    }

    /// The JSON of the open packet, in Node's key order.
    public var json: String {
        let value: JSONValue = [
            "sid": .string(sid),
            "upgrades": .array(upgrades.map(JSONValue.string)),
            "pingTimeout": .number(Double(pingTimeout)),
            "pingInterval": .number(Double(pingInterval)),
            "maxPayload": .number(Double(maxPayload)),
        ]
        return value.serialized
    }

    /// A required positive integer field.
    private static func positiveInteger(_ object: JSONObject, _ field: String, upperBound: Int) throws(EngineIOError) -> Int {
        guard let value = object[field] else { throw .invalidHandshake(field: field, "is missing") }
        guard let number = value.numberValue else { throw .invalidHandshake(field: field, "must be a number") }
        guard let integer = Int(exactly: number), (1...upperBound).contains(integer) else {
            throw .invalidHandshake(field: field, "must be an integer from 1 to \(upperBound), not \(value)")
        }
        return integer
    }

    /// RFC 3986 §2.3 unreserved characters: safe in a query string without escaping.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
