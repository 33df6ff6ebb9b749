import EngineIO
import Foundation
import JSON
import OpenChat
import Scenario
import SocketIOClient
import Transport

/// One virtual user: interprets its group's flow step by step on the loop, driving a ``SocketIOClient``
/// and reporting what it sees as ``ChatRecord``s. Confined to the loop thread.
final class VirtualUser {
    /// A flow or loop being executed.
    private struct Frame {
        var steps: [Step]
        var index = 0
        var loop: LoopState?
    }

    private struct LoopState {
        var count: Int?
        var endAt: UInt64?
        var every: UInt64?
        var start: UInt64
        var iteration = 0
    }

    /// What the user waits for before its next step.
    private enum Wait {
        case nothing
        case connect(since: UInt64)
        case ack
        case timer
        case expect(event: String, pattern: EventPattern?)
        case leave
    }

    private struct ReceivedEvent {
        var name: String
        var arguments: [JSONValue]
    }

    /// Sends later than this after their intended time count as late.
    static let lateSendNanoseconds: UInt64 = 10_000_000

    let id: Int
    let group: UserGroup
    private unowned let host: VirtualUserHost
    private var client: SocketIOClient?
    private var frames: [Frame]
    private var wait = Wait.nothing
    private var waitGeneration = 0
    private var timer: TimerID?
    private var intendedClock: UInt64 = 0
    private var name = "Guest"
    private var sequence = 0
    private var isConnected = false
    private var isLeaving = false
    private(set) var isFinished = false
    private var recentEvents: [ReceivedEvent] = []
    private var advancing = false
    private var random: SeededRandom

    init(id: Int, group: UserGroup, host: VirtualUserHost, random: SeededRandom) {
        self.id = id
        self.group = group
        self.host = host
        self.random = random
        frames = [Frame(steps: group.flow)]
    }

    private var now: UInt64 { MonotonicInstant.now().nanoseconds }
    private var loop: EventLoop { host.multi.loop }

    /// Starts the flow.
    func start() {
        intendedClock = now
        advance()
    }

    /// Ends the user now: a clean leave if connected (drain timeout, end of run).
    func stop() {
        guard !isFinished else { return }
        cancelTimer()
        if let client, isConnected, !isLeaving {
            isLeaving = true
            host.record(.leaving(user: id, clean: true, at: now))
            client.close()
        }
        finish(failed: false)
    }

    /// Drops the connection at once (the run was interrupted).
    func abort() {
        guard !isFinished else { return }
        cancelTimer()
        if let client {
            isLeaving = true
            if isConnected { host.record(.leaving(user: id, clean: false, at: now)) }
            client.abort()
        }
        finish(failed: false)
    }

    // MARK: The interpreter

    private func advance() {
        guard !advancing else { return }
        advancing = true
        defer { advancing = false }
        while !isFinished, case .nothing = wait {
            guard let frame = frames.last else {
                endOfFlow()
                return
            }
            if frame.index >= frame.steps.count {
                if frame.loop != nil {
                    endIteration()
                } else {
                    frames.removeLast()
                }
                continue
            }
            frames[frames.count - 1].index += 1
            execute(frame.steps[frame.index])
        }
    }

