/// Which transports an Engine.IO client uses.
public enum EngineIOTransportMode: String, Sendable, CaseIterable {
    /// HTTP long-polling only.
    case polling
    /// A WebSocket from the start (no polling handshake).
    case websocket
    /// Handshake over polling, then upgrade to WebSocket when offered (what browsers do).
    case pollingThenUpgrade = "polling-then-upgrade"
}

/// The transport carrying an Engine.IO session right now.
public enum EngineIOActiveTransport: String, Sendable {
    case polling
    case websocket
}

/// Why an Engine.IO session ended.
public enum EngineIOCloseReason: Equatable, Sendable, CustomStringConvertible {
    /// We closed it (sent `1`).
    case clientClose
    /// The server sent a close packet.
    case serverClose
    /// No ping from the server within pingInterval + pingTimeout.
    case pingTimeout
    /// The server ended the session: an empty 200 poll or a 400 "Invalid session" after its own timeout.
    case sessionEnded(String)
    /// The opening handshake failed (HTTP error, bad JSON, refused upgrade...).
    case handshakeFailed(String)
    /// A transport failed mid-session.
    case transportError(String)
    /// The server sent bytes that break the protocol.
    case protocolError(String)
    /// We dropped the connection without a close packet (to test the server's detection).
    case aborted

    public var description: String {
        switch self {
        case .clientClose: return "client close"
        case .serverClose: return "server close"
        case .pingTimeout: return "ping timeout"
        case .sessionEnded(let detail): return "session ended by the server: \(detail)"
        case .handshakeFailed(let detail): return "handshake failed: \(detail)"
        case .transportError(let detail): return "transport error: \(detail)"
        case .protocolError(let detail): return "protocol error: \(detail)"
        case .aborted: return "aborted by the client"
        }
    }
}

/// The Engine.IO v4 client session as a pure state machine: it receives events from the I/O layer
/// (poll responses, WebSocket packets, timer expiries) and returns the actions to carry out.
/// It owns the rules: one GET and one POST in flight, at most 16 packets and maxPayload bytes per POST,
/// the heartbeat deadline, the `2probe`/`3probe`/`5` upgrade with its pause, and closing.
public struct EngineIOClientStateMachine {
    /// What the I/O layer must do.
    public enum Action: Equatable, Sendable {
        /// Start a polling GET (the handshake when no session exists yet).
        case startPoll
        /// Start a polling POST with this payload body.
        case startPost([UInt8])
        /// Open a WebSocket; with a sid it is the upgrade probe for that session.
        case openWebSocket(sid: String?)
        /// Send this packet as one frame on the WebSocket.
        case sendOnWebSocket(EngineIOPacket)
        /// Close the WebSocket.
        case closeWebSocket
        /// Abandon any polling request still in flight.
        case cancelPolling
        /// The session is open.
        case opened(EngineIOHandshake)
        /// A message packet (`.message` or `.binaryMessage`) for the layer above.
        case deliver(EngineIOPacket)
        /// The upgrade to WebSocket completed.
        case upgraded
        /// The upgrade was abandoned; polling goes on.
        case upgradeFailed(String)
        /// (Re)arm the dead-server timer.
        case armHeartbeatTimer(milliseconds: Int)
        /// Arm the upgrade timer (the probe must complete within it).
        case armUpgradeTimer(milliseconds: Int)
        /// Cancel both timers.
        case cancelTimers
        /// The session is over; reported once.
        case closed(EngineIOCloseReason)
    }

    private enum Phase: Equatable {
        case idle
        case handshaking
        case open
        case closing
        case closed
    }

    private enum UpgradeState: Equatable {
        case none
        case connecting
        case probing
        case pausing
        case done
        case failed
    }

    /// The transport mode requested.
    public let mode: EngineIOTransportMode
    /// The handshake, once open.
    public private(set) var handshake: EngineIOHandshake?
    /// The transport in use.
    public private(set) var activeTransport: EngineIOActiveTransport
    private var phase = Phase.idle
    private var upgrade = UpgradeState.none
    private var isPollInFlight = false
    private var isPostInFlight = false
    private var outbox: [EngineIOPacket] = []
    private let maxPacketsPerPost: Int
    private let upgradeTimeoutMilliseconds: Int

    /// Creates a session in `mode`. `maxPacketsPerPost` defaults to 16 (python drops larger POSTs).
    public init(mode: EngineIOTransportMode, maxPacketsPerPost: Int = 16, upgradeTimeoutMilliseconds: Int = 10_000) {
        self.mode = mode
        self.maxPacketsPerPost = maxPacketsPerPost
        self.upgradeTimeoutMilliseconds = upgradeTimeoutMilliseconds
        activeTransport = mode == .websocket ? .websocket : .polling
    }

