import EngineIO
import Transport
import WebSocket

/// What an ``EngineIOClient`` reports, on its loop.
public enum EngineIOClientEvent {
    /// The session is open.
    case opened(EngineIOHandshake, EngineIOOpenTimings, at: MonotonicInstant)
    /// A message packet, stamped when its bytes were read.
    case message(EngineIOPacket, receivedAt: MonotonicInstant)
    /// The session moved to WebSocket; `milliseconds` from the probe's start.
    case upgraded(milliseconds: Double, at: MonotonicInstant)
    /// The upgrade was abandoned; polling continues.
    case upgradeFailed(String)
    /// The session ended (reported once).
    case closed(EngineIOCloseReason, at: MonotonicInstant)
}

/// An Engine.IO v4 client: ``EngineIOClientStateMachine`` carried out with libcurl polling and
/// the project's WebSocket connection. Confined to its loop's thread.
public final class EngineIOClient {
    private let multi: CurlMulti
    private let options: EngineIOClientOptions
    private let endpoint: EndpointURL?
    private let endpointError: TransportError?
    private let onEvent: (EngineIOClientEvent) -> Void
    private var machine: EngineIOClientStateMachine
    private var pollTransfer: CurlTransferID?
    private var postTransfer: CurlTransferID?
    private var webSocket: WebSocketConnection?
    private var webSocketGeneration = 0
    private var heartbeatTimer: TimerID?
    private var upgradeTimer: TimerID?
    private var startedAt = MonotonicInstant(nanoseconds: 0)
    private var upgradeStartedAt = MonotonicInstant(nanoseconds: 0)
    private var firstTimings: ConnectionTimings?
    private var requestCounter = 0
    /// Actions not yet carried out, with the receive time of the input that produced them.
    private var pendingActions: [(EngineIOClientStateMachine.Action, MonotonicInstant?)] = []
    private var isPerforming = false

    /// Creates a client; call ``open()`` to connect.
    public init(multi: CurlMulti, options: EngineIOClientOptions, onEvent: @escaping (EngineIOClientEvent) -> Void) {
        self.multi = multi
        self.options = options
        self.onEvent = onEvent
        machine = EngineIOClientStateMachine(mode: options.transport, upgradeTimeoutMilliseconds: options.upgradeTimeoutMilliseconds)
        do {
            endpoint = try EndpointURL(parsing: options.url)
            endpointError = nil
        } catch {
            endpoint = nil
            endpointError = error
        }
    }

    /// The handshake, once open.
    public var handshake: EngineIOHandshake? { machine.handshake }
    /// The transport in use.
    public var activeTransport: EngineIOActiveTransport { machine.activeTransport }
    /// Whether packets can be sent.
    public var isOpen: Bool { machine.isOpen }

    /// Starts the handshake.
    public func open() {
        startedAt = MonotonicInstant.now()
        if let endpointError {
            _ = machine.start()
            perform(machine.pollingFailed(endpointError.description), at: startedAt)
            return
        }
        perform(machine.start(), at: startedAt)
    }

    /// Sends packets (queued until the session is open).
    public func send(_ packets: [EngineIOPacket]) {
        perform(machine.send(packets), at: nil)
    }

    /// Closes the session cleanly (sends `1`).
    public func close() {
        perform(machine.close(), at: nil)
    }

    /// Drops the connection without a close packet: the server must notice by itself.
    public func abort() {
        webSocket?.abort()
        webSocket = nil
        perform(machine.abort(), at: nil)
    }

    /// Ends the session because the layer above found a protocol violation.
    public func abortWithProtocolError(_ description: String) {
        perform(machine.protocolViolation(description), at: nil)
    }

    // MARK: Carrying out actions

