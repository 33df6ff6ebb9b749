import EngineIO
import JSON
import SocketIOClient
import Testing
import Transport

/// https:// and wss:// through libcurl's TLS (CONNECT_ONLY for the WebSocket), and custom headers.
@Suite(.serialized)
struct TLSAndHeadersTests {
    static let transports: [EngineIOTransportMode] = [.polling, .websocket, .pollingThenUpgrade]

    @Test("TLS with a trusted CA, headers reach the server, no Origin unless asked", arguments: transports)
    func tlsWithHeaders(transport: EngineIOTransportMode) async throws {
        guard let url = TestServers.require(TestServers.asgiTLS, "OPENCHAT_ASGI_TLS_URL"),
              let ca = TestServers.require(TestServers.tlsCA, "OPENCHAT_TLS_CA") else { return }
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        let options = EngineIOClientOptions(
            url: url, transport: transport, headers: [("Authorization", "Bearer s3cret"), ("Cookie", "session=abc")],
            tls: TLSOptions(caFile: ca))
        let client = await AsyncSocketIOClient(runtime: runtime, options: options)
        await client.connect(namespace: "/custom")
        _ = try await connectedID(client, namespace: "/custom")
        let headers = try await client.nextEvent(named: "headers", namespace: "/custom")
        #expect(headers == [["authorization": "Bearer s3cret", "cookie": "session=abc", "origin": nil]])
        let opened = client.history.first { if case .engineOpened = $0 { return true } else { return false } }
        if case .engineOpened(_, let timings, _)? = opened {
            #expect(timings.tlsHandshakeMilliseconds > 0)
        }
        if transport == .pollingThenUpgrade {
            try await client.seen(description: "upgrade") { if case .upgraded = $0 { return true } else { return false } }
        }
        #expect(await client.activeTransport() == (transport == .polling ? .polling : .websocket))
        await client.close()
    }

    @Test("an untrusted certificate fails the handshake with libcurl's TLS error", arguments: [EngineIOTransportMode.polling, .websocket])
    func untrustedCertificate(transport: EngineIOTransportMode) async throws {
        guard let url = TestServers.require(TestServers.asgiTLS, "OPENCHAT_ASGI_TLS_URL") else { return }
        let runtime = try ClientRuntime()
        defer { runtime.shutdown() }
        let client = await AsyncSocketIOClient(runtime: runtime, options: EngineIOClientOptions(url: url, transport: transport))
        let event = try await client.next(description: "close") { if case .closed = $0 { return true } else { return false } }
        guard case .closed(.handshakeFailed(let detail), _) = event else {
            Issue.record("expected handshakeFailed, got \(event)")
            return
        }
        #expect(detail.contains("60") || detail.lowercased().contains("certificate"))
    }
}
