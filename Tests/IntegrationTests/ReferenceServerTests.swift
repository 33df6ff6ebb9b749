import Foundation
import EngineIO
import JSON
import SocketIOClient
import Testing
import Transport

/// The client engine against the reference OpenChat server (Flask + python-socketio + eventlet).
@Suite(.serialized)
struct ReferenceServerTests {
    static let transports: [EngineIOTransportMode] = [.polling, .websocket, .pollingThenUpgrade]

    @Test("connect, receive usernames with our sid, rename, chat, leave", arguments: transports)
    func chatRoundTrip(transport: EngineIOTransportMode) async throws {
        guard let url = TestServers.require(TestServers.reference, "OPENCHAT_REF_URL") else { return }
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        let client = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: url, transport: transport))
        await client.connect()
        let connected = try await client.next(description: "CONNECT reply") {
            if case .connected = $0 { return true }
            return false
        }
        guard case .connected(_, let socketID, _, _) = connected else { return }
        #expect(socketID.count >= 10)
        // The connect handler's broadcast was emitted before the CONNECT reply; it must still arrive, after it.
        let usernames = try await client.nextEvent(named: "usernames")
        #expect(usernames.first?.objectValue?[socketID] == .string("Guest"))

        let name = "alice-\(transport.rawValue)"
        // python-socketio acks an event when asked, even if the handler returns nothing: that confirms the rename.
        _ = try await client.emitWithAck("add_username", [.string(name)])
        await client.emit("my_mssg", [.string("hello from swift")])
        // Other tests share this server's one room: wait for our own message, whatever else arrives.
        try await client.expectEvent(named: "message", arguments: [.string("\(name): hello from swift")])

        if transport == .pollingThenUpgrade {
            // The upgrade runs in the background and may finish before or after the CONNECT reply.
            try await client.seen(description: "upgrade") { if case .upgraded = $0 { return true } else { return false } }
        }
        let expected: EngineIOActiveTransport = transport == .polling ? .polling : .websocket
        #expect(await client.activeTransport() == expected)
        await client.close()
        #expect(client.history.contains { if case .closed(.clientClose, _) = $0 { return true } else { return false } })
    }

    @Test("a second user's join and leave reach the first user", arguments: transports)
    func joinAndLeaveBroadcasts(transport: EngineIOTransportMode) async throws {
        guard let url = TestServers.require(TestServers.reference, "OPENCHAT_REF_URL") else { return }
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        let first = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: url, transport: transport))
        await first.connect()
        let firstID = try await connectedID(first)
        _ = try await first.nextEvent(named: "usernames")

        let second = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: url, transport: transport))
        await second.connect()
        let secondID = try await connectedID(second)
        let seenByFirst = try await waitForUsernames(first) { $0[secondID] != nil }
        #expect(seenByFirst[firstID] != nil)

        await second.emit("my_mssg", [.string("bye \(secondID)")])
        try await first.expectEvent(named: "message", arguments: [.string("Guest: bye \(secondID)")])
        await second.close()
        let afterLeave = try await waitForUsernames(first) { $0[secondID] == nil }
        #expect(afterLeave[firstID] == .string("Guest"))
        await first.close()
    }

    @Test("an abrupt drop is noticed by the server and broadcast to the others")
    func abruptDrop() async throws {
        guard let url = TestServers.require(TestServers.reference, "OPENCHAT_REF_URL") else { return }
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        let watcher = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: url, transport: .websocket))
        await watcher.connect()
        _ = try await connectedID(watcher)
        let dropper = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: url, transport: .websocket))
        await dropper.connect()
        let dropperID = try await connectedID(dropper)
        _ = try await waitForUsernames(watcher) { $0[dropperID] != nil }
        await dropper.abort()
        // A closed TCP connection is "transport close" for python: the leave broadcast follows quickly.
        let map = try await waitForUsernames(watcher, timeoutMilliseconds: 5_000) { $0[dropperID] == nil }
        #expect(map[dropperID] == nil)
        await watcher.close()
    }

    @Test("the session survives several heartbeats (ping interval 1 s)", arguments: transports)
    func heartbeats(transport: EngineIOTransportMode) async throws {
        guard let url = TestServers.require(TestServers.referenceFastPing, "OPENCHAT_REF_FASTPING_URL") else { return }
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        let client = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: url, transport: transport))
        await client.connect()
        _ = try await connectedID(client)
        let opened = client.history.first { if case .engineOpened = $0 { return true } else { return false } }
        if case .engineOpened(let handshake, _, _)? = opened {
            #expect(handshake.pingInterval == 1_000)
        }
        // 3.5 s is three pings; a client that did not answer them would be dropped after ~2 s.
        try await Task.sleep(for: .milliseconds(3_500))
        let text = "still here \(UUID().uuidString)"
        await client.emit("my_mssg", [.string(text)])
        try await client.expectEvent(named: "message", arguments: [.string("Guest: \(text)")], timeoutMilliseconds: 3_000)
        #expect(!client.history.contains { if case .closed = $0 { return true } else { return false } })
        await client.close()
    }

    @Test("an unreachable server fails the handshake with the transport's error")
    func unreachable() async throws {
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        let client = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: "http://127.0.0.1:1", connectTimeoutMilliseconds: 2_000))
        let event = try await client.next(description: "close") { if case .closed = $0 { return true } else { return false } }
        guard case .closed(.handshakeFailed(let detail), _) = event else {
            Issue.record("expected handshakeFailed, got \(event)")
            return
        }
        #expect(detail.contains("onnect"))
    }
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
    return JSONObject([])
}
