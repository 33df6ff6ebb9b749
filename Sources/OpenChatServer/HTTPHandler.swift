import NIOCore
import NIOHTTP1

/// The HTTP side of one connection: reads each request with bounded bodies, serves the chat page
/// at `/`, hands Engine.IO requests to the hub and writes the answers the hub gives, possibly
/// much later (a held GET). Requests on one connection are answered in order (NIO's pipelining
/// handler holds the next one back until this one is answered).
final class HTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The pipeline name, so the WebSocket upgrade can remove the handler.
    static let name = "openchat-http"

    private enum State {
        case idle
        /// Reading a request (its Engine.IO body, if any, collects in `body`).
        case reading(HTTPRequestHead, RequestTarget)
        /// The body went over the limit: the answer is out, the rest is dropped.
        case discarding
        /// The request was handed on and waits for its answer.
        case answering(HTTPRequestHead)
    }

    private let hub: ServerHub
    private var state = State.idle
    /// The body of the request being read; kept only for the Engine.IO path.
    private var body: ByteBuffer?
    private var context: ChannelHandlerContext?
    /// The session request the hub will answer, for telling it when the connection closes.
    private var awaited: (sid: String, request: ConnectionID)?

    init(hub: ServerHub) {
        self.hub = hub
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            let target = RequestTarget(uri: head.uri)
            let isEngineIO = hub.configuration.endpoint(forPath: target.path) != nil
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > hub.configuration.maxPayload {
                rejectOversized(head: head, target: target, isEngineIO: isEngineIO)
                return
            }
            state = .reading(head, target)
            body = isEngineIO ? context.channel.allocator.buffer(capacity: 0) : nil
        case .body(var chunk):
            guard case .reading(let head, let target) = state, body != nil else { return }
            guard body!.readableBytes + chunk.readableBytes <= hub.configuration.maxPayload else {
                body = nil
                rejectOversized(head: head, target: target, isEngineIO: true)
                return
            }
            body!.writeBuffer(&chunk)
        case .end:
            switch state {
            case .reading(let head, let target):
                state = .answering(head)
                let collected = body ?? context.channel.allocator.buffer(capacity: 0)
                body = nil
                dispatch(head: head, target: target, body: collected)
            case .discarding:
                state = .idle
            case .idle, .answering:
                break
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let awaited {
            self.awaited = nil
            hub.requestClosed(sid: awaited.sid, request: awaited.request)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A request that does not parse (NIO's protocol error handler has answered 400 already):
        // the connection cannot go on. A refused WebSocket upgrade also reports an error, but its
        // request comes on to `channelRead` and gets python's answer.
        if error is HTTPParserError { context.close(promise: nil) }
    }

    /// Routes a whole request.
    private func dispatch(head: HTTPRequestHead, target: RequestTarget, body: ByteBuffer) {
        guard let endpoint = hub.configuration.endpoint(forPath: target.path) else {
            if (head.method == .GET || head.method == .HEAD) && (target.path == "/" || target.path == "/index.html") {
                respond(status: .ok, contentType: "text/html; charset=utf-8", body: ChatPage.html)
            } else {
                respond(status: .notFound, contentType: "text/plain", body: "Not Found")
            }
            return
        }
        let origin = head.headers.first(name: "origin")
        guard OriginPolicy.allows(origin: origin, host: head.headers.first(name: "host"), allowed: hub.configuration.allowedOrigins) else {
            respond(error: .notAnAcceptedOrigin)
            return
        }
        let isUpgrade = head.headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" }
        let route = EngineIORoute(method: head.method.rawValue, query: target.query, isWebSocketUpgrade: isUpgrade,
                                  isVersionRepeated: target.repeatedNames.contains("EIO"))
        hub.handle(route: route, endpoint: endpoint, body: body, from: self)
    }

    /// Answers 413 and closes the connection; an Engine.IO POST also ends its session.
    private func rejectOversized(head: HTTPRequestHead, target: RequestTarget, isEngineIO: Bool) {
        state = .answering(head)
        if isEngineIO && head.method == .POST {
            hub.handleOversizedPost(sid: target.query["sid"], from: self)
        } else {
            respond(error: .payloadTooLarge)
        }
        state = .discarding
        // The rest of the body is not read: close once the answer is out.
        context?.flush()
        context?.close(promise: nil)
    }

    /// Records the session request this connection now waits on.
    func awaitAnswer(sid: String, request: ConnectionID) {
        awaited = (sid, request)
    }

    /// Answers with an Engine.IO error.
    func respond(error: EngineIORequestError) {
        respond(status: HTTPResponseStatus(statusCode: error.status), contentType: "text/plain", body: error.body)
    }

    /// Answers with a text body.
    func respond(status: HTTPResponseStatus, contentType: String, body: String) {
        respond(status: status, contentType: contentType, body: Array(body.utf8))
    }

    /// Writes the answer to the current request (flushed with the hub's next flush).
    func respond(status: HTTPResponseStatus, contentType: String, body: [UInt8]) {
        awaited = nil
        guard let context else { return }
        let head: HTTPRequestHead
        switch state {
        case .answering(let requestHead): head = requestHead
        case .discarding, .idle, .reading: return
        }
        state = .idle
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.count))
        if let origin = head.headers.first(name: "origin"),
           OriginPolicy.allows(origin: origin, host: head.headers.first(name: "host"), allowed: hub.configuration.allowedOrigins) {
            headers.add(name: "Access-Control-Allow-Origin", value: origin)
        }
        // python-engineio sends this on every answer (cors_credentials defaults to true).
        headers.add(name: "Access-Control-Allow-Credentials", value: "true")
        let keepAlive = head.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        if keepAlive {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            hub.scheduleFlush(context.channel)
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }
}
