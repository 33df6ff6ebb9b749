import EngineIO
import Testing

/// The Engine.IO client session stepped event by event.
struct EngineIOClientStateMachineTests {
    typealias Machine = EngineIOClientStateMachine
    static let handshakeJSON = #"{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#
    static let noUpgradeJSON = #"{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":40}"#

    func body(_ text: String) -> [UInt8] { Array(text.utf8) }

    func openPolling(_ mode: EngineIOTransportMode = .polling, json: String = handshakeJSON) -> (Machine, [Machine.Action]) {
        var machine = Machine(mode: mode)
        let step1 = machine.start()
        #expect(step1 == [.startPoll])
        let actions = machine.pollCompleted(status: 200, body: body("0" + json))
        return (machine, actions)
    }

    @Test func pollingHandshakeOpensArmsHeartbeatAndPolls() throws {
        let (machine, actions) = openPolling()
        let handshake = try EngineIOHandshake(json: Self.handshakeJSON)
        #expect(actions == [.opened(handshake), .armHeartbeatTimer(milliseconds: 45_000), .startPoll])
        #expect(machine.isOpen)
        #expect(machine.activeTransport == .polling)
    }

    @Test func pingIsAnsweredWithPongByPostAndRearmsTheHeartbeat() {
        var (machine, _) = openPolling()
        let actions = machine.pollCompleted(status: 200, body: body("2"))
        #expect(actions == [.armHeartbeatTimer(milliseconds: 45_000), .startPost(body("3")), .startPoll])
        let step2 = machine.postCompleted(status: 200, body: body("OK"))
        #expect(step2 == [])
    }

    @Test func messagesAreDeliveredInOrderAndTheNextPollStarts() {
        var (machine, _) = openPolling()
        let actions = machine.pollCompleted(status: 200, body: body("4a\u{1e}4b\u{1e}bAQIDBA=="))
        #expect(actions == [.deliver(.message("a")), .deliver(.message("b")), .deliver(.binaryMessage([1, 2, 3, 4])), .startPoll])
    }

    @Test func atMostOnePostInFlightAndAtMostSixteenPacketsPerPost() {
        var (machine, _) = openPolling()
        let packets = (0..<17).map { EngineIOPacket.message("m\($0)") }
        let first = machine.send(packets)
        let firstBody = (0..<16).map { "4m\($0)" }.joined(separator: "\u{1e}")
        #expect(first == [.startPost(body(firstBody))])
        let late = machine.send([.message("late")])
        #expect(late == [])  // waits for the POST in flight
        let step3 = machine.postCompleted(status: 200, body: [])
        #expect(step3 == [.startPost(body("4m16\u{1e}4late"))])
    }

    @Test func postsRespectMaxPayload() {
        var (machine, _) = openPolling(json: Self.noUpgradeJSON)  // maxPayload 40
        let long = String(repeating: "x", count: 30)
        let actions = machine.send([.message(long), .message(long)])
        #expect(actions == [.startPost(body("4" + long))])
    }

    @Test func emptyPollResponseMeansTheServerEndedTheSession() {
        var (machine, _) = openPolling()
        let actions = machine.pollCompleted(status: 200, body: [])
        #expect(actions.last == .closed(.sessionEnded("empty 200 poll response")))
        #expect(machine.isClosed)
    }

    @Test func badRequestAfterTimeoutCarriesTheServersText() {
        var (machine, _) = openPolling()
        let actions = machine.pollCompleted(status: 400, body: body("\"Invalid session lv_VI97HAXpY6yYWAAAC\""))
        #expect(actions.last == .closed(.sessionEnded("HTTP 400: \"Invalid session lv_VI97HAXpY6yYWAAAC\"")))
    }

    @Test func heartbeatExpiryClosesWithPingTimeout() {
        var (machine, _) = openPolling()
        let actions = machine.heartbeatExpired()
        #expect(actions == [.cancelTimers, .cancelPolling, .closed(.pingTimeout)])
        let step4 = machine.heartbeatExpired()
        #expect(step4 == [])
    }

    @Test func serverCloseEndsTheSession() {
        var (machine, _) = openPolling()
        let step5 = machine.pollCompleted(status: 200, body: body("6\u{1e}1"))
        #expect(step5.last == .closed(.serverClose))
    }

