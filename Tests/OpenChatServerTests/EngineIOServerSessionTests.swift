import EngineIO
import Testing
@testable import OpenChatServer

/// The session state machine stepped one event at a time.
struct EngineIOServerSessionTests {
    typealias Action = EngineIOServerSession.Action
    static let configuration = EngineIOServerSession.Configuration(
        pingInterval: 300, pingTimeout: 200, maxPayload: 100, upgradeTimeout: 1_000, maxBufferedBytes: 1_000)
    static let handshakeJSON = #"{"sid":"abc","upgrades":["websocket"],"pingTimeout":200,"pingInterval":300,"maxPayload":100}"#
    let get1 = ConnectionID(1), get2 = ConnectionID(2), post = ConnectionID(3), ws = ConnectionID(4), ws2 = ConnectionID(5)

    func openPolling() -> EngineIOServerSession {
        var session = EngineIOServerSession(sid: "abc", transport: .polling, configuration: Self.configuration)
        #expect(session.open() == [.armHeartbeat(milliseconds: 300)])
        #expect(session.receivePoll(ConnectionID(99)) == [.answerPoll(ConnectionID(99), [.open(Self.handshakeJSON)])])
        return session
    }

    @Test("the handshake GET gets the open packet; a later GET is held until a packet is sent")
    func pollingHandshakeAndHeldPoll() {
        var session = openPolling()
        #expect(session.receivePoll(get1) == [])
        #expect(session.send([.message("40")]) == [.answerPoll(get1, [.message("40")])])
        // Nothing held now: packets queue for the next GET, which gets them all at once.
        #expect(session.send([.message("a")]) == [])
        #expect(session.send([.message("b")]) == [])
        #expect(session.receivePoll(get2) == [.answerPoll(get2, [.message("a"), .message("b")])])
    }

    @Test("a WebSocket-only session sends its open packet as the first frame, with no upgrades")
    func webSocketHandshake() {
        var session = EngineIOServerSession(sid: "abc", transport: .webSocket(ws), configuration: Self.configuration)
        let open = #"{"sid":"abc","upgrades":[],"pingTimeout":200,"pingInterval":300,"maxPayload":100}"#
        #expect(session.open() == [.sendFrames(ws, [.open(open)]), .armHeartbeat(milliseconds: 300)])
        #expect(session.receiveFrame(ws, .message("40")) == [.deliver(.message("40"))])
        #expect(session.send([.message("x")]) == [.sendFrames(ws, [.message("x")])])
    }