    private func execute(_ step: Step) {
        switch step {
        case .connect:
            connect()
        case .setName(let template, let confirm, let timeout):
            setName(render(template), confirm: confirm, timeoutMilliseconds: timeout)
        case .send(let template):
            send(render(template))
        case .think(let minimum, let maximum):
            let duration = UInt64(minimum == maximum ? minimum : Int.random(in: minimum...maximum, using: &random)) * 1_000_000
            // On a paced schedule the think is planned from the intended time, so a stall is not hidden.
            let target = (isPaced ? intendedClock : max(intendedClock, now)) + duration
            intendedClock = target
            waitUntil(target)
        case .loop(let count, let duration, let every, let steps):
            let start = max(now, isPaced ? intendedClock : now)
            let state = LoopState(count: count, endAt: duration.map { start + UInt64($0) * 1_000_000 },
                                  every: every.map { UInt64($0) * 1_000_000 }, start: start)
            if count == 0 { return }
            frames.append(Frame(steps: steps, loop: state))
            beginIteration()
        case .expect(let event, let pattern, let timeout):
            host.count(.expects, by: 1)
            if let index = recentEvents.firstIndex(where: { $0.name == event && matches($0.arguments, pattern) }) {
                recentEvents.removeFirst(index + 1)
                return
            }
            wait = .expect(event: event, pattern: pattern)
            armTimeout(timeout) { [weak self] in self?.fail(.expectTimeout, "no '\(event)' event matching \(pattern.map(Self.describe) ?? "anything") within \(timeout) ms") }
        case .emit(let event, let arguments, let ack, let timeout):
            guard let client, isConnected else { return fail(.protocolError, "emit '\(event)' while not connected") }
            host.count(.emits, by: 1)
            let rendered = arguments.map(renderValue)
            if ack {
                wait = .ack
                let generation = waitGeneration
                client.emit(event, rendered, namespace: host.scenario.connection.namespace) { [weak self] _, _ in
                    guard let self, self.waitGeneration == generation else { return }
                    self.resume()
                }
                armTimeout(timeout) { [weak self] in self?.fail(.ackTimeout, "no ack for '\(event)' within \(timeout) ms") }
            } else {
                client.emit(event, rendered, namespace: host.scenario.connection.namespace)
            }
        case .leave:
            leave()
        case .drop:
            drop()
        }
    }

    private var isPaced: Bool { frames.contains { $0.loop?.every != nil } }

    /// The innermost loop's iteration, counted from 1 (0 outside loops).
    private var iteration: Int { frames.last(where: { $0.loop != nil })?.loop.map { $0.iteration + 1 } ?? 0 }

    private func beginIteration() {
        guard var state = frames.last?.loop else { return }
        if let every = state.every {
            let intended = state.start + UInt64(state.iteration) * every
            if let endAt = state.endAt, intended >= endAt {
                frames.removeLast()
                return
            }
            intendedClock = intended
            if intended > now { waitUntil(intended) }
        } else {
            if let endAt = state.endAt, now >= endAt {
                frames.removeLast()
                return
            }
            intendedClock = max(intendedClock, now)
        }
        frames[frames.count - 1].loop = state
    }

    private func endIteration() {
        guard var state = frames.last?.loop else { return }
        state.iteration += 1
        frames[frames.count - 1].loop = state
        frames[frames.count - 1].index = 0
        if let count = state.count, state.iteration >= count {
            frames.removeLast()
            return
        }
        if state.every == nil, let endAt = state.endAt, now >= endAt {
            frames.removeLast()
            return
        }
        beginIteration()
    }

    private func endOfFlow() {
        if isConnected, !isLeaving {
            leave()
            return
        }
        finish(failed: false)
    }

    // MARK: Steps

    private func connect() {
        guard client == nil else { return }
        isLeaving = false
        let started = now
        let client = SocketIOClient(multi: host.multi, options: host.engineOptions) { [weak self] event in
            self?.handle(event)
        }
        self.client = client
        wait = .connect(since: started)
        client.open()
        client.connect(namespace: host.scenario.connection.namespace, auth: host.scenario.connection.auth)
        armTimeout(host.scenario.connection.connectTimeoutMilliseconds) { [weak self] in
            self?.fail(.connectFailed, "not connected within \(self?.host.scenario.connection.connectTimeoutMilliseconds ?? 0) ms")
        }
    }

