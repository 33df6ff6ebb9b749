import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import EngineIO
import JSON
import OpenChatServer
import SocketIOClient
import Testing

/// Bad requests are answered with python's errors and do not disturb other sessions.
@Suite(.serialized)
struct ServerRobustnessTests {
    @Test("garbage POST: 400 for that session only; another session keeps chatting")
    func garbagePost() async throws {
        try await withServer { (server: RunningServer) async throws in
            let runtime = try ClientRuntime()
            defer { runtime.shutdown() }
            let bystander = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: .polling))
            await bystander.connect()
            _ = try await connectedID(bystander)

            let sid = try await handshake(server)
            let garbage = try await request(server, "POST", "?EIO=4&transport=polling&sid=\(sid)", body: Array("abc\u{1e}\u{1e}".utf8))
            #expect(garbage == Reply(400, #""Bad Request""#))
            let after = try await request(server, "GET", "?EIO=4&transport=polling&sid=\(sid)")
            #expect(after == Reply(400, "\"Invalid session \(sid)\""))

            // A Socket.IO packet that does not parse ends that session too.
            let other = try await handshake(server)
            #expect(try await request(server, "POST", "?EIO=4&transport=polling&sid=\(other)", body: Array("4abc".utf8)).status == 200)
            #expect(try await request(server, "GET", "?EIO=4&transport=polling&sid=\(other)").status == 400)

            await bystander.emit("my_mssg", ["unaffected"])
            #expect(try await bystander.nextEvent(named: "message") == ["Guest: unaffected"])
            await bystander.close()
        }
    }

    @Test("python's error answers: unknown sid, bad version, bad transport, no sid on POST, PUT")
    func errorAnswers() async throws {
        try await withServer { (server: RunningServer) async throws in
            #expect(try await request(server, "GET", "?EIO=4&transport=polling&sid=nope") == Reply(400, #""Invalid session nope""#))
            #expect(try await request(server, "GET", "?EIO=3&transport=polling") ==
                    Reply(400, #""The client is using an unsupported version of the Socket.IO or Engine.IO protocols""#))
            #expect(try await request(server, "GET", "?EIO=4&transport=carrier-pigeon") == Reply(400, #""Invalid transport""#))
            #expect(try await request(server, "GET", "?EIO=4&transport=websocket") == Reply(400, #""Invalid websocket upgrade""#))
            #expect(try await request(server, "POST", "?EIO=4&transport=polling", body: Array("40".utf8)) == Reply(400, #""Invalid session None""#))
            #expect(try await request(server, "PUT", "?EIO=4&transport=polling") == Reply(405, "Method Not Found"))
            #expect(try await request(server, "GET", "?EIO=4&transport=polling", headers: ["Origin": "http://evil.example"]) ==
                    Reply(400, #""Not an accepted origin.""#))
        }
    }

    @Test("a POST over maxPayload gets 413 and ends that session")
    func oversizedPost() async throws {
        try await withServer(OpenChatServerConfiguration(port: 0, maxPayload: 1_000)) { (server: RunningServer) async throws in
            let sid = try await handshake(server)
            let body = Array(("4" + String(repeating: "x", count: 2_000)).utf8)
            #expect(try await request(server, "POST", "?EIO=4&transport=polling&sid=\(sid)", body: body).status == 413)
            #expect(try await request(server, "GET", "?EIO=4&transport=polling&sid=\(sid)").status == 400)
            #expect(await server.sessionCount() == 0)
        }
    }

    @Test("a second concurrent GET: the held GET gets 1, the second 400, the session ends")
    func duplicatePoll() async throws {
        try await withServer { (server: RunningServer) async throws in
            let sid = try await handshake(server)
            async let held = request(server, "GET", "?EIO=4&transport=polling&sid=\(sid)")
            try await Task.sleep(for: .milliseconds(300))
            let second = try await request(server, "GET", "?EIO=4&transport=polling&sid=\(sid)")
            #expect(second.status == 400)
            #expect(try await held == Reply(200, "1"))
        }
    }

    @Test("garbage bytes and oversized headers get an HTTP error and a closed connection; the server keeps serving")
    func garbageConnections() async throws {
        try await withServer { (server: RunningServer) async throws in
            let garbage = try await RawWebSocket.exchange(port: server.port, bytes: Array("\u{16}\u{03}\u{01} not http at all\r\n\r\n".utf8))
            #expect(garbage.hasPrefix("HTTP/1.1 400"), "\(garbage)")
            let hugeHeader = "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nX-Big: "
                + String(repeating: "a", count: 64 << 10) + "\r\n\r\n"
            let big = try await RawWebSocket.exchange(port: server.port, bytes: Array(hugeHeader.utf8))
            #expect(big.hasPrefix("HTTP/1.1 4"), "\(big.prefix(100))")
            #expect(try await request(server, "GET", "?EIO=4&transport=polling").status == 200)
        }
    }

    @Test("shutdown answers a held GET with 1, closes WebSockets, and may be called twice")
    func shutdown() async throws {
        let server = try await OpenChatServer.start(configuration: OpenChatServerConfiguration(port: 0))
        let sid = try await handshake(server)
        async let held = request(server, "GET", "?EIO=4&transport=polling&sid=\(sid)")
        let (socket, _) = try await RawWebSocket.connect(port: server.port, target: "/socket.io/?EIO=4&transport=websocket")
        _ = try await socket.nextText()
        try await Task.sleep(for: .milliseconds(200))
        async let first: Void = server.shutdown()
        async let second: Void = server.shutdown()
        _ = await (first, second)
        #expect(try await held == Reply(200, "1"))
        #expect(try await socket.next() == .close(code: 1000))
        await socket.close()
    }

    @Test("the chat page is served at / with no external script")
    func chatPage() async throws {
        try await withServer { (server: RunningServer) async throws in
            let page = try await request(server, "GET", "", path: "/")
            let body = page.body
            #expect(page.status == 200)
            #expect(body.contains("<title>OpenChat</title>"))
            #expect(body.contains("textContent"))
            #expect(!body.contains("<script src"))
            #expect(try await request(server, "GET", "", path: "/missing").status == 404)
        }
    }
}

/// A polling handshake on `path`; returns the sid.
func handshake(_ server: RunningServer, path: String = "/socket.io/") async throws -> String {
    let reply = try await request(server, "GET", "?EIO=4&transport=polling", path: path)
    let body = reply.body
    try #require(reply.status == 200)
    try #require(body.hasPrefix("0{"))
    let handshake = try EngineIOHandshake(json: String(body.dropFirst()))
    #expect(handshake.upgrades == ["websocket"])
    return handshake.sid
}

/// An HTTP answer: the status and the body as text.
struct Reply: Equatable, Sendable, CustomStringConvertible {
    var status: Int
    var body: String
    init(_ status: Int, _ body: String) {
        self.status = status
        self.body = body
    }
    var description: String { "\(status) \(body)" }
}

/// One HTTP request to the server.
func request(_ server: RunningServer, _ method: String, _ query: String, path: String = "/socket.io/",
             body: [UInt8]? = nil, headers: [String: String] = [:]) async throws -> Reply {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)\(query)")!)
    request.httpMethod = method
    request.timeoutInterval = 10
    if let body {
        request.httpBody = Data(body)
        request.setValue("text/plain;charset=UTF-8", forHTTPHeaderField: "Content-Type")
    }
    for (name, value) in headers {
        request.setValue(value, forHTTPHeaderField: name)
    }
    let session = URLSession(configuration: .ephemeral)
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request)
    return Reply((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}
