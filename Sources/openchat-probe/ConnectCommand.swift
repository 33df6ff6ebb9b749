import ArgumentParser
import EngineIO
import Foundation
import JSON
import SocketIOClient
import Transport

extension EngineIOTransportMode: ExpressibleByArgument {}

/// Options shared by commands that open connections.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "Transport: polling, websocket or polling-then-upgrade.")
    var transport: EngineIOTransportMode = .pollingThenUpgrade

    @Option(name: .long, help: "The Engine.IO path.")
    var path: String = "/socket.io/"

    @Option(name: [.customShort("H"), .long], help: "Extra header 'Name: value' (repeatable), e.g. Authorization or Cookie.")
    var header: [String] = []

    @Option(name: .long, help: "Extra query parameter 'name=value' (repeatable).")
    var query: [String] = []

    @Option(name: .long, help: "PEM file of CA certificates to trust for https/wss.")
    var cacert: String?

    @Flag(name: .long, help: "Do not verify TLS certificates (throwaway test servers only).")
    var insecure = false

    @Option(name: .long, help: "Connect timeout in milliseconds.")
    var connectTimeout: Int = 10_000

    func validate() throws {
        for item in header where !item.contains(":") {
            throw ValidationError("--header '\(item)': expected 'Name: value'")
        }
        for item in query where !item.contains("=") {
            throw ValidationError("--query '\(item)': expected 'name=value'")
        }
        guard path.hasPrefix("/") else { throw ValidationError("--path '\(path)': must start with '/'") }
        guard connectTimeout > 0 else { throw ValidationError("--connect-timeout must be positive, got \(connectTimeout)") }
    }

    func engineOptions(url: String) -> EngineIOClientOptions {
        let headers = header.map { item -> (String, String) in
            let parts = item.split(separator: ":", maxSplits: 1)
            return (String(parts[0]).trimmingCharacters(in: .whitespaces), parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "")
        }
        let queryPairs = query.map { item -> (String, String) in
            let parts = item.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        return EngineIOClientOptions(
            url: url, path: path.hasSuffix("/") ? path : path + "/", transport: transport, query: queryPairs, headers: headers,
            tls: TLSOptions(caFile: cacert, verifyPeer: !insecure), connectTimeoutMilliseconds: connectTimeout)
    }
}

/// `openchat-probe connect URL`: one connection, its handshake and timings, then a clean disconnect.
struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Connect once, print the handshake, the transport in use and the timings, then disconnect.",
        discussion: "Exit codes: 0 connected; 2 invalid usage; 3 unreachable, refused or failed (with the server's own error text)."
    )

    @Argument(help: "The server's URL, e.g. http://127.0.0.1:8000")
    var url: String

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "Socket.IO namespace to connect.")
    var namespace: String = "/"

    @Option(name: .long, help: "Auth payload for CONNECT, as a JSON object.")
    var auth: String?

    @Option(name: .long, help: "How long to wait for each step, in milliseconds.")
    var timeout: Int = 10_000

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        do {
            _ = try EndpointURL(parsing: url)
        } catch {
            throw ValidationError("URL '\(url)': \(error.description)")
        }
        guard namespace.hasPrefix("/") else { throw ValidationError("--namespace '\(namespace)': must start with '/'") }
        if let auth {
            do {
                guard case .object = try JSONValue(parsing: auth) else { throw ValidationError("--auth must be a JSON object") }
            } catch let error as JSONError {
                throw ValidationError("--auth is not valid JSON: \(error)")
            }
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive, got \(timeout)") }
    }

    func run() async throws {
        let runtime = try ClientRuntime(name: "openchat-connect")
        defer { runtime.shutdown() }
        let authValue = try auth.map { try JSONValue(parsing: $0) }
        let options = connection.engineOptions(url: url)
        let client = await AsyncSocketIOClient(runtime: runtime, options: options)
        var report = ConnectReport(url: url, path: options.path, requestedTransport: connection.transport.rawValue, namespace: namespace)

        do {
            let opened = try await client.next(timeoutMilliseconds: timeout, description: "Engine.IO open") {
                if case .engineOpened = $0 { return true }
                return false
            }
            if case .engineOpened(let handshake, let timings, _) = opened {
                report.handshake = handshake
                report.tcpConnectMilliseconds = timings.tcpConnectMilliseconds
                report.tlsMilliseconds = timings.tlsHandshakeMilliseconds
                report.openMilliseconds = timings.openMilliseconds
            }
            await client.connect(namespace: namespace, auth: authValue)
            let reply = try await client.next(timeoutMilliseconds: timeout, description: "Socket.IO CONNECT reply") {
                switch $0 {
                case .connected(let ns, _, _, _), .connectError(let ns, _, _, _): return ns == namespace
                default: return false
                }
            }
            switch reply {
            case .connected(_, let socketID, let milliseconds, _):
                report.socketID = socketID
                report.connectMilliseconds = milliseconds
            case .connectError(_, let message, let data, _):
                throw CommandFailure(status: .unreachable, message: "namespace \(namespace) refused the connection: \(message)\(data.map { " \($0.serialized)" } ?? "")")
            default:
                break
            }
            if connection.transport == .pollingThenUpgrade, report.handshake?.upgrades.contains("websocket") == true {
                let outcome = try await client.seen(timeoutMilliseconds: timeout, description: "upgrade") {
                    switch $0 {
                    case .upgraded, .upgradeFailed: return true
                    default: return false
                    }
                }
                switch outcome {
                case .upgraded(let milliseconds, _): report.upgradeMilliseconds = milliseconds
                case .upgradeFailed(let reason): report.upgradeFailure = reason
                default: break
                }
            }
            // Collect what the server pushes right after connecting (OpenChat sends `usernames`).
            while (try? await client.next(timeoutMilliseconds: 300, description: "event", where: { _ in true })) != nil {}
            for event in client.history {
                if case .event(let ns, let name, let arguments, _, _) = event {
                    report.events.append("\(ns == "/" ? "" : ns + " ")\(name) \(JSONValue.array(arguments).serialized.prefix(200))")
                }
            }
            report.transportInUse = await client.activeTransport().rawValue
            await client.close(timeoutMilliseconds: timeout)
            report.closed = "clean disconnect"
        } catch let error as SocketIOWaitError {
            var message = "\(url): \(error.description)"
            if case .handshakeFailed(let detail)? = error.closedReason { message = "\(url): \(detail)" }
            throw CommandFailure(status: .unreachable, message: message)
        }
        print(json ? report.json : report.text)
    }
}
