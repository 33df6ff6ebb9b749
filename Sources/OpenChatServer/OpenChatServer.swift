import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Starts OpenChat servers: Engine.IO v4 (polling, WebSocket, upgrade) and Socket.IO v5 on
/// SwiftNIO, with the reference server's OpenChat contract and the chat page at `/`.
///
/// One event loop thread holds every connection and session, so the sessions and the application need
/// no locks.
///
/// ```swift
/// let server = try await OpenChatServer.start(configuration: .init(port: 0))
/// print(server.url)        // http://127.0.0.1:<port>/
/// await server.shutdown()
/// ```
public enum OpenChatServer {
    /// Binds `configuration.host:configuration.port` and starts serving.
    /// - Throws: ``OpenChatServerError`` when the address cannot be bound or the configuration is invalid.
    public static func start(configuration: OpenChatServerConfiguration = OpenChatServerConfiguration()) async throws -> RunningServer {
        try validate(configuration)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let hub = try await loop.submit {
            NIOLoopBound(ServerHub(eventLoop: loop, configuration: configuration), eventLoop: loop)
        }.get()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelOption(.writeBufferWaterMark, value: ChannelOptions.Types.WriteBufferWaterMark(
                low: configuration.maxBufferedBytes / 2, high: configuration.maxBufferedBytes))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try ChannelSetup.configure(channel, hub: hub)
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw OpenChatServerError.bindFailed(host: configuration.host, port: configuration.port, underlying: error)
        }
        let port = channel.localAddress?.port ?? configuration.port
        return RunningServer(host: configuration.host, port: port, channel: channel, group: group, hub: hub)
    }

    private static func validate(_ configuration: OpenChatServerConfiguration) throws {
        func check(_ isValid: Bool, _ problem: String) throws {
            if !isValid { throw OpenChatServerError.invalidConfiguration(problem) }
        }
        let maxInterval = Int(Int32.max)
        try check((0...65_535).contains(configuration.port), "port must be 0...65535, not \(configuration.port)")
        try check((1...maxInterval).contains(configuration.pingIntervalMilliseconds), "ping interval must be 1 ms to 24 days")
        try check((1...maxInterval).contains(configuration.pingTimeoutMilliseconds), "ping timeout must be 1 ms to 24 days")
        try check((1...maxInterval).contains(configuration.upgradeTimeoutMilliseconds), "upgrade timeout must be 1 ms to 24 days")
        try check((16...Int(UInt32.max)).contains(configuration.maxPayload), "max payload must be 16 bytes to 4 GiB")
        try check(configuration.maxHeaderBytes >= 1024, "max header size must be at least 1024 bytes")
        try check(configuration.maxBufferedBytes >= configuration.maxPayload, "max buffered bytes must be at least max payload")
    }
}

/// A server started by ``OpenChatServer/start(configuration:)``.
public final class RunningServer: Sendable {
    /// The bound address.
    public let host: String
    /// The bound port (the real one when started with port 0).
    public let port: Int
    private let channel: Channel
    private let group: MultiThreadedEventLoopGroup
    private let hub: NIOLoopBound<ServerHub>
    private let isShutDown = NIOLockedValueBox(false)

    init(host: String, port: Int, channel: Channel, group: MultiThreadedEventLoopGroup, hub: NIOLoopBound<ServerHub>) {
        self.host = host
        self.port = port
        self.channel = channel
        self.group = group
        self.hub = hub
    }

    /// `http://host:port/`, with IPv6 hosts in brackets.
    public var url: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)/"
    }

    /// The number of open Engine.IO sessions (for tests and diagnostics).
    public func sessionCount() async -> Int {
        let hub = self.hub
        return (try? await channel.eventLoop.submit { hub.value.sessions.count }.get()) ?? 0
    }

    /// Ends every session (a held GET gets `1`, WebSockets close), stops listening and stops the
    /// event loop. Safe to call more than once.
    public func shutdown() async {
        let isFirst = isShutDown.withLockedValue { isShutDown in
            defer { isShutDown = true }
            return !isShutDown
        }
        guard isFirst else { return await waitUntilClosed() }
        let hub = self.hub
        try? await channel.eventLoop.submit { hub.value.shutdown() }.get()
        // Let the close frames and last answers go out before the connections drop.
        try? await Task.sleep(for: .milliseconds(50))
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    /// Waits until the listening socket closes (after ``shutdown()``).
    public func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }
}
