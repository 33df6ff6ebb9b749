import Foundation
import OpenChatServer
import Testing

/// The Socket.IO part of the official Socket.IO v5 conformance cases (PROTOCOL.md §3,
/// `docs/socket.io-protocol/v5-test-suite/test-suite.js`), ported one by one and run against the
/// server in its conformance setup: ``SocketIOConformanceApplication`` on `/socket.io/` (`auth`
/// on connect, `message` -> `message-back`, `message-with-ack` acked with its arguments, a
/// `/custom` namespace), connect timeout 1 s. The suite's 16 Engine.IO cases on `/socket.io/` are
/// the Engine.IO suite's (`EngineIOConformanceTests`) on another path, and the OpenChat server's
/// own tests cover them there.
///
/// The OpenChat application keeps the reference server's behaviour where the suite differs:
/// python sends the connect handler's events before the CONNECT reply, and refuses an unknown
/// namespace with `"Unable to connect"` (tested in `ServerInteropTests`).
@Suite(.serialized, .timeLimit(.minutes(1)))
struct SocketIOConformanceTests {
    static let path = "/socket.io/"

    /// A WebSocket session that joined `/` and read its `auth` packet (the suite's
    /// `initSocketIOConnection`).
    func connectedSocket(_ server: RunningServer) async throws -> RawWebSocket {
        let socket = try await openWebSocketSession(server, path: Self.path)
        try await socket.send(text: "40")
        let reply = try await socket.nextIgnoringPings()
        guard case .text(let text) = reply, text.hasPrefix("40{") else {
            Issue.record("CONNECT reply expected, got \(reply)")
            return socket
        }
        #expect(try await socket.nextIgnoringPings() == .text(#"42["auth",{}]"#))
        return socket
    }

    // MARK: connect

    @Test("connect: to the main and a custom namespace, with and without a payload: 40<ns,>{sid} then auth",
          arguments: [("40", "40", #"42["auth",{}]"#),
                      (#"40{"token":"123"}"#, "40", #"42["auth",{"token":"123"}]"#),
                      ("40/custom,", "40/custom,", #"42/custom,["auth",{}]"#),
                      (#"40/custom,{"token":"abc"}"#, "40/custom,", #"42/custom,["auth",{"token":"abc"}]"#)])
    func connect(_ sent: String, _ replyPrefix: String, _ auth: String) async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await openWebSocketSession(server, path: Self.path)
            defer { Task { await socket.close() } }
            try await socket.send(text: sent)
            let reply = try await socket.nextIgnoringPings()
            guard case .text(let text) = reply, text.hasPrefix(replyPrefix) else {
                Issue.record("CONNECT reply starting \(replyPrefix) expected, got \(reply)")
                return
            }
            let handshake = try handshakeObject(String(text.dropFirst(replyPrefix.count)))
            #expect(handshake.keys == ["sid"])
            #expect(handshake["sid"]?.stringValue != nil)
            #expect(try await socket.nextIgnoringPings() == .text(auth))
        }
    }

    @Test("connect: disallows an unknown namespace with exactly 44/random,{\"message\":\"Invalid namespace\"}")
    func unknownNamespace() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await openWebSocketSession(server, path: Self.path)
            defer { Task { await socket.close() } }
            try await socket.send(text: "40/random")
            #expect(try await socket.nextIgnoringPings() == .text(#"44/random,{"message":"Invalid namespace"}"#))
        }
    }

    @Test("connect: disallows an invalid handshake (4abc closes)")
    func invalidHandshake() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await openWebSocketSession(server, path: Self.path)
            defer { Task { await socket.close() } }
            try await socket.send(text: "4abc")
            #expect(try await socket.waitForClose())
        }
    }

