import ArgumentParser
import Foundation
import OpenChatServer

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

    @Option(name: .customLong("ping-interval"), help: "Seconds between the server's pings.")
    var pingInterval: Double = 25

    @Option(name: .customLong("ping-timeout"), help: "Seconds the server waits for a pong.")
    var pingTimeout: Double = 20

    @Option(name: .customLong("max-payload"), help: "Largest POST body or WebSocket message accepted, in bytes.")
    var maxPayload = 1_000_000

    @Option(name: .customLong("allowed-origin"),
            help: "An Origin to accept (repeatable; '*' for any). Default: none but the server's own, as python-socketio.")
    var allowedOrigins: [String] = []

    func validate() throws {
        guard pingInterval > 0, pingInterval <= 2_000_000 else { throw ValidationError("--ping-interval must be a positive number of seconds") }
        guard pingTimeout > 0, pingTimeout <= 2_000_000 else { throw ValidationError("--ping-timeout must be a positive number of seconds") }
        guard maxPayload >= 16 else { throw ValidationError("--max-payload must be at least 16 bytes") }
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be 0...65535") }
        if port == nil, let value = ProcessInfo.processInfo.environment["PORT"], !value.isEmpty {
            guard let number = Int(value), (0...65_535).contains(number) else { throw ValidationError("PORT must be 0...65535, not '\(value)'") }
        }
    }

    func run() async throws {
        let environmentPort = ProcessInfo.processInfo.environment["PORT"].flatMap { Int($0) }
        let configuration = OpenChatServerConfiguration(
            host: host, port: port ?? environmentPort ?? 8000,
            pingIntervalMilliseconds: Int((pingInterval * 1000).rounded()),
            pingTimeoutMilliseconds: Int((pingTimeout * 1000).rounded()),
            maxPayload: maxPayload,
            maxBufferedBytes: max(64 << 20, maxPayload),
            allowedOrigins: allowedOrigins.isEmpty ? nil : allowedOrigins
        )
        let server: RunningServer
        do {
            server = try await OpenChatServer.start(configuration: configuration)
        } catch {
            FileHandle.standardError.write(Data("openchat-server: \(error)\n".utf8))
            throw ExitCode(3)
        }
        // Catch the signals before the banner: a script may send one as soon as it sees it.
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Task { await server.shutdown() }
            }
            source.resume()
            return source
        }
        // Unbuffered, so a script that waits for this line sees it at once.
        FileHandle.standardOutput.write(Data("OpenChat Swift server on \(server.url)\n".utf8))
        await server.waitUntilClosed()
        signals.forEach { $0.cancel() }
    }
}