    private func setName(_ newName: String, confirm: NameConfirmation, timeoutMilliseconds: Int) {
        guard let client, isConnected else { return fail(.protocolError, "setName while not connected") }
        let started = now
        host.record(.nameRequested(user: id, name: newName, at: started))
        name = newName
        let namespace = host.scenario.connection.namespace
        switch confirm {
        case .none:
            client.emit("add_username", [.string(newName)], namespace: namespace)
        case .ack:
            wait = .ack
            let generation = waitGeneration
            client.emit("add_username", [.string(newName)], namespace: namespace) { [weak self] _, receivedAt in
                guard let self, self.waitGeneration == generation else { return }
                self.host.record(.nameConfirmed(user: self.id, name: newName, at: receivedAt.nanoseconds))
                self.host.recordMetric(.nameConfirm, nanoseconds: receivedAt.nanoseconds &- started)
                self.resume()
            }
            armTimeout(timeoutMilliseconds) { [weak self] in
                self?.fail(.ackTimeout, "add_username '\(newName)' not acknowledged within \(timeoutMilliseconds) ms")
            }
        }
    }

    private func send(_ text: String) {
        guard let client, isConnected else { return fail(.protocolError, "send while not connected") }
        sequence += 1
        let tag = MessageTag(runID: host.runID, user: id, sequence: sequence)
        let full = text + tag.description
        let sentAt = now
        let intended = min(isPaced ? intendedClock : sentAt, sentAt)
        host.record(.sent(user: id, tag: tag, text: full, intendedAt: intended, at: sentAt))
        host.count(.sends, by: 1)
        if sentAt - intended > Self.lateSendNanoseconds { host.count(.sendsLate, by: 1) }
        client.emit("my_mssg", [.string(full)], namespace: host.scenario.connection.namespace)
    }

    private func leave() {
        guard let client, isConnected else { return }
        isLeaving = true
        host.record(.leaving(user: id, clean: true, at: now))
        wait = .leave
        client.close()
        armTimeout(5_000) { [weak self] in
            guard let self else { return }
            self.client?.abort()
            self.disconnectedLocally()
            self.resume()
        }
    }

    private func drop() {
        guard let client, isConnected else { return }
        isLeaving = true
        host.record(.leaving(user: id, clean: false, at: now))
        client.abort()
        disconnectedLocally()
    }

    private func disconnectedLocally() {
        client = nil
        isConnected = false
    }

    // MARK: Events from the client

    private func handle(_ event: SocketIOClientEvent) {
        guard !isFinished || isLeaving else { return }
        switch event {
        case .engineOpened(_, let timings, _):
            if timings.tcpConnectMilliseconds > 0 { host.recordMetric(.tcpConnect, nanoseconds: UInt64(timings.tcpConnectMilliseconds * 1_000_000)) }
            host.recordMetric(.engineOpen, nanoseconds: UInt64(timings.openMilliseconds * 1_000_000))
        case .upgraded(let milliseconds, _):
            host.count(.upgrades, by: 1)
            host.recordMetric(.upgrade, nanoseconds: UInt64(milliseconds * 1_000_000))
        case .upgradeFailed:
            host.count(.upgradesFailed, by: 1)
        case .connected(_, let socketID, let milliseconds, let at):
            guard case .connect(let since) = wait else { return }
            isConnected = true
            host.count(.connects, by: 1)
            host.recordMetric(.socketConnect, nanoseconds: UInt64(milliseconds * 1_000_000))
            host.recordMetric(.connect, nanoseconds: at.nanoseconds &- since)
            host.record(.connected(user: id, socketID: socketID, at: at.nanoseconds))
            recentEvents.removeAll()
            resume()
        case .connectError(_, let message, let data, _):
            fail(.namespaceRefused, message + (data.map { " \($0.serialized)" } ?? ""))
        case .event(_, let eventName, let arguments, _, let receivedAt):
            received(eventName, arguments, at: receivedAt.nanoseconds)
        case .disconnected:
            guard !isLeaving else { return }
            fail(.unexpectedDisconnect, "the server sent DISCONNECT")
        case .closed(let reason, _):
            let wasConnected = isConnected
            disconnectedLocally()
            if isLeaving {
                if case .leave = wait { resume() }
                return
            }
            if !wasConnected {
                fail(.connectFailed, reason.description)
            } else {
                if case .protocolError = reason {
                    fail(.protocolError, reason.description, wasConnected: true)
                } else {
                    fail(.unexpectedDisconnect, reason.description, wasConnected: true)
                }
            }
        }
    }

