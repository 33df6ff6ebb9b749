import Foundation
import Testing

/// The real servers the interop tests talk to, started by `scripts/servers.sh` (see README).
/// Outside CI a missing server skips its tests; under CI (CI=true) it is a failure, so the
/// interop tests can never pass by not running.
enum TestServers {
    /// The reference Flask + python-socketio + eventlet server, default settings.
    static var reference: String? { url("OPENCHAT_REF_URL") }
    /// The reference server with a 1 s ping interval and 1 s ping timeout.
    static var referenceFastPing: String? { url("OPENCHAT_REF_FASTPING_URL") }
    /// python-socketio's AsyncServer under uvicorn (ASGI), with echo/ack/namespace handlers.
    static var asgi: String? { url("OPENCHAT_ASGI_URL") }

    /// The same ASGI server over TLS (https/wss) with a throwaway CA.
    static var asgiTLS: String? { url("OPENCHAT_ASGI_TLS_URL") }
    /// The PEM file of that throwaway CA.
    static var tlsCA: String? { url("OPENCHAT_TLS_CA") }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }

    private static func url(_ name: String) -> String? {
        let value = ProcessInfo.processInfo.environment[name]
        return (value?.isEmpty ?? true) ? nil : value
    }

    /// The URL, or nil after recording a failure under CI.
    static func require(_ url: String?, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let url { return url }
        if isCI { Issue.record("\(name) is not set: start the servers with scripts/servers.sh", sourceLocation: sourceLocation) }
        return nil
    }
}
