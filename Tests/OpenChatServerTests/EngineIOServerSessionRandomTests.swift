import EngineIO
import Testing
import TestSupport
@testable import OpenChatServer

/// The session state machine under seeded random event sequences, as a misbehaving client and a
/// busy server would produce them: GETs, POSTs of valid and garbage payloads, probes, frames of
/// every packet type, closes and timers in any order. Whatever comes, the machine must not trap and
/// its actions must make sense to the driver:
///
/// - every answer (`answerPoll`, `answerPost`, `reject`) is for a request the driver handed in and
///   that has no answer yet, and a POST is answered in the actions of its own event;
/// - `sendFrames` and `closeWebSocket` name a WebSocket the driver handed in and that is still open;
/// - `closed` comes once, last in its list, and nothing is sent or armed after it.
struct EngineIOServerSessionRandomTests {
    typealias Action = EngineIOServerSession.Action

    /// What the driver knows: the outstanding requests and the open WebSockets.
    struct Driver {
        var session: EngineIOServerSession
        var outstanding: Set<ConnectionID> = []
        var openSockets: Set<ConnectionID> = []
        var next: UInt64 = 1
        var closed = false
        var problems: [String] = []

        mutating func newID() -> ConnectionID {
            next += 1
            return ConnectionID(next)
        }

        mutating func check(_ actions: [Action], after event: String, post: ConnectionID? = nil) {
            for (index, action) in actions.enumerated() {
                switch action {
                case .answerPoll(let request, _), .answerPost(let request), .reject(let request, _):
                    if outstanding.remove(request) == nil { problems.append("\(event): answer for \(request), which waits for none") }
                case .sendFrames(let socket, _):
                    if !openSockets.contains(socket) { problems.append("\(event): frames for \(socket), not open") }
                    if closed { problems.append("\(event): frames after closed") }
                case .closeWebSocket(let socket, _):
                    if openSockets.remove(socket) == nil { problems.append("\(event): close of \(socket), not open") }
                case .armHeartbeat, .armUpgradeTimer, .deliver:
                    if closed { problems.append("\(event): \(action) after closed") }
                case .cancelUpgradeTimer:
                    break
                case .closed:
                    if closed { problems.append("\(event): closed twice") }
                    if index != actions.count - 1 { problems.append("\(event): closed is not the last action") }
                    closed = true
                }
            }
            if let post, outstanding.contains(post) { problems.append("\(event): POST \(post) left unanswered") }
        }
    }

    /// Mostly what a client sends, sometimes what it must not (garbage ends the session early).
    static let payloads: [String] = [
        "4hello", "4hello", "4hello", "3", "3", "bAQID", "4a\u{1e}4b", "4é", "6",
        "2", "2probe", "1", "5", "0", "4", "b!!", "abc", "", "\u{1e}", "4x\u{1e}\u{1e}4y", "3\u{1e}1", "9",
    ]
    static let frames: [EngineIOPacket] = [
        .ping("probe"), .ping("probe"), .upgrade, .upgrade, .message("hi"), .message("hi"), .pong(""), .pong(""),
        .binaryMessage([1, 2, 3]), .noop, .ping(""), .pong("probe"), .close, .open("{}"),
    ]

