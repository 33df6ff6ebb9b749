import CLinux
import WebSocket

/// Options for a client WebSocket connection.
public struct WebSocketConnectionOptions: Sendable {
    /// Extra request headers (Authorization, Cookie, Origin when wanted).
    public var headers: [(String, String)]
    /// Codec limits.
    public var configuration: WebSocketConfiguration
    /// Limit for TCP + TLS setup.
    public var connectTimeoutMilliseconds: Int
    /// Limit for the HTTP upgrade exchange after connecting.
    public var handshakeTimeoutMilliseconds: Int
    /// How long to wait for the peer's close frame and TCP close after a close was sent.
    public var closeTimeoutMilliseconds: Int
    /// TLS settings for wss://.
    public var tls: TLSOptions

    /// Creates options.
    public init(
        headers: [(String, String)] = [], configuration: WebSocketConfiguration = WebSocketConfiguration(),
        connectTimeoutMilliseconds: Int = 10_000, handshakeTimeoutMilliseconds: Int = 10_000,
        closeTimeoutMilliseconds: Int = 2_000, tls: TLSOptions = TLSOptions()
    ) {
        self.headers = headers
        self.configuration = configuration
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.handshakeTimeoutMilliseconds = handshakeTimeoutMilliseconds
        self.closeTimeoutMilliseconds = closeTimeoutMilliseconds
        self.tls = tls
    }
}

/// How a WebSocket connection ended.
public struct WebSocketCloseInfo: Sendable, Equatable {
    /// The close code received or sent; nil when none (1005/1006 situations).
    public var code: WebSocketCloseCode?
    /// The close reason.
    public var reason: String
    /// Whether the peer started the closing.
    public var initiatedByPeer: Bool
    /// The transport failure behind an abnormal close, if any.
    public var error: TransportError?
}

/// What a ``WebSocketConnection`` reports, on its loop.
public enum WebSocketConnectionEvent {
    /// The upgrade succeeded. Timings cover TCP/TLS; `openedAt` is when the 101 was parsed.
    case opened(timings: ConnectionTimings, openedAt: MonotonicInstant)
    /// A complete message, stamped when its bytes were read.
    case message(WebSocketMessage, receivedAt: MonotonicInstant)
    /// The connection is closed (reported exactly once, also when connecting failed).
    case closed(WebSocketCloseInfo)
}

/// A client WebSocket (RFC 6455) over a libcurl CONNECT_ONLY connection, driven by the event loop.
/// The protocol is the pure ``WebSocketConnectionStateMachine``; this class only moves bytes.
/// Confined to the loop thread.
public final class WebSocketConnection: FileDescriptorHandler {
    private enum Phase {
        case idle
        case connecting
        case handshaking(WebSocketHandshakeResponseParser)
        case open
        case lingering   // close handshake done or failed: waiting for the peer to drop TCP
        case finished
    }

    private let multi: CurlMulti
    private let url: String
    private let options: WebSocketConnectionOptions
    private var random: any RandomNumberGenerator & Sendable
    private let onEvent: (WebSocketConnectionEvent) -> Void
    private var phase = Phase.idle
    private var machine: WebSocketConnectionStateMachine
    private var connection: CurlConnection?
    private var pendingOutput: [UInt8] = []
    private var pendingOffset = 0
    private var timer: TimerID?
    private var didReportClose = false
    private var timings = ConnectionTimings()

    /// Creates a connection to `url` (ws://, wss://, http:// or https://); call ``connect()`` to start.
    public init(
        multi: CurlMulti, url: String, options: WebSocketConnectionOptions = WebSocketConnectionOptions(),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        onEvent: @escaping (WebSocketConnectionEvent) -> Void
    ) {
        self.multi = multi
        self.url = url
        self.options = options
        self.random = random
        self.onEvent = onEvent
        machine = WebSocketConnectionStateMachine(configuration: options.configuration, random: random)
    }