    /// Whether the session is open (packets can be sent).
    public var isOpen: Bool { phase == .open }
    /// Whether the session has ended.
    public var isClosed: Bool { phase == .closed }

    // MARK: Events from the user

    /// Starts the handshake.
    public mutating func start() -> [Action] {
        guard phase == .idle else { return [] }
        phase = .handshaking
        if mode == .websocket { return [.openWebSocket(sid: nil)] }
        isPollInFlight = true
        return [.startPoll]
    }

    /// Queues packets for sending; they leave as soon as the transport allows.
    public mutating func send(_ packets: [EngineIOPacket]) -> [Action] {
        guard phase == .open || phase == .handshaking else { return [] }
        outbox.append(contentsOf: packets)
        return phase == .open ? flush() : []
    }

    /// Closes the session: sends `1` and ends.
    public mutating func close() -> [Action] {
        switch phase {
        case .idle, .handshaking:
            return end(.clientClose)
        case .open:
            outbox.append(.close)
            if activeTransport == .websocket {
                let actions = flush()
                return actions + end(.clientClose)
            }
            phase = .closing
            return flush()
        case .closing, .closed:
            return []
        }
    }

    // MARK: Events from polling

    /// A polling GET finished with an HTTP status and body.
    public mutating func pollCompleted(status: Int, body: [UInt8]) -> [Action] {
        isPollInFlight = false
        guard phase != .closed else { return [] }
        guard status == 200 else {
            let text = Self.describe(status: status, body: body)
            return end(phase == .handshaking ? .handshakeFailed(text) : .sessionEnded(text))
        }
        if body.isEmpty {
            if phase == .closing { return end(.clientClose) }
            return end(phase == .handshaking ? .handshakeFailed("empty handshake response") : .sessionEnded("empty 200 poll response"))
        }
        let packets: [EngineIOPacket]
        do {
            packets = try EngineIOPollingPayload.decode(body)
        } catch {
            return end(.protocolError("bad polling payload: \(error)"))
        }
        var actions: [Action] = []
        for packet in packets {
            actions += received(packet, onProbe: false)
            if phase == .closed { return actions }
        }
        actions += continuePolling()
        return actions
    }

    /// A polling POST finished with an HTTP status.
    public mutating func postCompleted(status: Int, body: [UInt8]) -> [Action] {
        isPostInFlight = false
        guard phase != .closed else { return [] }
        if phase == .closing {
            // The close packet may still be queued behind the POST that just finished.
            return outbox.isEmpty ? end(.clientClose) : flush()
        }
        guard status == 200 else {
            return end(.sessionEnded("POST answered \(Self.describe(status: status, body: body))"))
        }
        var actions = flush()
        actions += finishUpgradeIfPaused()
        return actions
    }

    /// A polling request failed at the transport level.
    public mutating func pollingFailed(_ description: String) -> [Action] {
        isPollInFlight = false
        isPostInFlight = false
        guard phase != .closed else { return [] }
        if phase == .closing { return end(.clientClose) }
        return end(phase == .handshaking ? .handshakeFailed(description) : .transportError(description))
    }

    // MARK: Events from the WebSocket

    /// The WebSocket (main or probe) finished its opening handshake.
    public mutating func webSocketOpened() -> [Action] {
        guard phase != .closed else { return [.closeWebSocket] }
        if upgrade == .connecting {
            upgrade = .probing
            return [.sendOnWebSocket(.ping("probe"))]
        }
        return []  // WebSocket-only: wait for the open packet
    }

    /// A packet arrived on the WebSocket.
    public mutating func webSocketReceived(_ packet: EngineIOPacket) -> [Action] {
        guard phase != .closed else { return [] }
        if upgrade == .probing || upgrade == .pausing || upgrade == .connecting {
            guard upgrade == .probing, packet == .pong("probe") else {
                if upgrade == .pausing { return [] }  // nothing else is expected before `5`
                return abandonUpgrade("unexpected packet on the probe: \(packet.textEncoding ?? "binary")")
            }
            upgrade = .pausing
            return finishUpgradeIfPaused()
        }
        guard activeTransport == .websocket else { return [] }
        return received(packet, onProbe: false)
    }

    /// The WebSocket closed or failed to open.
    public mutating func webSocketClosed(_ description: String) -> [Action] {
        guard phase != .closed else { return [] }
        if upgrade == .connecting || upgrade == .probing || upgrade == .pausing {
            return abandonUpgrade("WebSocket probe failed: \(description)")
        }
        guard activeTransport == .websocket else { return [] }
        if phase == .closing { return end(.clientClose) }
        return end(phase == .handshaking ? .handshakeFailed(description) : .transportError("WebSocket closed: \(description)"))
    }