    /// Carries out actions strictly in the order the machine produced them. Delivering a packet can make
    /// the layer above send at once; the machine may already have switched transports for actions still
    /// queued here (the `5` of an upgrade), so actions produced meanwhile wait their turn.
    private func perform(_ actions: [EngineIOClientStateMachine.Action], at receivedAt: MonotonicInstant?) {
        pendingActions.append(contentsOf: actions.map { ($0, receivedAt) })
        guard !isPerforming else { return }
        isPerforming = true
        defer { isPerforming = false }
        var index = 0
        while index < pendingActions.count {
            let (action, receivedAt) = pendingActions[index]
            index += 1
            carryOut(action, at: receivedAt)
        }
        pendingActions.removeAll(keepingCapacity: true)
    }

    private func carryOut(_ action: EngineIOClientStateMachine.Action, at receivedAt: MonotonicInstant?) {
        switch action {
        case .startPoll:
            startPoll()
        case .startPost(let body):
            startPost(body)
        case .openWebSocket(let sid):
            openWebSocket(sid: sid)
        case .sendOnWebSocket(let packet):
            switch packet {
            case .binaryMessage(let bytes): webSocket?.send(.binary(bytes))
            default: webSocket?.send(.text(packet.textEncoding ?? ""))
            }
        case .closeWebSocket:
            if let webSocket {
                self.webSocket = nil
                webSocket.close()
            }
        case .cancelPolling:
            if let pollTransfer { multi.cancel(pollTransfer) }
            if let postTransfer { multi.cancel(postTransfer) }
            pollTransfer = nil
            postTransfer = nil
        case .opened(let handshake):
            let now = receivedAt ?? MonotonicInstant.now()
            let timings = firstTimings ?? ConnectionTimings()
            onEvent(.opened(handshake, EngineIOOpenTimings(
                tcpConnectMilliseconds: Double(timings.tcpConnectMicroseconds) / 1000,
                tlsHandshakeMilliseconds: Double(timings.tlsHandshakeMicroseconds) / 1000,
                openMilliseconds: now.milliseconds(since: startedAt)), at: now))
        case .deliver(let packet):
            onEvent(.message(packet, receivedAt: receivedAt ?? MonotonicInstant.now()))
        case .upgraded:
            let now = MonotonicInstant.now()
            onEvent(.upgraded(milliseconds: now.milliseconds(since: upgradeStartedAt), at: now))
        case .upgradeFailed(let reason):
            onEvent(.upgradeFailed(reason))
        case .armHeartbeatTimer(let milliseconds):
            if let heartbeatTimer { multi.loop.cancel(heartbeatTimer) }
            heartbeatTimer = multi.loop.schedule(afterMilliseconds: milliseconds) { [weak self] in
                guard let self else { return }
                self.heartbeatTimer = nil
                self.perform(self.machine.heartbeatExpired(), at: nil)
            }
        case .armUpgradeTimer(let milliseconds):
            if let upgradeTimer { multi.loop.cancel(upgradeTimer) }
            upgradeTimer = multi.loop.schedule(afterMilliseconds: milliseconds) { [weak self] in
                guard let self else { return }
                self.upgradeTimer = nil
                self.perform(self.machine.upgradeTimerExpired(), at: nil)
            }
        case .cancelTimers:
            if let heartbeatTimer { multi.loop.cancel(heartbeatTimer) }
            if let upgradeTimer { multi.loop.cancel(upgradeTimer) }
            heartbeatTimer = nil
            upgradeTimer = nil
        case .closed(let reason):
            onEvent(.closed(reason, at: MonotonicInstant.now()))
        }
    }

    // MARK: Polling

    private func pollingURL() -> String {
        guard let endpoint else { return options.url }
        requestCounter += 1
        var url = "\(endpoint.isSecure ? "https" : "http")://\(endpoint.hostHeader)\(options.path)?EIO=4&transport=polling"
        if let sid = machine.handshake?.sid { url += "&sid=\(sid)" }
        url += "&t=\(requestCounter)"
        return url + extraQuery()
    }