    @Test("POST: packets are delivered in order and the POST is answered ok")
    func postDelivers() {
        var session = openPolling()
        let body = Array("4hello\u{1e}bAQIDBA==\u{1e}4world".utf8)
        #expect(session.receivePost(post, body: body) == [
            .answerPost(post), .deliver(.message("hello")), .deliver(.binaryMessage([1, 2, 3, 4])), .deliver(.message("world")),
        ])
    }

    @Test("a malformed POST gets 400 and ends the session; the held GET gets 1")
    func malformedPost() {
        var session = openPolling()
        _ = session.receivePoll(get1)
        #expect(session.receivePost(post, body: Array("abc".utf8)) == [
            .reject(post, .badRequest), .answerPoll(get1, [.close]), .closed(.parseError),
        ])
        #expect(session.isClosed)
        #expect(session.receivePoll(get2) == [.reject(get2, .invalidSession("abc"))])
    }

    @Test("a POST over maxPayload gets 413 and ends the session")
    func oversizedPost() {
        var session = openPolling()
        let body = [UInt8](repeating: UInt8(ascii: "4"), count: 101)
        #expect(session.receivePost(post, body: body) == [.reject(post, .payloadTooLarge), .closed(.payloadTooLarge)])
    }

    @Test("a second concurrent GET: the held one gets 1, the new one 400, the session ends")
    func duplicatePoll() {
        var session = openPolling()
        #expect(session.receivePoll(get1) == [])
        #expect(session.receivePoll(get2) == [
            .answerPoll(get1, [.close]), .reject(get2, .badRequest), .closed(.duplicatePoll),
        ])
    }

    @Test("heartbeat: ping after pingInterval, pong re-arms, no pong ends the session")
    func heartbeat() {
        var session = openPolling()
        _ = session.receivePoll(get1)
        #expect(session.heartbeatTimerFired() == [.answerPoll(get1, [.ping("")]), .armHeartbeat(milliseconds: 200)])
        #expect(session.receivePost(post, body: Array("3".utf8)) == [.answerPost(post), .armHeartbeat(milliseconds: 300)])
        // A second pong without a ping changes nothing.
        #expect(session.receivePost(post, body: Array("3".utf8)) == [.answerPost(post)])
        #expect(session.heartbeatTimerFired() == [.armHeartbeat(milliseconds: 200)])  // the ping waits in the queue
        #expect(session.heartbeatTimerFired() == [.closed(.pingTimeout)])
        #expect(session.isClosed)
    }

    @Test("the client's 1 by POST: the held GET gets 6, the session ends")
    func clientCloseByPost() {
        var session = openPolling()
        _ = session.receivePoll(get1)
        #expect(session.receivePost(post, body: Array("1".utf8)) == [
            .answerPost(post), .answerPoll(get1, [.noop]), .closed(.clientClose),
        ])
    }

    @Test("a held GET whose connection drops ends the session (transport close)")
    func pollConnectionClosed() {
        var session = openPolling()
        _ = session.receivePoll(get1)
        #expect(session.pollClosed(get2) == [])
        #expect(session.pollClosed(get1) == [.closed(.transportClose)])
    }

    @Test("upgrade: 2probe gets 3probe, the held GET gets 6, GETs get 6 until 5, then the queue goes out on the WebSocket")
    func upgrade() {
        var session = openPolling()
        _ = session.receivePoll(get1)
        #expect(session.openProbe(ws) == [.armUpgradeTimer(milliseconds: 1_000)])
        #expect(session.receiveFrame(ws, .ping("probe")) == [.sendFrames(ws, [.pong("probe")]), .answerPoll(get1, [.noop])])
        #expect(session.isUpgrading)
        #expect(session.send([.message("queued")]) == [])
        #expect(session.receivePoll(get2) == [.answerPoll(get2, [.noop])])
        #expect(session.receiveFrame(ws, .upgrade) == [.cancelUpgradeTimer, .sendFrames(ws, [.message("queued")])])
        #expect(session.transport == .webSocket(ws))
        #expect(session.send([.message("now")]) == [.sendFrames(ws, [.message("now")])])
        // Polling on an upgraded session: 400, the session goes on.
        #expect(session.receivePoll(get1) == [.reject(get1, .unexpectedRequest)])
        #expect(session.receivePost(post, body: Array("4x".utf8)) == [.reject(post, .unexpectedRequest)])
        // A second WebSocket with the same sid is closed.
        #expect(session.openProbe(ws2) == [.closeWebSocket(ws2, code: 1008)])
        #expect(!session.isClosed)
    }

    @Test("a probe that sends anything but 2probe/5 is closed; polling goes on")
    func badProbe() {
        var session = openPolling()
        _ = session.openProbe(ws)
        #expect(session.receiveFrame(ws, .message("hi")) == [.cancelUpgradeTimer, .closeWebSocket(ws, code: 1002)])
        #expect(session.transport == .polling)
        #expect(session.canAcceptProbe)
    }

    @Test("a probe that never sends 5 times out; queued packets go to the next GET")
    func probeTimeout() {
        var session = openPolling()
        _ = session.openProbe(ws)
        _ = session.receiveFrame(ws, .ping("probe"))
        _ = session.send([.message("kept")])
        #expect(session.upgradeTimerFired() == [.cancelUpgradeTimer, .closeWebSocket(ws, code: 1000)])
        #expect(session.receivePoll(get1) == [.answerPoll(get1, [.message("kept")])])
    }

    @Test("a probe WebSocket that closes leaves the session on polling")
    func probeClosed() {
        var session = openPolling()
        _ = session.openProbe(ws)
        #expect(session.webSocketClosed(ws) == [.cancelUpgradeTimer])
        #expect(session.canAcceptProbe)
        #expect(!session.isClosed)
    }

    @Test("WebSocket transport: 1 closes the session and the socket; a closed socket ends it; garbage ends it with 1002")
    func webSocketClose() {
        var session = EngineIOServerSession(sid: "abc", transport: .webSocket(ws), configuration: Self.configuration)
        _ = session.open()
        #expect(session.receiveFrame(ws, .close) == [.closeWebSocket(ws, code: 1000), .closed(.clientClose)])

        var dropped = EngineIOServerSession(sid: "abc", transport: .webSocket(ws), configuration: Self.configuration)
        _ = dropped.open()
        #expect(dropped.webSocketClosed(ws) == [.closed(.transportClose)])

        var garbled = EngineIOServerSession(sid: "abc", transport: .webSocket(ws), configuration: Self.configuration)
        _ = garbled.open()
        #expect(garbled.receiveInvalidFrame(ws) == [.closeWebSocket(ws, code: 1002), .closed(.parseError)])
    }

    @Test("a polling client that stops polling is closed once its queue passes maxBufferedBytes")
    func bufferOverflow() {
        var session = openPolling()
        let big = EngineIOPacket.message(String(repeating: "x", count: 600))
        #expect(session.send([big]) == [])
        #expect(session.send([big]) == [.closed(.bufferOverflow)])
    }

    @Test("server close: the held GET gets 1")
    func serverClose() {
        var session = openPolling()
        _ = session.receivePoll(get1)
        #expect(session.close() == [.answerPoll(get1, [.close]), .closed(.serverClose)])
        #expect(session.close() == [])
        #expect(session.send([.message("late")]) == [])
    }
}
