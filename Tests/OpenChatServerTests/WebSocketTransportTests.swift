import EngineIO
import JSON
import OpenChatServer
import SocketIOClient
import Testing

/// The WebSocket transport seen byte by byte: handshake, upgrade, limits and protocol errors.
@Suite(.serialized)
struct WebSocketTransportTests {
    @Test("a direct WebSocket gets the open packet first (no upgrades), then usernames before the CONNECT reply")
    func directWebSocket() async throws {
        try await withServer { (server: RunningServer) async throws in
            let (socket, status) = try await RawWebSocket.connect(port: server.port, target: "/socket.io/?EIO=4&transport=websocket")
            #expect(status == 101)
            #expect(socket.responseHead.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
            let open = try #require(try await socket.nextText())
            #expect(open.hasPrefix(#"0{"sid":""#))
            #expect(open.hasSuffix(#"","upgrades":[],"pingTimeout":20000,"pingInterval":25000,"maxPayload":1000000}"#))
            try await socket.send(text: "40")
            let usernames = try #require(try await socket.nextText())
            let reply = try #require(try await socket.nextText())
            #expect(reply.hasPrefix(#"40{"sid":""#))
            let socketID = String(reply.dropFirst(#"40{"sid":""#.count).dropLast(2))
            #expect(usernames == #"42["usernames",{"\#(socketID)":"Guest"}]"#)
            try await socket.send(text: #"4212["add_username","zoë"]"#)
            #expect(try await socket.nextText() == "4312[]")
            try await socket.send(text: #"42["my_mssg","hi"]"#)
            // python's json.dumps escapes non-ASCII, and so does the server for the OpenChat application.
            #expect(try await socket.nextText() == #"42["message","zo\u00eb: hi"]"#)
            try await socket.send(text: "1")
            #expect(try await socket.next() == .close(code: 1000))
            await socket.close()
        }
    }

    @Test("the upgrade by hand: 2probe/3probe, the held GET gets 6, 5 switches, then polling gets 400 and a second WebSocket is closed")
    func upgradeByHand() async throws {
        try await withServer { (server: RunningServer) async throws in
            let sid = try await handshake(server)
            async let held = request(server, "GET", "?EIO=4&transport=polling&sid=\(sid)")
            try await Task.sleep(for: .milliseconds(200))
            let (socket, status) = try await RawWebSocket.connect(port: server.port, target: "/socket.io/?EIO=4&transport=websocket&sid=\(sid)")
            #expect(status == 101)
            try await socket.send(text: "2probe")
            #expect(try await socket.nextText() == "3probe")
            #expect(try await held == Reply(200, "6"))
            #expect(try await request(server, "GET", "?EIO=4&transport=polling&sid=\(sid)") == Reply(200, "6"))
            try await socket.send(text: "5")
            try await socket.send(text: "40")
            #expect(try await socket.nextText()?.hasPrefix(#"42["usernames""#) == true)
            #expect(try await socket.nextText()?.hasPrefix(#"40{"sid""#) == true)
            #expect(try await request(server, "GET", "?EIO=4&transport=polling&sid=\(sid)") == Reply(400, #""Unexpected HTTP request""#))

            // A second WebSocket for the same sid is refused (400) and the session goes on.
            let (second, secondStatus) = try await RawWebSocket.connect(port: server.port, target: "/socket.io/?EIO=4&transport=websocket&sid=\(sid)")
            #expect(secondStatus == 400)
            await second.close()
            try await socket.send(text: #"42["my_mssg","after"]"#)
            #expect(try await socket.nextText() == #"42["message","Guest: after"]"#)
            await socket.close()
        }
    }

    @Test("a WebSocket to an unknown sid is refused with python's 400")
    func unknownSid() async throws {
        try await withServer { (server: RunningServer) async throws in
            let (socket, status) = try await RawWebSocket.connect(port: server.port, target: "/socket.io/?EIO=4&transport=websocket&sid=nope")
            #expect(status == 400)
            #expect(socket.responseHead.contains("Content-Length: 22"))
            await socket.close()
        }
    }

    @Test("a message over maxPayload closes that WebSocket with 1009; another session is unaffected")
    func oversizedMessage() async throws {
        try await withServer(OpenChatServerConfiguration(port: 0, maxPayload: 1_000)) { (server: RunningServer) async throws in
            let runtime = try ClientRuntime()
            defer { runtime.shutdown() }
            let bystander = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: .websocket))
            await bystander.connect()
            _ = try await connectedID(bystander)

            let (socket, _) = try await RawWebSocket.connect(port: server.port, target: "/socket.io/?EIO=4&transport=websocket")
            _ = try await socket.nextText()
            try await socket.send(text: "4" + String(repeating: "x", count: 2_000))
            #expect(try await socket.next() == .close(code: 1009))
            // Fragments that add up to more than maxPayload are refused the same way.
            let (fragmented, _) = try await RawWebSocket.connect(port: server.port, target: "/socket.io/?EIO=4&transport=websocket")
            _ = try await fragmented.nextText()
            try await fragmented.send(opcode: 0x1, payload: Array(repeating: UInt8(ascii: "4"), count: 600), fin: false)
            try await fragmented.send(opcode: 0x0, payload: Array(repeating: UInt8(ascii: "x"), count: 600))
            #expect(try await fragmented.next() == .close(code: 1009))

            await bystander.emit("my_mssg", ["fine"])
            #expect(try await bystander.nextEvent(named: "message") == ["Guest: fine"])
            await bystander.close()
            await socket.close()
            await fragmented.close()
        }
    }

    @Test("protocol errors close the WebSocket: an invalid packet (1002), an unmasked frame (1002), bad UTF-8 (1007)")
    func protocolErrors() async throws {
        try await withServer { (server: RunningServer) async throws in
            let cases: [(String, (RawWebSocket) async throws -> Void, UInt16)] = [
                ("invalid packet", { try await $0.send(text: "abc") }, 1002),
                ("unmasked frame", { try await $0.send(text: "40", masked: false) }, 1002),
                ("bad UTF-8", { try await $0.send(opcode: 0x1, payload: [0x34, 0xFF, 0xFE]) }, 1007),
                ("bad Socket.IO packet", { try await $0.send(text: "4{}") }, 1002),
            ]
            for (name, send, code) in cases {
                let (socket, _) = try await RawWebSocket.connect(port: server.port, target: "/socket.io/?EIO=4&transport=websocket")
                _ = try await socket.nextText()
                try await send(socket)
                #expect(try await socket.next() == .close(code: code), "\(name)")
                await socket.close()
            }
            try await Task.sleep(for: .milliseconds(100))
            #expect(await server.sessionCount() == 0)
        }
    }
}