    private func received(_ eventName: String, _ arguments: [JSONValue], at: UInt64) {
        switch eventName {
        case "message":
            if case .string(let text)? = arguments.first { host.record(.message(user: id, text: text, at: at)) }
        case "usernames":
            if case .object(let object)? = arguments.first {
                let entries = object.map { UsernameEntry(socketID: $0.0, name: $0.1.stringValue) }
                host.record(.usernames(user: id, map: entries, at: at))
            }
        default:
            break
        }
        if case .expect(let expected, let pattern) = wait, expected == eventName, matches(arguments, pattern) {
            resume()
            return
        }
        recentEvents.append(ReceivedEvent(name: eventName, arguments: arguments))
        if recentEvents.count > 256 { recentEvents.removeFirst(recentEvents.count - 256) }
    }

    // MARK: Waiting

    private func resume() {
        cancelTimer()
        waitGeneration += 1
        wait = .nothing
        advance()
    }

    private func waitUntil(_ deadline: UInt64) {
        guard deadline > now else { return }
        wait = .timer
        timer = loop.schedule(at: MonotonicInstant(nanoseconds: deadline)) { [weak self] in
            self?.timer = nil
            self?.resume()
        }
    }

    private func armTimeout(_ milliseconds: Int, _ onTimeout: @escaping () -> Void) {
        cancelTimer()
        let generation = waitGeneration
        timer = loop.schedule(afterMilliseconds: milliseconds) { [weak self] in
            guard let self, self.waitGeneration == generation else { return }
            self.timer = nil
            onTimeout()
        }
    }

    private func cancelTimer() {
        if let timer { loop.cancel(timer) }
        timer = nil
    }

    private func fail(_ kind: ErrorKind, _ detail: String, wasConnected: Bool? = nil) {
        guard !isFinished else { return }
        cancelTimer()
        waitGeneration += 1
        let at = now
        host.record(.error(user: id, kind: kind, detail: detail, at: at))
        if wasConnected ?? isConnected {
            host.record(.disconnected(user: id, reason: detail, at: at))
        }
        isLeaving = true
        client?.abort()
        disconnectedLocally()
        finish(failed: true)
    }

    private func finish(failed: Bool) {
        guard !isFinished else { return }
        isFinished = true
        wait = .nothing
        host.userFinished(self, failed: failed)
    }

    // MARK: Templates and patterns

    private func context() -> TemplateContext {
        TemplateContext(user: id, iteration: iteration, name: name, runID: host.runID, group: group.name, sequence: sequence)
    }

    private func render(_ template: TextTemplate) -> String { context().render(template) }

    private func renderValue(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(render(TextTemplate(text)))
        case .array(let items): return .array(items.map(renderValue))
        case .object(let object): return .object(JSONObject(object.map { ($0.0, renderValue($0.1)) }))
        default: return value
        }
    }

    private func matches(_ arguments: [JSONValue], _ pattern: EventPattern?) -> Bool {
        guard let pattern else { return true }
        let first = arguments.first ?? .null
        switch pattern {
        case .equals(let value):
            return first == renderValue(value)
        case .contains(let template):
            guard case .string(let text) = first else { return false }
            return text.contains(render(template))
        case .regex(let expression):
            guard case .string(let text) = first else { return false }
            return text.range(of: expression, options: .regularExpression) != nil
        }
    }

    private static func describe(_ pattern: EventPattern) -> String {
        switch pattern {
        case .equals(let value): return "equal to \(value.serialized)"
        case .contains(let template): return "containing '\(template.source)'"
        case .regex(let expression): return "matching /\(expression)/"
        }
    }
}
