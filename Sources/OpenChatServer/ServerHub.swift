import EngineIO
import JSON
import NIOCore
import SocketIO

/// The server's state, confined to one event loop: every Engine.IO session with its Socket.IO
/// socket, the application (the OpenChat room unless configured otherwise), and the timers. The
/// NIO handlers call in with events; the hub steps the session state machines and carries out
/// their actions (`ServerHub+Actions.swift`).
///
/// Not `Sendable`: every method runs on `eventLoop`. Sendable closures reach it through
/// `NIOLoopBound`.
final class ServerHub {
    /// One Engine.IO session and what the driver keeps for it.
    final class Session {
        var machine: EngineIOServerSession
        /// What the session's messages are for.
        let endpoint: EngineIOEndpoint
        var socket: SocketIOServerSocket
        /// Requests waiting for the machine to answer them (a held GET, a POST being handled).
        var requests: [ConnectionID: HTTPHandler] = [:]
        /// The session's WebSockets: the transport and a probe, at most.
        var webSockets: [ConnectionID: WebSocketHandler] = [:]
        var heartbeatTimer: Scheduled<Void>?
        var upgradeTimer: Scheduled<Void>?
        /// Ends the session if it has not joined a namespace in time (`connectTimeoutMilliseconds`).
        var connectTimer: Scheduled<Void>?

        init(machine: EngineIOServerSession, endpoint: EngineIOEndpoint, socket: SocketIOServerSocket) {
            self.machine = machine
            self.endpoint = endpoint
            self.socket = socket
        }
    }

    let eventLoop: EventLoop
    let configuration: OpenChatServerConfiguration
    var sessions: [String: Session] = [:]
    var application: any SocketIOApplication
    /// The Socket.IO socket ids given out and not yet left, so that a new one is unique.
    var socketIDsInUse: Set<String> = []
    private var identifiers = IdentifierGenerator(generator: SystemRandomNumberGenerator())
    private var lastConnectionID: UInt64 = 0
    private var pendingFlushes: [ObjectIdentifier: Channel] = [:]
    private var isFlushScheduled = false
    private(set) var isShuttingDown = false
    let allocator = ByteBufferAllocator()
    /// The packets being broadcast now and their WebSocket frames, made once for all recipients
    /// (a `ByteBuffer` is shared, not copied, by every channel that writes it).
    var broadcastPackets: [EngineIOPacket]?
    var broadcastFrames: [WebSocketHandler.OutgoingFrame]?

    init(eventLoop: EventLoop, configuration: OpenChatServerConfiguration) {
        self.eventLoop = eventLoop
        self.configuration = configuration
        switch configuration.application {
        case .openChat: application = OpenChatRoom()
        case .conformance: application = SocketIOConformanceApplication()
        }
    }

    /// A new id for a request or a WebSocket.
    func makeConnectionID() -> ConnectionID {
        lastConnectionID += 1
        return ConnectionID(lastConnectionID)
    }

    /// A new id that no session or socket uses yet.
    func makeIdentifier() -> String {
        while true {
            let id = identifiers.next()
            if sessions[id] == nil && !socketIDsInUse.contains(id) { return id }
        }
    }

    // MARK: HTTP

    /// A whole request to the Engine.IO path, routed.
    func handle(route: EngineIORoute, endpoint: EngineIOEndpoint, body: ByteBuffer, from handler: HTTPHandler) {
        eventLoop.preconditionInEventLoop()
        switch route {
        case .pollingHandshake:
            guard !isShuttingDown else { return handler.respond(error: .badRequest) }
            let session = openSession(transport: .polling, endpoint: endpoint)
            let request = register(handler, in: session)
            execute(session.machine.receivePoll(request), for: session)
        case .poll(let sid):
            guard let session = sessions[sid] else { return handler.respond(error: .invalidSession(sid)) }
            let request = register(handler, in: session)
            execute(session.machine.receivePoll(request), for: session)
        case .post(let sid):
            guard let session = sessions[sid] else { return handler.respond(error: .invalidSession(sid)) }
            let request = register(handler, in: session)
            execute(session.machine.receivePost(request, body: body.readableBytesView), for: session)
        case .options:
            handler.respond(status: .ok, contentType: "text/plain", body: "OK")
        case .webSocket(let sid):
            // Only reached when the upgrader refused the request.
            if let sid {
                handler.respond(error: sessions[sid] == nil ? .invalidSession(sid) : .unexpectedRequest)
            } else {
                handler.respond(error: .invalidWebSocketUpgrade)
            }
        case .reject(let error):
            handler.respond(error: error)
        }
    }