    @Test("connect: closes the connection if no handshake is received (connect timeout 1 s)")
    func noHandshake() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let started = ContinuousClock.now
            let socket = try await openWebSocketSession(server, path: Self.path)
            defer { Task { await socket.close() } }
            // Answer the pings, so that only the connect timeout can end the session.
            while true {
                let message = try await socket.next()
                if message == .text("2") {
                    // The server may close at the timeout while the pong is on its way: not an error.
                    try? await socket.send(text: "3")
                    continue
                }
                #expect(message == .close(code: 1000) || message == .closed)
                break
            }
            let waited = ContinuousClock.now - started
            #expect(waited >= .seconds(1) && waited < .seconds(5))
        }
    }

    @Test("the OpenChat setup has no connect timeout: a session that never joins stays open through heartbeats")
    func noConnectTimeoutByDefault() async throws {
        try await withServer(OpenChatServerConfiguration(port: 0, pingIntervalMilliseconds: 300, pingTimeoutMilliseconds: 200)) { (server: RunningServer) async throws in
            let socket = try await openWebSocketSession(server, path: Self.path)
            defer { Task { await socket.close() } }
            for _ in 0..<5 {
                #expect(try await socket.next() == .text("2"))
                try await socket.send(text: "3")
            }
            #expect(await server.sessionCount() == 1)
        }
    }

    // MARK: disconnect

    @Test("disconnect: from the main namespace (the next frame is the ping)")
    func disconnectMain() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await connectedSocket(server)
            defer { Task { await socket.close() } }
            try await socket.send(text: "41")
            #expect(try await socket.next() == .text("2"))
        }
    }

    @Test("disconnect: connect then disconnect from a custom namespace; the main namespace still answers")
    func disconnectCustom() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await connectedSocket(server)
            defer { Task { await socket.close() } }
            try await socket.send(text: "40/custom")
            let reply = try await socket.nextIgnoringPings()
            guard case .text(let text) = reply, text.hasPrefix("40/custom,{") else {
                Issue.record("CONNECT reply for /custom expected, got \(reply)")
                return
            }
            #expect(try await socket.nextIgnoringPings() == .text(#"42/custom,["auth",{}]"#))
            try await socket.send(text: "41/custom")
            try await socket.send(text: #"42["message","message to main namespace"]"#)
            #expect(try await socket.nextIgnoringPings() == .text(#"42["message-back","message to main namespace"]"#))
            // /custom is left: an event there is ignored, the main namespace still answers.
            try await socket.send(text: #"42/custom,["message","ignored"]"#)
            try await socket.send(text: #"42["message","again"]"#)
            #expect(try await socket.nextIgnoringPings() == .text(#"42["message-back","again"]"#))
        }
    }

    // MARK: message

    @Test("message: a plain-text packet comes back as message-back")
    func plainText() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await connectedSocket(server)
            defer { Task { await socket.close() } }
            try await socket.send(text: #"42["message",1,"2",{"3":[true]}]"#)
            #expect(try await socket.nextIgnoringPings() == .text(#"42["message-back",1,"2",{"3":[true]}]"#))
        }
    }

    @Test("message: a packet with binary attachments comes back with the same attachments")
    func binaryAttachments() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await connectedSocket(server)
            defer { Task { await socket.close() } }
            try await socket.send(text: #"452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#)
            try await socket.send(opcode: 0x2, payload: [1, 2, 3])
            try await socket.send(opcode: 0x2, payload: [4, 5, 6])
            #expect(try await socket.nextIgnoringPings() ==
                    .text(#"452-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#))
            #expect(try await socket.nextIgnoringPings() == .binary([1, 2, 3]))
            #expect(try await socket.nextIgnoringPings() == .binary([4, 5, 6]))
        }
    }

    @Test("message: a plain-text packet with an ack is acked with its arguments")
    func plainTextAck() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await connectedSocket(server)
            defer { Task { await socket.close() } }
            try await socket.send(text: #"42456["message-with-ack",1,"2",{"3":[false]}]"#)
            #expect(try await socket.nextIgnoringPings() == .text(#"43456[1,"2",{"3":[false]}]"#))
        }
    }

    @Test("message: a packet with binary attachments and an ack is acked with the attachments")
    func binaryAck() async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await connectedSocket(server)
            defer { Task { await socket.close() } }
            try await socket.send(text: #"452-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#)
            try await socket.send(opcode: 0x2, payload: [1, 2, 3])
            try await socket.send(opcode: 0x2, payload: [4, 5, 6])
            #expect(try await socket.nextIgnoringPings() ==
                    .text(#"462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#))
            #expect(try await socket.nextIgnoringPings() == .binary([1, 2, 3]))
            #expect(try await socket.nextIgnoringPings() == .binary([4, 5, 6]))
        }
    }

    @Test("message: closes the connection upon invalid format (unknown type, invalid payload, invalid ack id)",
          arguments: ["4abc", "42{}", #"42abc["message-with-ack",1,"2",{"3":[false]}]"#])
    func invalidFormat(_ packet: String) async throws {
        try await withConformanceServer { (server: RunningServer) async throws in
            let socket = try await connectedSocket(server)
            defer { Task { await socket.close() } }
            try await socket.send(text: packet)
            #expect(try await socket.waitForClose())
        }
    }
}
