import EngineIO

/// The server side of one Engine.IO v4 session (PROTOCOL.md §1), as a plain state machine: every
/// event returns the actions the driver carries out (answer a poll, send frames, arm a timer...).
/// It performs no I/O and reads no clock; timers are armed by actions and reported back as events.
///
/// The upgrade to WebSocket lives in `EngineIOServerSession+Upgrade.swift`.
public struct EngineIOServerSession: Sendable {
    enum Heartbeat: Hashable, Sendable {
        case waitingToPing
        case waitingForPong
    }

    enum Probe: Hashable, Sendable {
        /// The WebSocket is open; `2probe` has not arrived yet.
        case opened(ConnectionID)
        /// `3probe` was sent; waiting for `5`. Polls are answered with `6` meanwhile.
        case probed(ConnectionID)

        var id: ConnectionID {
            switch self {
            case .opened(let id), .probed(let id): id
            }
        }
    }

    /// The session id (the `sid` query parameter).
    public let sid: String
    /// The settings.
    public let configuration: Configuration
    /// The transport in use.
    public internal(set) var transport: Transport
    /// Whether the session has ended.
    public internal(set) var isClosed = false

    var probe: Probe?
    var heldPoll: ConnectionID?
    var outbox: [EngineIOPacket] = []
    var outboxBytes = 0
    var heartbeat = Heartbeat.waitingToPing

    /// Creates a session on `transport`; call ``open()`` next.
    public init(sid: String, transport: Transport, configuration: Configuration) {
        self.sid = sid
        self.transport = transport
        self.configuration = configuration
    }

    /// The handshake announced in the open packet: upgrades `["websocket"]` on polling, `[]` on a
    /// WebSocket-only session.
    public var handshake: EngineIOHandshake {
        EngineIOHandshake(
            sid: sid, upgrades: transport == .polling ? ["websocket"] : [],
            pingInterval: configuration.pingInterval, pingTimeout: configuration.pingTimeout,
            maxPayload: configuration.maxPayload
        )
    }

    /// Whether a WebSocket probe is in progress (`3probe` sent, `5` awaited).
    public var isUpgrading: Bool {
        if case .probed? = probe { true } else { false }
    }

    /// Whether packets are waiting for the next poll.
    public var hasQueuedPackets: Bool { !outbox.isEmpty }

    /// Starts the session: queues the open packet (a polling session sends it in answer to the
    /// handshake GET, passed next as ``receivePoll(_:)``; a WebSocket session as its first frame)
    /// and arms the first ping.
    public mutating func open() -> [Action] {
        var actions = send([.open(handshake.json)])
        actions.append(.armHeartbeat(milliseconds: configuration.pingInterval))
        return actions
    }

    // MARK: Polling

    /// A GET arrived: answered at once when packets are queued, else held until some are.
    public mutating func receivePoll(_ request: ConnectionID) -> [Action] {
        guard !isClosed else { return [.reject(request, .invalidSession(sid))] }
        guard transport == .polling else { return [.reject(request, .unexpectedRequest)] }
        if let held = heldPoll {
            // Node closes the session on a concurrent GET: the held one gets `1`, the new one 400.
            heldPoll = nil
            var actions: [Action] = [.answerPoll(held, [.close]), .reject(request, .badRequest)]
            finish(.duplicatePoll, pollReply: nil, into: &actions)
            return actions
        }
        if isUpgrading {
            // python answers every GET at once with `6` while the probe waits for `5`.
            return [.answerPoll(request, [.noop])]
        }
        if !outbox.isEmpty {
            return [.answerPoll(request, takeOutbox())]
        }
        heldPoll = request
        return []
    }

    /// The connection of a GET closed. A held GET that vanishes ends the session, as in Node.
    public mutating func pollClosed(_ request: ConnectionID) -> [Action] {
        guard !isClosed, heldPoll == request else { return [] }
        heldPoll = nil
        var actions: [Action] = []
        finish(.transportClose, pollReply: nil, into: &actions)
        return actions
    }

    /// A POST body arrived whole (the driver stops reading at maxPayload and reports
    /// ``receiveOversizedPost(_:)`` instead).
    public mutating func receivePost(_ request: ConnectionID, body: some Collection<UInt8>) -> [Action] {
        guard !isClosed else { return [.reject(request, .invalidSession(sid))] }
        guard transport == .polling else { return [.reject(request, .unexpectedRequest)] }
        guard body.count <= configuration.maxPayload else { return receiveOversizedPost(request) }
        let packets: [EngineIOPacket]
        do {
            packets = try EngineIOPollingPayload.decode(body, maxPackets: configuration.maxPacketsPerPayload)
        } catch {
            var actions: [Action] = [.reject(request, .badRequest)]
            finish(.parseError, pollReply: [.close], into: &actions)
            return actions
        }
        var actions: [Action] = []
        for packet in packets where !isClosed {
            receive(packet, into: &actions)
        }
        // python answers the POST that carried `1` with 200 too.
        actions.insert(.answerPost(request), at: 0)
        return actions
    }

    /// A POST body was larger than maxPayload: 413 and the session ends.
    public mutating func receiveOversizedPost(_ request: ConnectionID) -> [Action] {
        guard !isClosed else { return [.reject(request, .invalidSession(sid))] }
        var actions: [Action] = [.reject(request, .payloadTooLarge)]
        finish(.payloadTooLarge, pollReply: [.close], into: &actions)
        return actions
    }

    // MARK: WebSocket transport

