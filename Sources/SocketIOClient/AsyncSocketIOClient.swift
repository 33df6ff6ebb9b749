import EngineIO
import JSON
import Transport

extension SocketIOClientEvent: @unchecked Sendable {}  // all payloads are Sendable values; the enum holds no references

/// Why waiting for a Socket.IO event failed.
public struct SocketIOWaitError: Error, CustomStringConvertible, Sendable {
    /// What was awaited.
    public var awaited: String
    /// How long.
    public var milliseconds: Int
    /// Whether the session ended first.
    public var closedReason: EngineIOCloseReason?

    public var description: String {
        if let closedReason { return "session closed (\(closedReason)) while waiting for \(awaited)" }
        return "no \(awaited) within \(milliseconds) ms"
    }
}

/// An async facade over ``SocketIOClient`` for tests, diagnostics and scripts: events arrive in an
/// `AsyncStream`; commands hop to the loop. Load generation drives ``SocketIOClient`` on the loop instead.
///
/// `@unchecked Sendable`: `client` is only touched on the runtime's loop thread.
public final class AsyncSocketIOClient: @unchecked Sendable {
    /// The runtime whose loop hosts the client.
    public let runtime: ClientRuntime
    private var client: SocketIOClient?
    private let mailbox = EventMailbox<SocketIOClientEvent>()
    /// Every event received so far, in order (kept for assertions and diagnostics).
    public private(set) var history: [SocketIOClientEvent] = []
    private var closedReason: EngineIOCloseReason?

    /// Creates the client and opens its Engine.IO session.
    public init(runtime: ClientRuntime, options: EngineIOClientOptions) async {
        self.runtime = runtime
        let mailbox = self.mailbox
        nonisolated(unsafe) let me = self
        await runtime.onLoop { multi in
            let client = SocketIOClient(multi: multi, options: options) { event in
                mailbox.push(event)
                if case .closed = event { mailbox.finish() }
            }
            me.client = client
            client.open()
        }
    }

    deinit {
        // The client belongs to the loop thread: drop and release it there, never on this thread.
        guard let client else { return }
        nonisolated(unsafe) let owned = client
        runtime.loop.execute { owned.abort() }
    }

    /// Sends CONNECT for `namespace`.
    public func connect(namespace: String = "/", auth: JSONValue? = nil) async {
        await onClient { $0.connect(namespace: namespace, auth: auth) }
    }

    /// Emits an event without an ack.
    public func emit(_ event: String, _ arguments: [JSONValue] = [], namespace: String = "/") async {
        await onClient { $0.emit(event, arguments, namespace: namespace) }
    }

    /// Emits an event and waits for its ack.
    public func emitWithAck(_ event: String, _ arguments: [JSONValue] = [], namespace: String = "/",
                            timeoutMilliseconds: Int = 5_000) async throws -> [JSONValue] {
        let replies = EventMailbox<[JSONValue]>()
        await onClient { client in
            client.emit(event, arguments, namespace: namespace) { arguments, _ in replies.push(arguments) }
        }
        if let arguments = await replies.next(timeoutMilliseconds: timeoutMilliseconds) { return arguments }
        throw SocketIOWaitError(awaited: "ack of '\(event)'", milliseconds: timeoutMilliseconds)
    }

    /// Leaves a namespace.
    public func disconnect(namespace: String = "/") async {
        await onClient { $0.disconnect(namespace: namespace) }
    }

    /// Closes cleanly and waits for the session to end (bounded).
    public func close(timeoutMilliseconds: Int = 5_000) async {
        await onClient { $0.close() }
        _ = try? await next(timeoutMilliseconds: timeoutMilliseconds, description: "close") {
            if case .closed = $0 { return true }
            return false
        }
    }

    /// Drops the connection without DISCONNECT or close packets.
    public func abort() async {
        await onClient { $0.abort() }
    }

    /// The transport in use now.
    public func activeTransport() async -> EngineIOActiveTransport {
        nonisolated(unsafe) let me = self
        return await runtime.onLoop { _ in me.client?.activeTransport ?? .polling }
    }

    /// Waits for the next event that satisfies `predicate`, skipping (and recording) others.
    @discardableResult
    public func next(timeoutMilliseconds: Int = 5_000, description: String = "event",
                     where predicate: @escaping @Sendable (SocketIOClientEvent) -> Bool) async throws -> SocketIOClientEvent {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
        while true {
            if let closedReason { throw SocketIOWaitError(awaited: description, milliseconds: timeoutMilliseconds, closedReason: closedReason) }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { throw SocketIOWaitError(awaited: description, milliseconds: timeoutMilliseconds) }
            guard let event = try await nextEvent(within: remaining) else {
                throw SocketIOWaitError(awaited: description, milliseconds: timeoutMilliseconds)
            }
            history.append(event)
            if case .closed(let reason, _) = event {
                closedReason = reason
                if predicate(event) { return event }
                throw SocketIOWaitError(awaited: description, milliseconds: timeoutMilliseconds, closedReason: reason)
            }
            if predicate(event) { return event }
        }
    }

    /// The first event in ``history`` that satisfies `predicate`, or else the next one to arrive.
    /// Use it for events that may already have gone by while waiting for something else (an upgrade
    /// can complete before the CONNECT reply arrives).
    @discardableResult
    public func seen(timeoutMilliseconds: Int = 5_000, description: String = "event",
                     where predicate: @escaping @Sendable (SocketIOClientEvent) -> Bool) async throws -> SocketIOClientEvent {
        if let event = history.first(where: predicate) { return event }
        return try await next(timeoutMilliseconds: timeoutMilliseconds, description: description, where: predicate)
    }

    /// Waits for the server event `name` in `namespace` whose arguments equal `arguments`, skipping others
    /// (on a shared server other users' traffic arrives too).
    public func expectEvent(named name: String, arguments expected: [JSONValue], namespace: String = "/",
                            timeoutMilliseconds: Int = 5_000) async throws {
        try await next(timeoutMilliseconds: timeoutMilliseconds, description: "event '\(name)' with \(JSONValue.array(expected).serialized)") {
            if case .event(let ns, let eventName, let arguments, _, _) = $0 { return ns == namespace && eventName == name && arguments == expected }
            return false
        }
    }

    /// Waits for the server event `name` in `namespace`.
    @discardableResult
    public func nextEvent(named name: String, namespace: String = "/", timeoutMilliseconds: Int = 5_000) async throws -> [JSONValue] {
        let event = try await next(timeoutMilliseconds: timeoutMilliseconds, description: "event '\(name)'") {
            if case .event(let ns, let eventName, _, _, _) = $0 { return ns == namespace && eventName == name }
            return false
        }
        if case .event(_, _, let arguments, _, _) = event { return arguments }
        return []
    }

    private func nextEvent(within duration: Duration) async throws -> SocketIOClientEvent? {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return await mailbox.next(timeoutMilliseconds: Int(milliseconds) + 1)
    }

    private func onClient(_ body: @escaping @Sendable (SocketIOClient) -> Void) async {
        nonisolated(unsafe) let me = self
        await runtime.onLoop { _ in
            if let client = me.client { body(client) }
        }
    }
}