    private func extraQuery() -> String {
        var text = ""
        for (name, value) in options.query {
            text += "&\(Self.percentEncode(name))=\(Self.percentEncode(value))"
        }
        return text
    }

    private func startPoll() {
        // A poll stays open until the server has something: allow pingInterval + pingTimeout and a margin.
        let hold = machine.handshake.map { max($0.pingInterval, $0.pingTimeout) + 5_000 } ?? options.connectTimeoutMilliseconds
        let request = HTTPRequest(
            url: pollingURL(), headers: options.headers, timeoutMilliseconds: hold + options.connectTimeoutMilliseconds,
            connectTimeoutMilliseconds: options.connectTimeoutMilliseconds, maxResponseBytes: options.maxResponseBytes, tls: options.tls)
        pollTransfer = multi.perform(request) { [weak self] result in
            guard let self else { return }
            self.pollTransfer = nil
            switch result {
            case .success(let response):
                if self.firstTimings == nil { self.firstTimings = response.timings }
                self.perform(self.machine.pollCompleted(status: response.status, body: response.body), at: response.receivedAt)
            case .failure(let error):
                self.perform(self.machine.pollingFailed(error.description), at: nil)
            }
        }
    }

    private func startPost(_ body: [UInt8]) {
        let request = HTTPRequest(
            url: pollingURL(), method: .post(body: body, contentType: "text/plain;charset=UTF-8"), headers: options.headers,
            timeoutMilliseconds: options.postTimeoutMilliseconds, connectTimeoutMilliseconds: options.connectTimeoutMilliseconds,
            maxResponseBytes: 64 << 10, tls: options.tls)
        postTransfer = multi.perform(request) { [weak self] result in
            guard let self else { return }
            self.postTransfer = nil
            switch result {
            case .success(let response):
                self.perform(self.machine.postCompleted(status: response.status, body: response.body), at: response.receivedAt)
            case .failure(let error):
                self.perform(self.machine.pollingFailed("POST failed: \(error.description)"), at: nil)
            }
        }
    }

    // MARK: WebSocket

    private func openWebSocket(sid: String?) {
        guard let endpoint else { return }
        var url = "\(endpoint.isSecure ? "wss" : "ws")://\(endpoint.hostHeader)\(options.path)?EIO=4&transport=websocket"
        if let sid { url += "&sid=\(sid)" }
        url += extraQuery()
        webSocketGeneration += 1
        let generation = webSocketGeneration
        upgradeStartedAt = MonotonicInstant.now()
        let socketOptions = WebSocketConnectionOptions(
            headers: options.headers, configuration: options.webSocket,
            connectTimeoutMilliseconds: options.connectTimeoutMilliseconds, tls: options.tls)
        let connection = WebSocketConnection(multi: multi, url: url, options: socketOptions) { [weak self] event in
            guard let self, self.webSocketGeneration == generation else { return }
            self.handle(event)
        }
        webSocket = connection
        connection.connect()
    }

    private func handle(_ event: WebSocketConnectionEvent) {
        switch event {
        case .opened(let timings, let openedAt):
            if firstTimings == nil { firstTimings = timings }
            perform(machine.webSocketOpened(), at: openedAt)
        case .message(let message, let receivedAt):
            let packet: EngineIOPacket
            switch message {
            case .text(let text):
                do {
                    packet = try EngineIOPacket(text: Substring(text))
                } catch {
                    perform(machine.protocolViolation("bad Engine.IO packet on the WebSocket: \(error)"), at: receivedAt)
                    return
                }
            case .binary(let bytes):
                packet = EngineIOPacket(binaryFrame: bytes)
            }
            perform(machine.webSocketReceived(packet), at: receivedAt)
        case .closed(let info):
            webSocketGeneration += 1  // ignore anything more from this connection
            webSocket = nil
            let detail = info.error?.description ?? "code \(info.code.map { String($0.rawValue) } ?? "none") \(info.reason)"
            perform(machine.webSocketClosed(detail), at: nil)
        }
    }

    private static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