    @Test func upgradeProbesPausesPollingThenSwitches() throws {
        var (machine, actions) = openPolling(.pollingThenUpgrade)
        #expect(actions.contains(.openWebSocket(sid: "lv_VI97HAXpY6yYWAAAC")))
        #expect(actions.contains(.armUpgradeTimer(milliseconds: 10_000)))
        // A message is sent by POST while probing.
        let step6 = machine.send([.message("x")])
        #expect(step6 == [.startPost(body("4x"))])
        let step7 = machine.webSocketOpened()
        #expect(step7 == [.sendOnWebSocket(.ping("probe"))])
        // 3probe: pause, but a GET and a POST are in flight, so no 5 yet.
        let step8 = machine.webSocketReceived(.pong("probe"))
        #expect(step8 == [])
        let step9 = machine.send([.message("queued")])
        #expect(step9 == [])
        let step10 = machine.postCompleted(status: 200, body: body("ok"))
        #expect(step10 == [])
        // The server ends the pending GET with a noop; no new GET, the upgrade completes and flushes over the WebSocket.
        let switched = machine.pollCompleted(status: 200, body: body("6"))
        #expect(switched == [.sendOnWebSocket(.upgrade), .upgraded, .sendOnWebSocket(.message("queued"))])
        #expect(machine.activeTransport == .websocket)
        // Heartbeat now over the WebSocket.
        let step11 = machine.webSocketReceived(.ping(""))
        #expect(step11 == [.armHeartbeatTimer(milliseconds: 45_000), .sendOnWebSocket(.pong(""))])
        let step12 = machine.webSocketReceived(.message("hi"))
        #expect(step12 == [.deliver(.message("hi"))])
    }

    @Test func failedProbeFallsBackToPolling() {
        var (machine, _) = openPolling(.pollingThenUpgrade)
        let actions = machine.webSocketClosed("refused")
        #expect(actions == [.closeWebSocket, .upgradeFailed("WebSocket probe failed: refused")])
        #expect(machine.activeTransport == .polling)
        let step13 = machine.pollCompleted(status: 200, body: body("4m"))
        #expect(step13 == [.deliver(.message("m")), .startPoll])
    }

    @Test func wrongProbeAnswerAbandonsTheUpgrade() {
        var (machine, _) = openPolling(.pollingThenUpgrade)
        _ = machine.webSocketOpened()
        let actions = machine.webSocketReceived(.message("nope"))
        #expect(actions.first == .closeWebSocket)
        #expect(machine.activeTransport == .polling)
    }

    @Test func noUpgradeOfferedStaysOnPolling() {
        let (machine, actions) = openPolling(.pollingThenUpgrade, json: Self.noUpgradeJSON)
        #expect(!actions.contains { if case .openWebSocket = $0 { return true } else { return false } })
        #expect(machine.activeTransport == .polling)
    }

    @Test func webSocketOnlySessionOpensWithTheFirstFrame() throws {
        var machine = Machine(mode: .websocket)
        let step14 = machine.start()
        #expect(step14 == [.openWebSocket(sid: nil)])
        let step15 = machine.webSocketOpened()
        #expect(step15 == [])
        let json = #"{"sid":"abc","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":1000000}"#
        let actions = machine.webSocketReceived(.open(json))
        #expect(actions == [.opened(try EngineIOHandshake(json: json)), .armHeartbeatTimer(milliseconds: 500)])
        let step16 = machine.send([.message("40")])
        #expect(step16 == [.sendOnWebSocket(.message("40"))])
        let step17 = machine.close()
        #expect(step17 == [.sendOnWebSocket(.close), .cancelTimers, .closeWebSocket, .closed(.clientClose)])
    }

    @Test func pollingCloseSendsClosePacketThenEnds() {
        var (machine, _) = openPolling()
        let step18 = machine.close()
        #expect(step18 == [.startPost(body("1"))])
        let step19 = machine.postCompleted(status: 200, body: body("ok"))
        #expect(step19 == [.cancelTimers, .cancelPolling, .closed(.clientClose)])
    }

    @Test func closeWaitsForThePostInFlight() {
        var (machine, _) = openPolling()
        _ = machine.send([.message("a")])
        let step20 = machine.close()
        #expect(step20 == [])
        let step21 = machine.postCompleted(status: 200, body: [])
        #expect(step21 == [.startPost(body("1"))])
    }

    @Test func handshakeErrorCarriesTheStatusAndBody() {
        var machine = Machine(mode: .polling)
        _ = machine.start()
        let actions = machine.pollCompleted(status: 400, body: body("\"The client is using an unsupported version\""))
        #expect(actions.last == .closed(.handshakeFailed("HTTP 400: \"The client is using an unsupported version\"")))
    }

    @Test func garbageInAPollIsAProtocolError() {
        var (machine, _) = openPolling()
        let actions = machine.pollCompleted(status: 200, body: body("9zz"))
        guard case .closed(.protocolError)? = actions.last else {
            Issue.record("expected a protocol error, got \(actions)")
            return
        }
    }
}