    @Test("random event sequences: no trap, and every action makes sense to the driver", arguments: 0..<300)
    func randomSequences(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let configuration = EngineIOServerSession.Configuration(
            pingInterval: 300, pingTimeout: 200, maxPayload: 64, upgradeTimeout: 1_000, maxBufferedBytes: 256, maxPacketsPerPayload: 4)
        let startsOnWebSocket = seed % 3 == 0
        let first = ConnectionID(1)
        var driver = Driver(session: EngineIOServerSession(
            sid: "s", transport: startsOnWebSocket ? .webSocket(first) : .polling, configuration: configuration))
        if startsOnWebSocket { driver.openSockets.insert(first) }
        driver.check(driver.session.open(), after: "open")

        for step in 0..<300 {
            let choice = Int.random(in: 0..<13, using: &random)
            switch choice {
            case 0, 1:
                // A second GET while one is held ends the session (duplicate poll): now and then.
                guard driver.outstanding.isEmpty || Int.random(in: 0..<10, using: &random) == 0 else { continue }
                let request = driver.newID()
                driver.outstanding.insert(request)
                driver.check(driver.session.receivePoll(request), after: "\(step) GET \(request)")
            case 2:
                guard Int.random(in: 0..<4, using: &random) == 0,
                      let request = driver.outstanding.randomElement(using: &random) else { continue }
                let actions = driver.session.pollClosed(request)
                // The driver forgets a request whose connection closed, answered or not.
                driver.check(actions, after: "\(step) GET \(request) closed")
                driver.outstanding.remove(request)
            case 3, 4:
                let request = driver.newID()
                driver.outstanding.insert(request)
                let body = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                    Int.random(in: 0..<8, using: &random) == 0 ? Self.payloads.randomElement(using: &random)! : Self.payloads[Int.random(in: 0..<9, using: &random)]
                }
                    .joined(separator: "\u{1e}")
                driver.check(driver.session.receivePost(request, body: Array(body.utf8)), after: "\(step) POST \(body.debugDescription)", post: request)
            case 5:
                guard Int.random(in: 0..<10, using: &random) == 0 else { continue }
                let request = driver.newID()
                driver.outstanding.insert(request)
                driver.check(driver.session.receiveOversizedPost(request), after: "\(step) oversized POST", post: request)
            case 6:
                guard driver.session.canAcceptProbe else { continue }
                let socket = driver.newID()
                driver.openSockets.insert(socket)
                driver.check(driver.session.openProbe(socket), after: "\(step) probe \(socket)")
            case 7, 8:
                guard let socket = driver.openSockets.randomElement(using: &random) else { continue }
                let frame: EngineIOPacket
                if driver.session.transport != .webSocket(socket) {
                    // A probe: mostly what a client sends there (2probe, then 5), now and then anything.
                    frame = Int.random(in: 0..<10, using: &random) == 0 ? Self.frames.randomElement(using: &random)!
                                                                          : (Bool.random(using: &random) ? .ping("probe") : .upgrade)
                } else {
                    frame = Int.random(in: 0..<8, using: &random) == 0 ? Self.frames.randomElement(using: &random)!
                                                                       : Self.frames[Int.random(in: 4..<8, using: &random)]
                }
                driver.check(driver.session.receiveFrame(socket, frame), after: "\(step) frame \(frame) on \(socket)")
            case 9:
                guard Int.random(in: 0..<4, using: &random) == 0,
                      let socket = driver.openSockets.randomElement(using: &random) else { continue }
                if Int.random(in: 0..<4, using: &random) == 0 {
                    driver.check(driver.session.receiveInvalidFrame(socket), after: "\(step) invalid frame on \(socket)")
                } else {
                    driver.openSockets.remove(socket)
                    driver.check(driver.session.webSocketClosed(socket), after: "\(step) \(socket) closed")
                }
            case 10:
                let packets = (0..<Int.random(in: 1...3, using: &random)).map { _ in EngineIOPacket.message(String(repeating: "m", count: Int.random(in: 1...80, using: &random))) }
                driver.check(driver.session.send(packets), after: "\(step) send")
            case 11:
                if Int.random(in: 0..<4, using: &random) == 0 {
                    driver.check(driver.session.heartbeatTimerFired(), after: "\(step) heartbeat timer")
                } else {
                    driver.check(driver.session.upgradeTimerFired(), after: "\(step) upgrade timer")
                }
            default:
                if Int.random(in: 0..<40, using: &random) == 0 {
                    driver.check(driver.session.close(.serverClose), after: "\(step) server close")
                }
            }
            if !driver.problems.isEmpty { break }
        }
        #expect(driver.problems.isEmpty, "seed \(seed): \(driver.problems.prefix(3))")
    }
}
