import EngineIO
import JSON
import SocketIO
import Transport

/// What a ``SocketIOClient`` reports, on its loop. Every server push carries the monotonic instant at
/// which its bytes were read.
public enum SocketIOClientEvent {
    /// The Engine.IO session opened.
    case engineOpened(EngineIOHandshake, EngineIOOpenTimings, at: MonotonicInstant)
    /// The session moved to WebSocket.
    case upgraded(milliseconds: Double, at: MonotonicInstant)
    /// The upgrade was abandoned; polling goes on.
    case upgradeFailed(String)
    /// A namespace accepted our CONNECT; `milliseconds` from sending it.
    case connected(namespace: String, socketID: String, milliseconds: Double, at: MonotonicInstant)
    /// A namespace refused our CONNECT (CONNECT_ERROR) with the server's message.
    case connectError(namespace: String, message: String, data: JSONValue?, at: MonotonicInstant)
    /// An event from the server. Events that arrived before the CONNECT reply are delivered right after `.connected`.
    case event(namespace: String, name: String, arguments: [JSONValue], ackID: Int?, receivedAt: MonotonicInstant)
    /// The server disconnected us from a namespace (DISCONNECT).
    case disconnected(namespace: String, at: MonotonicInstant)
    /// The Engine.IO session ended; no more events follow.
    case closed(EngineIOCloseReason, at: MonotonicInstant)
}

/// A Socket.IO v5 client over an ``EngineIOClient``: namespaces, events, acks and binary attachments.
/// Confined to its loop's thread.
public final class SocketIOClient {
    private enum NamespaceState {
        case connecting(since: MonotonicInstant, earlyEvents: [(SocketIOPacket, MonotonicInstant)], queued: [SocketIOPacket])
        case connected(socketID: String)
    }

    private var engine: EngineIOClient!
    private let onEvent: (SocketIOClientEvent) -> Void
    private var decoder: SocketIODecoder
    private var namespaces: [String: NamespaceState] = [:]
    private var acks: [Int: (namespace: String, callback: ([JSONValue], MonotonicInstant) -> Void)] = [:]
    private var nextAckID = 0
    private var isClosed = false

    /// Creates a client; call ``open()`` then ``connect(namespace:auth:)``.
    public init(multi: CurlMulti, options: EngineIOClientOptions, limits: SocketIOLimits = SocketIOLimits(),
                onEvent: @escaping (SocketIOClientEvent) -> Void) {
        self.onEvent = onEvent
        decoder = SocketIODecoder(limits: limits)
        engine = EngineIOClient(multi: multi, options: options) { [weak self] event in
            self?.handle(event)
        }
    }

    /// The Engine.IO handshake, once open.
    public var handshake: EngineIOHandshake? { engine.handshake }
    /// The transport in use.
    public var activeTransport: EngineIOActiveTransport { engine.activeTransport }
    /// The socket id per connected namespace.
    public func socketID(namespace: String = "/") -> String? {
        if case .connected(let id) = namespaces[namespace] { return id }
        return nil
    }

    /// Opens the Engine.IO session.
    public func open() { engine.open() }

    /// Sends CONNECT for `namespace` with an optional auth object. May be called before the session is open.
    public func connect(namespace: String = "/", auth: JSONValue? = nil) {
        guard namespaces[namespace] == nil, !isClosed else { return }
        namespaces[namespace] = .connecting(since: MonotonicInstant.now(), earlyEvents: [], queued: [])
        send(SocketIOPacket(type: .connect, namespace: namespace, ackID: nil, data: auth))
    }

    /// Emits `event` with `arguments`; with `ack`, the server's acknowledgement arrives there.
    /// Emits before the namespace is connected are queued, as socket.io-client does.
    public func emit(_ event: String, _ arguments: [JSONValue] = [], namespace: String = "/",
                     ack: (([JSONValue], MonotonicInstant) -> Void)? = nil) {
        var ackID: Int?
        if let ack {
            ackID = nextAckID
            acks[nextAckID] = (namespace, ack)
            nextAckID += 1
        }
        let packet = SocketIOPacket(type: .event, namespace: namespace, ackID: ackID, data: .array([.string(event)] + arguments))
        switch namespaces[namespace] {
        case .connecting(let since, let early, var queued):
            queued.append(packet)
            namespaces[namespace] = .connecting(since: since, earlyEvents: early, queued: queued)
        case .connected:
            send(packet)
        case nil:
            break
        }
    }

