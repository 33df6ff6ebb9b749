import ArgumentParser
import Foundation
import OpenChatServer
import Signals

/// `openchat-server`: the Swift OpenChat server (Engine.IO v4 / Socket.IO v5, the reference
/// server's contract, the chat page at `/`).
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openchat-server",
        abstract: "Serve OpenChat (Socket.IO) and its chat page.",
        discussion: "Stops cleanly on SIGINT or SIGTERM."
    )

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to bind (0 picks a free one). Default: $PORT, else 8000.")
    var port: Int?

    @Option(name: .customLong("ping-interval"), help: "Seconds between the server's pings. Default: 25 (0.3 with --conformance).")
    var pingInterval: Double?

    @Option(name: .customLong("ping-timeout"), help: "Seconds the server waits for a pong. Default: 20 (0.2 with --conformance).")
    var pingTimeout: Double?

    @Option(name: .customLong("max-payload"), help: "Largest POST body or WebSocket message accepted, in bytes.")
    var maxPayload = 1_000_000

    @Option(name: .customLong("allowed-origin"),
            help: "An Origin to accept (repeatable; '*' for any). Default: none but the server's own, as python-socketio.")
    var allowedOrigins: [String] = []

    @Option(name: .customLong("connect-timeout"),
            help: "Seconds a new session may take to join a namespace before it is closed (Node's connectTimeout). Default: no limit, as python-socketio.")
    var connectTimeout: Double?

    @Flag(help: """
        Serve what the official Engine.IO v4 and Socket.IO v5 conformance suites expect instead of OpenChat: \
        an echo server on /engine.io/, the test application on /socket.io/, ping interval 0.3 s, ping timeout 0.2 s, \
        any origin, connect timeout 1 s (the other options still apply; port default 3000).
        """)
    var conformance = false

    func validate() throws {
        if let connectTimeout { guard connectTimeout > 0, connectTimeout <= 2_000_000 else { throw ValidationError("--connect-timeout must be a positive number of seconds") } }
        if let pingInterval { guard pingInterval > 0, pingInterval <= 2_000_000 else { throw ValidationError("--ping-interval must be a positive number of seconds") } }
        if let pingTimeout { guard pingTimeout > 0, pingTimeout <= 2_000_000 else { throw ValidationError("--ping-timeout must be a positive number of seconds") } }
        guard maxPayload >= 16 else { throw ValidationError("--max-payload must be at least 16 bytes") }
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be 0...65535") }
        if port == nil, let value = ProcessInfo.processInfo.environment["PORT"], !value.isEmpty {
            guard let number = Int(value), (0...65_535).contains(number) else { throw ValidationError("PORT must be 0...65535, not '\(value)'") }
        }
    }

    func run() async throws {
        let configuration = makeConfiguration()
        let server: RunningServer
        do {
            server = try await OpenChatServer.start(configuration: configuration)
        } catch {
            FileHandle.standardError.write(Data("openchat-server: \(error)\n".utf8))
            throw ExitCode(3)
        }
        // Catch the signals before the banner: a script may send one as soon as it sees it.
        SignalRouter.route([SIGINT, SIGTERM]) { _ in
            Task { await server.shutdown() }
        }
        // Unbuffered, so a script that waits for this line sees it at once.
        let banner = conformance ? "Conformance server (Engine.IO echo on /engine.io/, Socket.IO test application on /socket.io/) on"
                                 : "OpenChat Swift server on"
        FileHandle.standardOutput.write(Data("\(banner) \(server.url)\n".utf8))
        await server.waitUntilClosed()
    }

    /// The server's settings from the options; `--conformance` starts from the suites' setup and
    /// keeps any option given explicitly.
    func makeConfiguration() -> OpenChatServerConfiguration {
        let environmentPort = ProcessInfo.processInfo.environment["PORT"].flatMap { Int($0) }
        let chosenPort = port ?? environmentPort
        var configuration = conformance ? OpenChatServerConfiguration.conformance(host: host, port: chosenPort ?? 3000)
                                        : OpenChatServerConfiguration(host: host, port: chosenPort ?? 8000)
        if let pingInterval { configuration.pingIntervalMilliseconds = Int((pingInterval * 1000).rounded()) }
        if let pingTimeout { configuration.pingTimeoutMilliseconds = Int((pingTimeout * 1000).rounded()) }
        configuration.maxPayload = maxPayload
        configuration.maxBufferedBytes = max(64 << 20, maxPayload)
        if !allowedOrigins.isEmpty { configuration.allowedOrigins = allowedOrigins }
        if let connectTimeout { configuration.connectTimeoutMilliseconds = Int((connectTimeout * 1000).rounded()) }
        return configuration
    }
}
