import EngineIO
import JSON
import OpenChatServer
import SocketIOClient
import Testing

/// The server in-process on a free port, driven by the project's own client over every transport.
@Suite(.serialized)
struct ServerInteropTests {
    static let transports: [EngineIOTransportMode] = [.polling, .websocket, .pollingThenUpgrade]

    @Test("connect: usernames with our socket id arrive, add_username is acked, my_mssg echoes 'name: text'", arguments: transports)
    func chatRoundTrip(transport: EngineIOTransportMode) async throws {
        try await withServer { (server: RunningServer) async throws in
            let runtime = try ClientRuntime()
            defer { runtime.shutdown() }
            let client = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: transport))
            await client.connect()
            let socketID = try await connectedID(client)
            #expect(socketID.count == 20)
            let usernames = try await client.nextEvent(named: "usernames")
            #expect(usernames == [.object(JSONObject([(socketID, "Guest")]))])

            let name = "alice-\(transport.rawValue)"
            #expect(try await client.emitWithAck("add_username", [.string(name)]) == [])
            await client.emit("my_mssg", ["hello from swift"])
            #expect(try await client.nextEvent(named: "message") == [.string("\(name): hello from swift")])

            if transport == .pollingThenUpgrade {
                try await client.seen(description: "upgrade") { if case .upgraded = $0 { return true } else { return false } }
            }
            let expected: EngineIOActiveTransport = transport == .polling ? .polling : .websocket
            #expect(await client.activeTransport() == expected)
            await client.close()
            #expect(client.history.contains { if case .closed(.clientClose, _) = $0 { return true } else { return false } })
        }
    }

    @Test("two users see each other's join, messages and leave", arguments: transports)
    func joinAndLeave(transport: EngineIOTransportMode) async throws {
        try await withServer { (server: RunningServer) async throws in
            let runtime = try ClientRuntime()
            defer { runtime.shutdown() }
            let first = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: transport))
            await first.connect()
            let firstID = try await connectedID(first)
            _ = try await first.nextEvent(named: "usernames")

            let second = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: transport))
            await second.connect()
            let secondID = try await connectedID(second)
            let seenBySecond = try await second.nextEvent(named: "usernames")
            #expect(seenBySecond.first?.objectValue?.keys == [firstID, secondID])
            let seenByFirst = try await waitForUsernames(first) { $0[secondID] != nil }
            #expect(seenByFirst[firstID] == "Guest")

            _ = try await second.emitWithAck("add_username", ["bob"])
            await second.emit("my_mssg", ["hi alice"])
            #expect(try await first.nextEvent(named: "message") == ["bob: hi alice"])
            #expect(try await second.nextEvent(named: "message") == ["bob: hi alice"])

            await second.close()
            let afterLeave = try await waitForUsernames(first) { $0[secondID] == nil }
            #expect(afterLeave.keys == [firstID])
            await first.close()
        }
    }

    @Test("sessions survive heartbeats (1 s ping interval, 3.5 s)", arguments: transports)
    func heartbeats(transport: EngineIOTransportMode) async throws {
        let configuration = OpenChatServerConfiguration(port: 0, pingIntervalMilliseconds: 1_000, pingTimeoutMilliseconds: 1_000)
        try await withServer(configuration) { (server: RunningServer) async throws in
            let runtime = try ClientRuntime()
            defer { runtime.shutdown() }
            let client = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: transport))
            await client.connect()
            _ = try await connectedID(client)
            let opened = client.history.first { if case .engineOpened = $0 { return true } else { return false } }
            if case .engineOpened(let handshake, _, _)? = opened {
                #expect(handshake.pingInterval == 1_000)
                #expect(handshake.pingTimeout == 1_000)
            }
            try await Task.sleep(for: .milliseconds(3_500))
            await client.emit("my_mssg", ["still here"])
            #expect(try await client.nextEvent(named: "message", timeoutMilliseconds: 3_000) == ["Guest: still here"])
            #expect(!client.history.contains { if case .closed = $0 { return true } else { return false } })
            await client.close()
        }
    }

    @Test("a client that vanishes is dropped at the ping timeout and the others are told", arguments: [EngineIOTransportMode.websocket, .polling])
    func vanishedClient(transport: EngineIOTransportMode) async throws {
        let configuration = OpenChatServerConfiguration(port: 0, pingIntervalMilliseconds: 500, pingTimeoutMilliseconds: 500)
        try await withServer(configuration) { (server: RunningServer) async throws in
            let runtime = try ClientRuntime()
            defer { runtime.shutdown() }
            let watcher = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: .websocket))
            await watcher.connect()
            _ = try await connectedID(watcher)
            let dropper = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: transport))
            await dropper.connect()
            let dropperID = try await connectedID(dropper)
            _ = try await waitForUsernames(watcher) { $0[dropperID] != nil }
            await dropper.abort()
            let map = try await waitForUsernames(watcher, timeoutMilliseconds: 5_000) { $0[dropperID] == nil }
            #expect(map[dropperID] == nil)
            #expect(await server.sessionCount() == 1)
            await watcher.close()
        }
    }

    @Test("an unknown namespace is refused as the reference server does: 'Unable to connect'")
    func unknownNamespace() async throws {
        try await withServer { (server: RunningServer) async throws in
            let runtime = try ClientRuntime()
            defer { runtime.shutdown() }
            let client = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: .websocket))
            await client.connect(namespace: "/nope")
            let event = try await client.next(description: "CONNECT_ERROR") {
                if case .connectError = $0 { return true } else { return false }
            }
            guard case .connectError(let namespace, let message, _, _) = event else { return }
            #expect(namespace == "/nope")
            #expect(message == "Unable to connect")
            // The Engine.IO session is still usable for `/`.
            await client.connect()
            _ = try await connectedID(client)
            await client.close()
        }
    }

    @Test("binary arguments arrive as attachments and are rendered like python bytes")
    func binaryMessage() async throws {
        try await withServer { (server: RunningServer) async throws in
            let runtime = try ClientRuntime()
            defer { runtime.shutdown() }
            for transport in [EngineIOTransportMode.polling, .websocket] {
                let client = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: server.url, transport: transport))
                await client.connect()
                _ = try await connectedID(client)
                #expect(try await client.emitWithAck("my_mssg", [.binary([0x01, 0x41])]) == [])
                #expect(try await client.nextEvent(named: "message") == [#"Guest: b'\x01A'"#])
                await client.close()
            }
        }
    }
}

