import EngineIO
import Testing

@Suite struct EngineIOHandshakeTests {
    @Test func parsesNodesHandshake() throws {
        let handshake = try EngineIOHandshake(json: #"{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#)
        #expect(handshake == EngineIOHandshake(sid: "lv_VI97HAXpY6yYWAAAC", upgrades: ["websocket"], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1_000_000))
        // Written back in python-engineio's key order (what the Swift server sends, byte for byte).
        #expect(handshake.json == #"{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingTimeout":20000,"pingInterval":25000,"maxPayload":1000000}"#)
    }

    @Test func parsesPythonsKeyOrderAndIgnoresUnknownKeys() throws {
        // python-engineio 4.15: packet.Packet(OPEN, {...}).encode()
        let python = #"{"sid":"Fh5k-Tj2_1AAAAAB9xyz","upgrades":[],"pingTimeout":20000,"pingInterval":25000,"maxPayload":1000000}"#
        let handshake = try EngineIOHandshake(json: python)
        #expect(handshake.sid == "Fh5k-Tj2_1AAAAAB9xyz")
        #expect(handshake.upgrades == [])
        #expect(handshake.pingInterval == 25000)
        #expect(handshake.pingTimeout == 20000)
        let extra = try EngineIOHandshake(json: #"{"pid":"x","sid":"a.b~c","upgrades":["websocket"],"pingInterval":1,"pingTimeout":2,"extra":{"k":[1]}}"#)
        #expect(extra.sid == "a.b~c")
    }

    @Test func defaultsMaxPayload() throws {
        let handshake = try EngineIOHandshake(json: #"{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000}"#)
        #expect(handshake.maxPayload == 1_000_000)
    }

    private static let valid: [String: String] = [
        "sid": #""abc""#, "upgrades": #"["websocket"]"#, "pingInterval": "25000", "pingTimeout": "20000", "maxPayload": "1000000",
    ]

    /// The valid handshake with one field replaced (or removed, for `nil`).
    private static func handshake(_ field: String, _ value: String?) -> String {
        let keys = ["sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"]
        let members = keys.compactMap { key -> String? in
            let text = key == field ? value : valid[key]
            return text.map { "\"\(key)\":\($0)" }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    @Test(arguments: [
        ("sid", nil), ("sid", "1"), ("sid", #""""#), ("sid", #""a/b""#), ("sid", #""a b""#), ("sid", #""a=""#),
        ("sid", "\"" + String(repeating: "a", count: 129) + "\""), ("sid", #""é""#),
        ("upgrades", nil), ("upgrades", #""websocket""#), ("upgrades", "[1]"),
        ("pingInterval", nil), ("pingInterval", "0"), ("pingInterval", "-1"), ("pingInterval", "2.5"),
        ("pingInterval", #""25000""#), ("pingInterval", "1e300"), ("pingInterval", "2147483648"),
        ("pingTimeout", nil), ("pingTimeout", "0"), ("pingTimeout", "null"),
        ("maxPayload", "0"), ("maxPayload", "1.5"), ("maxPayload", "1e30"), ("maxPayload", "null"),
    ] as [(String, String?)])
    func rejectsABadField(field: String, value: String?) {
        #expect {
            _ = try EngineIOHandshake(json: Self.handshake(field, value))
        } throws: { error in
            guard let error = error as? EngineIOError else { return false }
            return error.code == .invalidHandshake && error.handshakeField == field
        }
    }

    @Test func acceptsTheBoundaryValues() throws {
        let sid = String(repeating: "a", count: 128)
        #expect(try EngineIOHandshake(json: Self.handshake("sid", "\"\(sid)\"")).sid == sid)
        #expect(try EngineIOHandshake(json: Self.handshake("pingInterval", "2147483647")).pingInterval == 2_147_483_647)
        #expect(try EngineIOHandshake(json: Self.handshake("pingTimeout", "1")).pingTimeout == 1)
    }

    @Test(arguments: ["", "[]", "null", #""sid""#, "{", #"{"sid":"a",}"#])
    func rejectsNonObjects(json: String) {
        #expect {
            _ = try EngineIOHandshake(json: json)
        } throws: { error in
            guard let error = error as? EngineIOError else { return false }
            return error.code == .invalidHandshake && (error.jsonError != nil || error.handshakeField == "(root)")
        }
    }

    @Test func errorsNameTheField() {
        do {
            _ = try EngineIOHandshake(json: Self.handshake("pingTimeout", "0"))
            Issue.record("accepted pingTimeout 0")
        } catch {
            #expect(error.description == #"Engine.IO: open packet field "pingTimeout" must be an integer from 1 to 2147483647, not 0"#)
        }
    }
}