    /// Whether messages can be sent.
    public var isOpen: Bool {
        if case .open = phase { return machine.isOpen }
        return false
    }

    /// Starts connecting.
    public func connect() {
        guard case .idle = phase else { return }
        let endpoint: EndpointURL
        do {
            endpoint = try EndpointURL(parsing: url)
        } catch {
            phase = .connecting
            finish(error: error)
            return
        }
        phase = .connecting
        let key = WebSocketHandshake.makeKey(using: &random)
        let request = WebSocketHandshake(host: endpoint.hostHeader, requestTarget: endpoint.requestTarget, headers: options.headers, key: key)
        timer = multi.loop.schedule(afterMilliseconds: options.connectTimeoutMilliseconds + options.handshakeTimeoutMilliseconds) { [weak self] in
            self?.timer = nil
            self?.finish(error: TransportError(.timeout("WebSocket connect and upgrade to \(self?.url ?? "")")))
        }
        multi.connect(url: endpoint.httpURL, connectTimeoutMilliseconds: options.connectTimeoutMilliseconds, tls: options.tls) { [weak self] result in
            guard let self else {
                if case .success(let connection) = result { connection.release() }
                return
            }
            switch result {
            case .failure(let error):
                self.finish(error: error)
            case .success(let connection):
                guard case .connecting = self.phase else {
                    connection.release()
                    return
                }
                self.connection = connection
                self.timings = connection.timings
                self.phase = .handshaking(WebSocketHandshakeResponseParser(key: key))
                self.multi.loop.register(fd: connection.socket, interest: .read, handler: self)
                self.enqueue(request.requestBytes)
            }
        }
    }

    /// Sends a message; ignored once closing has begun.
    public func send(_ message: WebSocketMessage) {
        guard case .open = phase else { return }
        perform(machine.send(message), at: nil)
    }

    /// Sends a ping with `payload` (at most 125 bytes).
    public func sendPing(_ payload: [UInt8] = []) {
        guard case .open = phase else { return }
        perform(machine.sendPing(payload), at: nil)
    }