/// Starts a server on 127.0.0.1 and a free port, runs `body`, and shuts the server down.
func withServer(_ configuration: OpenChatServerConfiguration = OpenChatServerConfiguration(port: 0),
                _ body: (RunningServer) async throws -> Void) async throws {
    let server = try await OpenChatServer.start(configuration: configuration)
    do {
        try await body(server)
    } catch {
        await server.shutdown()
        throw error
    }
    await server.shutdown()
}

func connectedID(_ client: AsyncSocketIOClient, namespace: String = "/") async throws -> String {
    let event = try await client.next(description: "CONNECT reply for \(namespace)") {
        if case .connected(let ns, _, _, _) = $0 { return ns == namespace }
        return false
    }
    if case .connected(_, let id, _, _) = event { return id }
    return ""
}

func waitForUsernames(_ client: AsyncSocketIOClient, timeoutMilliseconds: Int = 5_000,
                      until predicate: @escaping @Sendable (JSONObject) -> Bool) async throws -> JSONObject {
    let event = try await client.next(timeoutMilliseconds: timeoutMilliseconds, description: "matching usernames") {
        if case .event(_, "usernames", let arguments, _, _) = $0, let map = arguments.first?.objectValue { return predicate(map) }
        return false
    }
    if case .event(_, _, let arguments, _, _) = event, let map = arguments.first?.objectValue { return map }
    return JSONObject()
}