    /// Answers a server event that asked for an acknowledgement.
    public func acknowledge(_ ackID: Int, _ arguments: [JSONValue] = [], namespace: String = "/") {
        send(SocketIOPacket(type: .ack, namespace: namespace, ackID: ackID, data: .array(arguments)))
    }

    /// Leaves `namespace` (DISCONNECT); the Engine.IO session stays open.
    public func disconnect(namespace: String = "/") {
        guard namespaces.removeValue(forKey: namespace) != nil else { return }
        send(SocketIOPacket(type: .disconnect, namespace: namespace, ackID: nil, data: nil))
    }

    /// Leaves every namespace and closes the session cleanly.
    public func close() {
        for namespace in namespaces.keys.sorted() { disconnect(namespace: namespace) }
        engine.close()
    }

    /// Drops the connection without DISCONNECT or close packets.
    public func abort() { engine.abort() }

    // MARK: Internals

    private func send(_ packet: SocketIOPacket) {
        let encoded = SocketIOEncoder.encode(packet)
        engine.send([.message(encoded.text)] + encoded.attachments.map { .binaryMessage($0) })
    }

    private func handle(_ event: EngineIOClientEvent) {
        switch event {
        case .opened(let handshake, let timings, let at):
            onEvent(.engineOpened(handshake, timings, at: at))
        case .upgraded(let milliseconds, let at):
            onEvent(.upgraded(milliseconds: milliseconds, at: at))
        case .upgradeFailed(let reason):
            onEvent(.upgradeFailed(reason))
        case .closed(let reason, let at):
            isClosed = true
            namespaces.removeAll()
            acks.removeAll()
            onEvent(.closed(reason, at: at))
        case .message(let packet, let receivedAt):
            do {
                let decoded: SocketIOPacket?
                switch packet {
                case .message(let text): decoded = try decoder.decode(text: Substring(text))
                case .binaryMessage(let bytes): decoded = try decoder.decode(attachment: bytes)
                default: decoded = nil
                }
                if let decoded { dispatch(decoded, at: receivedAt) }
            } catch {
                engine.abortWithProtocolError("bad Socket.IO packet: \(error)")
            }
        }
    }

    private func dispatch(_ packet: SocketIOPacket, at receivedAt: MonotonicInstant) {
        let namespace = packet.namespace
        switch packet.type {
        case .connect:
            guard case .connecting(let since, let early, let queued) = namespaces[namespace] else { return }
            let socketID = packet.data?.objectValue?["sid"]?.stringValue ?? ""
            namespaces[namespace] = .connected(socketID: socketID)
            onEvent(.connected(namespace: namespace, socketID: socketID, milliseconds: receivedAt.milliseconds(since: since), at: receivedAt))
            for (earlyPacket, earlyAt) in early { dispatch(earlyPacket, at: earlyAt) }
            for queuedPacket in queued { send(queuedPacket) }
        case .connectError:
            guard namespaces.removeValue(forKey: namespace) != nil else { return }
            let message: String
            var data: JSONValue?
            switch packet.data {
            case .string(let text)?: message = text
            case .object(let object)?:
                message = object["message"]?.stringValue ?? JSONValue.object(object).serialized
                data = object["data"]
            default: message = "connection refused"
            }
            onEvent(.connectError(namespace: namespace, message: message, data: data, at: receivedAt))
        case .event, .binaryEvent:
            switch namespaces[namespace] {
            case .connecting(let since, var early, let queued):
                // python emits the connect handler's events before the CONNECT reply: keep them in order.
                early.append((packet, receivedAt))
                namespaces[namespace] = .connecting(since: since, earlyEvents: early, queued: queued)
            case .connected:
                guard let name = packet.eventName else { return }
                onEvent(.event(namespace: namespace, name: name, arguments: packet.eventArguments, ackID: packet.ackID, receivedAt: receivedAt))
            case nil:
                break
            }
        case .ack, .binaryAck:
            guard let id = packet.ackID, let entry = acks[id], entry.namespace == namespace else { return }
            acks[id] = nil
            entry.callback(packet.data?.arrayValue ?? [], receivedAt)
        case .disconnect:
            guard namespaces.removeValue(forKey: namespace) != nil else { return }
            onEvent(.disconnected(namespace: namespace, at: receivedAt))
        }
    }
}