    /// Starts the closing handshake.
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") {
        switch phase {
        case .open: perform(machine.close(code: code, reason: reason), at: nil)
        case .idle, .connecting, .handshaking: finish(error: TransportError(.closed))
        case .lingering, .finished: break
        }
    }

    /// Drops the TCP connection at once, without a close frame (to test a server's detection).
    public func abort() {
        reportClose(WebSocketCloseInfo(code: nil, reason: "aborted by the client", initiatedByPeer: false, error: nil))
        teardown()
    }

    // MARK: I/O

    public func handleEvents(_ events: UInt32) {
        if events & UInt32(EPOLLOUT.rawValue) != 0 { flush() }
        if events & UInt32(EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 { readAvailable() }
    }

    private func readAvailable() {
        let buffer = multi.scratchBuffer
        while let connection {
            let result = connection.receive(into: buffer)
            switch result {
            case .transferred(let count):
                let receivedAt = MonotonicInstant.now()
                received(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), at: receivedAt)
            case .wouldBlock:
                return
            case .endOfFile, .failed:
                transportEnded(with: result)
                return
            }
        }
    }

    private func received(_ bytes: UnsafeRawBufferPointer, at receivedAt: MonotonicInstant) {
        switch phase {
        case .handshaking(var parser):
            do {
                let result = try parser.parse(bytes)
                switch result {
                case .needMoreData:
                    phase = .handshaking(parser)
                case .upgraded(let leftover):
                    phase = .open
                    if let timer { multi.loop.cancel(timer) }
                    timer = nil
                    onEvent(.opened(timings: timings, openedAt: receivedAt))
                    if !leftover.isEmpty { perform(machine.received(leftover), at: receivedAt) }
                }
            } catch {
                finish(error: TransportError(.webSocketHandshake(error.description)))
            }
        case .open, .lingering:
            perform(machine.received(bytes), at: receivedAt)
        case .idle, .connecting, .finished:
            break
        }
    }

    private func perform(_ actions: [WebSocketAction], at receivedAt: MonotonicInstant?) {
        for action in actions {
            switch action {
            case .write(let bytes):
                enqueue(bytes)
            case .deliver(let message):
                onEvent(.message(message, receivedAt: receivedAt ?? MonotonicInstant.now()))
            case .pongReceived:
                break
            case .closed(let code, let reason, let initiatedByPeer):
                reportClose(WebSocketCloseInfo(code: code, reason: reason, initiatedByPeer: initiatedByPeer, error: nil))
            case .closeTransport:
                beginLingering()
            }
        }
        if case .open = phase, !machine.isOpen, timer == nil {
            // We sent a close: bound the wait for the peer's answer.
            timer = multi.loop.schedule(afterMilliseconds: options.closeTimeoutMilliseconds) { [weak self] in
                self?.timer = nil
                self?.finish(error: TransportError(.timeout("waiting for the peer's close frame")))
            }
        }
    }

    private func beginLingering() {
        guard case .open = phase else { return }
        phase = .lingering
        if let timer { multi.loop.cancel(timer) }
        // RFC 6455 §7.1.1: the server should close TCP first; give it a moment, then close ourselves.
        timer = multi.loop.schedule(afterMilliseconds: options.closeTimeoutMilliseconds) { [weak self] in
            self?.timer = nil
            self?.teardown()
        }
    }

    private func enqueue(_ bytes: [UInt8]) {
        guard connection != nil else { return }
        if pendingOutput.isEmpty {
            pendingOutput = bytes
            pendingOffset = 0
        } else {
            pendingOutput.append(contentsOf: bytes)
        }
        flush()
    }

    private func flush() {
        guard let connection else { return }
        while pendingOffset < pendingOutput.count {
            let result = pendingOutput.withUnsafeBytes { raw in
                connection.send(UnsafeRawBufferPointer(rebasing: raw[pendingOffset...]))
            }
            switch result {
            case .transferred(let count):
                pendingOffset += count
            case .wouldBlock:
                multi.loop.modify(fd: connection.socket, interest: [.read, .write])
                return
            case .endOfFile, .failed:
                transportEnded(with: result)
                return
            }
        }
        if pendingOffset > 0 {
            pendingOutput.removeAll(keepingCapacity: pendingOutput.count <= 4096)
            pendingOffset = 0
            multi.loop.modify(fd: connection.socket, interest: .read)
        }
    }

    /// The socket reported EOF or an error.
    private func transportEnded(with result: CurlConnection.IOResult) {
        if case .failed(let code, let message) = result {
            transportEnded(error: TransportError(.curl(code: code, message: message)))
        } else {
            transportEnded(error: nil)
        }
    }

    private func transportEnded(error: TransportError?) {
        switch phase {
        case .open:
            perform(machine.transportClosed(), at: nil)
            reportClose(WebSocketCloseInfo(code: nil, reason: "", initiatedByPeer: true, error: error))
            teardown()
        case .lingering:
            teardown()
        case .handshaking, .connecting, .idle:
            finish(error: error ?? TransportError(.webSocketHandshake("the server closed the connection before answering the upgrade")))
        case .finished:
            break
        }
    }

    private func finish(error: TransportError) {
        reportClose(WebSocketCloseInfo(code: nil, reason: error.description, initiatedByPeer: false, error: error))
        teardown()
    }

    private func reportClose(_ info: WebSocketCloseInfo) {
        guard !didReportClose else { return }
        didReportClose = true
        onEvent(.closed(info))
    }

    private func teardown() {
        if case .finished = phase { return }
        phase = .finished
        if let timer { multi.loop.cancel(timer) }
        timer = nil
        if let connection {
            multi.loop.unregister(fd: connection.socket)
            connection.release()
        }
        connection = nil
        pendingOutput = []
    }
}