    /// A POST body over maxPayload: 413, and the session (if any) ends.
    func handleOversizedPost(sid: String?, from handler: HTTPHandler) {
        guard let sid, let session = sessions[sid] else { return handler.respond(error: .payloadTooLarge) }
        let request = register(handler, in: session)
        execute(session.machine.receiveOversizedPost(request), for: session)
    }

    /// The connection of a request that waits for an answer closed.
    func requestClosed(sid: String, request: ConnectionID) {
        guard let session = sessions[sid], session.requests.removeValue(forKey: request) != nil else { return }
        execute(session.machine.pollClosed(request), for: session)
    }

    private func register(_ handler: HTTPHandler, in session: Session) -> ConnectionID {
        let request = makeConnectionID()
        session.requests[request] = handler
        handler.awaitAnswer(sid: session.machine.sid, request: request)
        return request
    }

    // MARK: WebSocket

    /// Whether a WebSocket upgrade for this route may go ahead (checked before the 101).
    func shouldUpgrade(sid: String?) -> Bool {
        guard !isShuttingDown else { return false }
        guard let sid else { return true }
        return sessions[sid]?.machine.canAcceptProbe ?? false
    }

    /// A WebSocket finished its handshake: a new session (no sid) or a probe of an existing one.
    func webSocketOpened(_ handler: WebSocketHandler, sid: String?, endpoint: EngineIOEndpoint) {
        let socket = makeConnectionID()
        guard let sid else {
            guard !isShuttingDown else { return handler.close(code: 1001) }
            let session = openSession(transport: .webSocket(socket), endpoint: endpoint, handler: handler)
            handler.attach(sid: session.machine.sid, id: socket)
            return
        }
        guard let session = sessions[sid] else { return handler.close(code: 1008) }
        session.webSockets[socket] = handler
        handler.attach(sid: sid, id: socket)
        execute(session.machine.openProbe(socket), for: session)
    }

    /// A packet arrived on a WebSocket.
    func webSocketReceived(_ packet: EngineIOPacket, sid: String, socket: ConnectionID) {
        guard let session = sessions[sid] else { return }
        execute(session.machine.receiveFrame(socket, packet), for: session)
    }

    /// A WebSocket message that is not an Engine.IO packet.
    func webSocketReceivedInvalid(sid: String, socket: ConnectionID) {
        guard let session = sessions[sid] else { return }
        execute(session.machine.receiveInvalidFrame(socket), for: session)
    }

    /// A WebSocket closed.
    func webSocketClosed(sid: String, socket: ConnectionID) {
        guard let session = sessions[sid], session.webSockets.removeValue(forKey: socket) != nil else { return }
        execute(session.machine.webSocketClosed(socket), for: session)
    }

    // MARK: Sessions

    private func openSession(transport: EngineIOServerSession.Transport, endpoint: EngineIOEndpoint,
                             handler: WebSocketHandler? = nil) -> Session {
        let sid = makeIdentifier()
        let limits = SocketIOLimits(json: JSONLimits(maxDepth: 64, maxBytes: configuration.maxPayload))
        let session = Session(
            machine: EngineIOServerSession(sid: sid, transport: transport, configuration: configuration.session),
            endpoint: endpoint,
            socket: SocketIOServerSocket(namespaces: application.namespaces, limits: limits)
        )
        if case .webSocket(let socket) = transport, let handler { session.webSockets[socket] = handler }
        sessions[sid] = session
        execute(session.machine.open(), for: session)
        if endpoint == .socketIO, let timeout = configuration.connectTimeoutMilliseconds {
            session.connectTimer = schedule(after: timeout, for: session) { session in
                session.socket.hasJoinedAny ? [] : session.machine.close(.serverClose)
            }
        }
        return session
    }

    // MARK: Flushing

    /// Flushes `channel` once the current burst of events is handled, so that a broadcast costs
    /// one write system call per client, not one per message.
    func scheduleFlush(_ channel: Channel) {
        pendingFlushes[ObjectIdentifier(channel)] = channel
        guard !isFlushScheduled else { return }
        isFlushScheduled = true
        eventLoop.assumeIsolated().execute { [self] in
            isFlushScheduled = false
            let channels = pendingFlushes
            pendingFlushes = [:]
            for channel in channels.values {
                channel.flush()
            }
        }
    }

    // MARK: Shutdown

    /// Ends every session (held GETs get `1`, WebSockets close) and refuses new ones.
    func shutdown() {
        isShuttingDown = true
        for session in sessions.values {
            execute(session.machine.close(.serverClose), for: session)
        }
    }
}
