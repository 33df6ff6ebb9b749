import Testing
@testable import OpenChatServer

/// Requests to the Engine.IO path routed as python-engineio does (PROTOCOL.md §1, "Errors").
struct EngineIORouteTests {
    struct Case: Sendable, CustomStringConvertible {
        var method: String
        var uri: String
        var upgrade = false
        var expected: EngineIORoute
        var description: String { "\(method) \(uri)\(upgrade ? " (upgrade)" : "")" }
    }

    static let cases: [Case] = [
        Case(method: "GET", uri: "/socket.io/?EIO=4&transport=polling", expected: .pollingHandshake),
        Case(method: "GET", uri: "/socket.io/?EIO=4", expected: .pollingHandshake),  // python: missing transport = polling
        Case(method: "GET", uri: "/socket.io/?EIO=4&transport=websocket", upgrade: true, expected: .webSocket(sid: nil)),
        Case(method: "GET", uri: "/socket.io/?EIO=4&transport=websocket", expected: .reject(.invalidWebSocketUpgrade)),
        Case(method: "GET", uri: "/socket.io/?EIO=4&transport=websocket&sid=s1", upgrade: true, expected: .webSocket(sid: "s1")),
        Case(method: "GET", uri: "/socket.io/?EIO=4&transport=polling&sid=s1&t=x", expected: .poll(sid: "s1")),
        Case(method: "POST", uri: "/socket.io/?EIO=4&transport=polling&sid=s1", expected: .post(sid: "s1")),
        Case(method: "POST", uri: "/socket.io/?EIO=4&transport=polling", expected: .reject(.invalidSession(nil))),
        Case(method: "GET", uri: "/socket.io/?EIO=3&transport=polling", expected: .reject(.unsupportedVersion)),
        Case(method: "GET", uri: "/socket.io/?EIO=abc&transport=polling", expected: .reject(.unsupportedVersion)),
        Case(method: "GET", uri: "/socket.io/?transport=polling", expected: .reject(.unsupportedVersion)),
        Case(method: "GET", uri: "/socket.io/?EIO=4&transport=abc", expected: .reject(.invalidTransport)),
        Case(method: "PUT", uri: "/socket.io/?EIO=4&transport=polling", expected: .reject(.methodNotFound)),
        Case(method: "OPTIONS", uri: "/socket.io/?EIO=4&transport=polling", expected: .options),
    ]

    @Test(arguments: cases)
    func route(_ testCase: Case) {
        let target = RequestTarget(uri: testCase.uri)
        #expect(EngineIORoute(method: testCase.method, query: target.query, isWebSocketUpgrade: testCase.upgrade) == testCase.expected)
    }

    @Test("query strings are percent-decoded; a repeated name keeps its first value")
    func queryParsing() {
        let target = RequestTarget(uri: "/socket.io/?sid=a%2Db&x=1+2&sid=other&flag&bad=%zz")
        #expect(target.path == "/socket.io/")
        #expect(target.query == ["sid": "a-b", "x": "1 2", "flag": "", "bad": "%zz"])
    }

    @Test("error bodies are python's JSON strings")
    func errorBodies() {
        #expect(EngineIORequestError.invalidSession("abc").body == #""Invalid session abc""#)
        #expect(EngineIORequestError.invalidSession(nil).body == #""Invalid session None""#)
        #expect(EngineIORequestError.methodNotFound.body == "Method Not Found")
    }

    @Test("origins: none passes, same origin passes, foreign fails unless listed or '*'")
    func origins() {
        #expect(OriginPolicy.allows(origin: nil, host: "h:1", allowed: nil))
        #expect(OriginPolicy.allows(origin: "http://h:1", host: "h:1", allowed: nil))
        #expect(!OriginPolicy.allows(origin: "http://evil", host: "h:1", allowed: nil))
        #expect(OriginPolicy.allows(origin: "http://evil", host: "h:1", allowed: ["*"]))
        #expect(OriginPolicy.allows(origin: "http://ok", host: "h:1", allowed: ["http://ok"]))
        #expect(!OriginPolicy.allows(origin: "http://h:1", host: "h:1", allowed: ["http://ok"]))
    }
}
