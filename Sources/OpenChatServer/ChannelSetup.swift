import NIOCore
import NIOHTTP1
import NIOWebSocket

/// The pipeline of an accepted connection: HTTP/1.1 with bounded heads, the Engine.IO WebSocket
/// upgrade, and the OpenChat HTTP handler.
enum ChannelSetup {
    /// Configures `channel`; runs on its event loop, which is the hub's.
    static func configure(_ channel: Channel, hub boundHub: NIOLoopBound<ServerHub>) throws {
        let hub = boundHub.value
        let configuration = hub.configuration
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: configuration.maxPayload,
            automaticErrorHandling: true,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeSucceededFuture(shouldUpgrade(head, hub: boundHub.value) ? HTTPHeaders() : nil)
            },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    let target = RequestTarget(uri: head.uri)
                    let endpoint = configuration.endpoint(forPath: target.path) ?? .socketIO
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16,
                        maxAccumulatedFrameSize: configuration.maxPayload))
                    try pipeline.addHandler(WebSocketHandler(hub: boundHub.value, sid: target.query["sid"], endpoint: endpoint))
                }
            }
        )
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = configuration.maxHeaderBytes
        limits.maxHeaderListSize = configuration.maxHeaderBytes
        limits.maxHeaderFieldCount = 256
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withPipeliningAssistance: true,
            withServerUpgrade: (upgraders: [upgrader], completionHandler: { context in
                context.pipeline.removeHandler(name: HTTPHandler.name, promise: nil)
            }),
            withErrorHandling: true,
            withOutboundHeaderValidation: true,
            withEncoderConfiguration: HTTPResponseEncoder.Configuration(),
            withDecoderLimitConfiguration: limits
        )
        try channel.pipeline.syncOperations.addHandler(HTTPHandler(hub: hub), name: HTTPHandler.name)
    }

    /// Whether a WebSocket request may be upgraded: the Engine.IO path, `EIO=4` (or a sid),
    /// `transport=websocket`, an accepted origin, and a sid (if any) that can take a probe.
    /// Refused requests go on to the HTTP handler, which answers python's 400.
    static func shouldUpgrade(_ head: HTTPRequestHead, hub: ServerHub) -> Bool {
        let target = RequestTarget(uri: head.uri)
        guard hub.configuration.endpoint(forPath: target.path) != nil, head.method == .GET else { return false }
        guard OriginPolicy.allows(origin: head.headers.first(name: "origin"), host: head.headers.first(name: "host"),
                                  allowed: hub.configuration.allowedOrigins) else { return false }
        guard case .webSocket(let sid) = EngineIORoute(method: "GET", query: target.query, isWebSocketUpgrade: true,
                                                       isVersionRepeated: target.repeatedNames.contains("EIO")) else { return false }
        return hub.shouldUpgrade(sid: sid)
    }
}