    /// A packet arrived on a WebSocket of this session (the transport or a probe).
    public mutating func receiveFrame(_ socket: ConnectionID, _ packet: EngineIOPacket) -> [Action] {
        guard !isClosed else { return [.closeWebSocket(socket, code: 1000)] }
        if transport == .webSocket(socket) {
            var actions: [Action] = []
            receive(packet, into: &actions)
            return actions
        }
        if probe?.id == socket { return receiveProbeFrame(socket, packet) }
        return [.closeWebSocket(socket, code: 1008)]
    }

    /// A WebSocket message was not an Engine.IO packet (empty, unknown type, bad UTF-8): the
    /// session ends, as in Node; a bad probe only loses the probe.
    public mutating func receiveInvalidFrame(_ socket: ConnectionID) -> [Action] {
        guard !isClosed else { return [] }
        if probe?.id == socket { return abortProbe(code: 1002) }
        guard transport == .webSocket(socket) else { return [] }
        var actions: [Action] = []
        finish(.parseError, pollReply: nil, into: &actions)
        return actions
    }

    /// A WebSocket closed (by the peer, or its TCP connection dropped).
    public mutating func webSocketClosed(_ socket: ConnectionID) -> [Action] {
        guard !isClosed else { return [] }
        if probe?.id == socket {
            probe = nil
            return [.cancelUpgradeTimer]
        }
        guard transport == .webSocket(socket) else { return [] }
        var actions: [Action] = []
        finish(.transportClose, pollReply: nil, into: &actions, webSocketCode: nil)
        return actions
    }

    // MARK: Output, heartbeat, close

    /// Queues packets for the client: sent at once on a WebSocket or to a held GET, else kept for
    /// the next GET (and, during an upgrade, for the WebSocket once `5` arrives).
    public mutating func send(_ packets: [EngineIOPacket]) -> [Action] {
        guard !isClosed, !packets.isEmpty else { return [] }
        if case .webSocket(let socket) = transport { return [.sendFrames(socket, packets)] }
        if let held = heldPoll, !isUpgrading {
            heldPoll = nil
            return [.answerPoll(held, takeOutbox() + packets)]
        }
        outbox.append(contentsOf: packets)
        for packet in packets {
            outboxBytes += Self.byteCount(packet)
        }
        guard outboxBytes <= configuration.maxBufferedBytes else {
            var actions: [Action] = []
            finish(.bufferOverflow, pollReply: nil, into: &actions)
            return actions
        }
        return []
    }

    /// The heartbeat timer fired: send a ping, or end the session if the last one got no pong.
    public mutating func heartbeatTimerFired() -> [Action] {
        guard !isClosed else { return [] }
        switch heartbeat {
        case .waitingToPing:
            heartbeat = .waitingForPong
            var actions = send([.ping("")])
            if !isClosed { actions.append(.armHeartbeat(milliseconds: configuration.pingTimeout)) }
            return actions
        case .waitingForPong:
            var actions: [Action] = []
            finish(.pingTimeout, pollReply: [.close], into: &actions)
            return actions
        }
    }

    /// Ends the session from the server side (shutdown, or a Socket.IO packet that does not
    /// parse): a held GET gets `1`, a WebSocket closes.
    public mutating func close(_ reason: CloseReason = .serverClose) -> [Action] {
        guard !isClosed else { return [] }
        var actions: [Action] = []
        finish(reason, pollReply: [.close], into: &actions)
        return actions
    }

    /// Handles a packet from the client on the active transport.
    mutating func receive(_ packet: EngineIOPacket, into actions: inout [Action]) {
        switch packet {
        case .pong:
            guard heartbeat == .waitingForPong else { return }
            heartbeat = .waitingToPing
            actions.append(.armHeartbeat(milliseconds: configuration.pingInterval))
        case .message, .binaryMessage:
            actions.append(.deliver(packet))
        case .close:
            // The official suite: a GET pending while the client closes returns `6`.
            finish(.clientClose, pollReply: [.noop], into: &actions)
        case .open, .ping, .upgrade, .noop:
            // Not client packets in v4 (a v4 client never pings); ignored like python over WebSocket.
            break
        }
    }

    /// Ends the session: answers the held GET with `pollReply` (or nothing), closes the WebSockets
    /// and reports `.closed`.
    mutating func finish(_ reason: CloseReason, pollReply: [EngineIOPacket]?, into actions: inout [Action],
                         webSocketCode: UInt16? = 1000) {
        isClosed = true
        if let held = heldPoll {
            heldPoll = nil
            actions.append(.answerPoll(held, pollReply ?? [.close]))
        }
        if let probe {
            self.probe = nil
            actions.append(.closeWebSocket(probe.id, code: 1000))
        }
        if case .webSocket(let socket) = transport, let webSocketCode {
            actions.append(.closeWebSocket(socket, code: reason == .parseError ? 1002 : webSocketCode))
        }
        outbox = []
        outboxBytes = 0
        actions.append(.closed(reason))
    }

    /// Empties the output queue.
    mutating func takeOutbox() -> [EngineIOPacket] {
        defer {
            outbox = []
            outboxBytes = 0
        }
        return outbox
    }

    /// The bytes a packet takes in a polling payload (binary as base64).
    static func byteCount(_ packet: EngineIOPacket) -> Int {
        if case .binaryMessage(let bytes) = packet { return 1 + (bytes.count + 2) / 3 * 4 }
        return packet.textEncoding?.utf8.count ?? 1
    }
}
