import EngineIO
import JSON
import SocketIOClient
import Testing
import Transport

/// The client engine against python-socketio's AsyncServer under uvicorn (ASGI): a second stack, so the
/// engine is not tuned to eventlet. This server also has acks, binary, namespaces and refusals.
@Suite(.serialized)
struct ASGIServerTests {
    static let transports: [EngineIOTransportMode] = [.polling, .websocket, .pollingThenUpgrade]

    private func open(_ transport: EngineIOTransportMode, runtime: ClientRuntime) async -> AsyncSocketIOClient? {
        guard let url = TestServers.require(TestServers.asgi, "OPENCHAT_ASGI_URL") else { return nil }
        return await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: url, transport: transport))
    }

    @Test("OpenChat contract on the ASGI stack", arguments: transports)
    func chat(transport: EngineIOTransportMode) async throws {
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        guard let client = await open(transport, runtime: runtime) else { return }
        await client.connect()
        let id = try await connectedID(client)
        let map = try await waitForUsernames(client) { $0[id] != nil }
        #expect(map[id] == .string("Guest"))
        _ = try await client.emitWithAck("add_username", [.string("bob")])
        await client.emit("my_mssg", [.string("héllo 😀 \"quoted\"")])
        try await client.expectEvent(named: "message", arguments: [.string("bob: héllo 😀 \"quoted\"")])
        await client.close()
    }

    @Test("acks carry arguments back, including binary attachments", arguments: transports)
    func acksAndBinary(transport: EngineIOTransportMode) async throws {
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        guard let client = await open(transport, runtime: runtime) else { return }
        await client.connect()
        _ = try await connectedID(client)
        let plain = try await client.emitWithAck("echo", [1, "2", ["3": [true]]])
        #expect(plain == [1, "2", ["3": [true]]])
        let bytes: [UInt8] = [0, 1, 2, 0xFE, 0xFF]
        let binary = try await client.emitWithAck("echo", [.binary(bytes), ["nested": .binary([4, 5, 6])]])
        #expect(binary == [.binary(bytes), ["nested": .binary([4, 5, 6])]])
        await client.emit("message", ["x", 42])
        #expect(try await client.nextEvent(named: "message-back") == ["x", 42])
        await client.close()
    }

    @Test("events emitted in a connect handler arrive after the CONNECT reply, in order", arguments: transports)
    func earlyEventsInCustomNamespace(transport: EngineIOTransportMode) async throws {
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        guard let client = await open(transport, runtime: runtime) else { return }
        await client.connect(namespace: "/custom", auth: ["token": "abc"])
        _ = try await connectedID(client, namespace: "/custom")
        let auth = try await client.nextEvent(named: "auth", namespace: "/custom")
        #expect(auth == [["token": "abc"]])
        // Order in history: connected first, then the early event.
        let kinds = client.history.compactMap { event -> String? in
            switch event {
            case .connected(let ns, _, _, _) where ns == "/custom": return "connected"
            case .event(let ns, "auth", _, _, _) where ns == "/custom": return "auth"
            default: return nil
            }
        }
        #expect(kinds == ["connected", "auth"])
        await client.close()
    }

    @Test("a refused namespace surfaces CONNECT_ERROR with the server's message and data")
    func refusedNamespace() async throws {
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        guard let client = await open(.websocket, runtime: runtime) else { return }
        await client.connect(namespace: "/private")
        let event = try await client.next(description: "CONNECT_ERROR") {
            if case .connectError = $0 { return true }
            return false
        }
        guard case .connectError(let ns, let message, let data, _) = event else { return }
        #expect(ns == "/private")
        #expect(message == "nope")
        #expect(data == ["x": 1])
        await client.close()
    }

    @Test("heartbeats over several ping intervals on the ASGI stack", arguments: transports)
    func heartbeats(transport: EngineIOTransportMode) async throws {
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        guard let client = await open(transport, runtime: runtime) else { return }
        await client.connect()
        _ = try await connectedID(client)
        try await Task.sleep(for: .milliseconds(3_500))
        let answer = try await client.emitWithAck("echo", ["ping?"])
        #expect(answer == ["ping?"])
        await client.close()
    }
}