    /// The layer above found bytes that break the protocol (an undecodable frame, a bad Socket.IO packet).
    public mutating func protocolViolation(_ description: String) -> [Action] {
        end(.protocolError(description))
    }

    /// Drops the session without a close packet.
    public mutating func abort() -> [Action] {
        end(.aborted)
    }

    // MARK: Timers

    /// No ping arrived in time.
    public mutating func heartbeatExpired() -> [Action] {
        guard phase == .open || phase == .closing else { return [] }
        return end(.pingTimeout)
    }

    /// The upgrade did not complete in time.
    public mutating func upgradeTimerExpired() -> [Action] {
        guard upgrade == .connecting || upgrade == .probing || upgrade == .pausing else { return [] }
        return abandonUpgrade("no 3probe within \(upgradeTimeoutMilliseconds) ms")
    }

    // MARK: Internals

    private mutating func received(_ packet: EngineIOPacket, onProbe: Bool) -> [Action] {
        switch packet {
        case .open(let json):
            guard phase == .handshaking else { return end(.protocolError("second open packet")) }
            let handshake: EngineIOHandshake
            do {
                handshake = try EngineIOHandshake(json: json)
            } catch {
                return end(.handshakeFailed("bad handshake: \(error)"))
            }
            self.handshake = handshake
            phase = .open
            var actions: [Action] = [.opened(handshake), .armHeartbeatTimer(milliseconds: handshake.pingInterval + handshake.pingTimeout)]
            if mode == .pollingThenUpgrade, handshake.upgrades.contains("websocket") {
                upgrade = .connecting
                actions += [.openWebSocket(sid: handshake.sid), .armUpgradeTimer(milliseconds: upgradeTimeoutMilliseconds)]
            }
            actions += flush()
            return actions
        case .ping:
            guard let handshake, phase == .open || phase == .closing else { return [] }
            outbox.append(.pong(""))
            return [.armHeartbeatTimer(milliseconds: handshake.pingInterval + handshake.pingTimeout)] + flush()
        case .close:
            return end(.serverClose)
        case .message, .binaryMessage:
            guard phase == .open || phase == .closing else { return end(.protocolError("message before the open packet")) }
            return [.deliver(packet)]
        case .pong, .noop, .upgrade:
            return []
        }
    }

    private mutating func continuePolling() -> [Action] {
        guard phase == .open || phase == .closing, activeTransport == .polling, !isPollInFlight else { return [] }
        if upgrade == .pausing { return finishUpgradeIfPaused() }
        isPollInFlight = true
        return [.startPoll]
    }

    private mutating func flush() -> [Action] {
        guard !outbox.isEmpty else { return [] }
        if activeTransport == .websocket {
            guard phase == .open || phase == .closing else { return [] }
            let packets = outbox
            outbox.removeAll()
            return packets.map { .sendOnWebSocket($0) }
        }
        // Paused for the upgrade: keep the queue for the WebSocket.
        guard !isPostInFlight, upgrade != .pausing, phase == .open || phase == .closing, let handshake else { return [] }
        let batch = EngineIOPollingPayload.batches(outbox, maxPackets: maxPacketsPerPost, maxBytes: handshake.maxPayload).first ?? []
        outbox.removeFirst(batch.count)
        isPostInFlight = true
        return [.startPost(EngineIOPollingPayload.encode(batch))]
    }

    private mutating func finishUpgradeIfPaused() -> [Action] {
        guard upgrade == .pausing, !isPollInFlight, !isPostInFlight else { return [] }
        upgrade = .done
        activeTransport = .websocket
        var actions: [Action] = [.sendOnWebSocket(.upgrade), .upgraded]
        if phase == .open || phase == .closing {
            actions += flush()
        }
        if phase == .closing { actions += end(.clientClose) }
        return actions
    }

    private mutating func abandonUpgrade(_ reason: String) -> [Action] {
        upgrade = .failed
        var actions: [Action] = [.closeWebSocket, .upgradeFailed(reason)]
        actions += flush()
        actions += continuePolling()
        return actions
    }

    private mutating func end(_ reason: EngineIOCloseReason) -> [Action] {
        guard phase != .closed else { return [] }
        phase = .closed
        outbox.removeAll()
        var actions: [Action] = [.cancelTimers]
        if isPollInFlight || isPostInFlight { actions.append(.cancelPolling) }
        isPollInFlight = false
        isPostInFlight = false
        if activeTransport == .websocket || upgrade == .connecting || upgrade == .probing || upgrade == .pausing {
            actions.append(.closeWebSocket)
        }
        actions.append(.closed(reason))
        return actions
    }

    private static func describe(status: Int, body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(512), as: UTF8.self)
        return text.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(text)"
    }
}
