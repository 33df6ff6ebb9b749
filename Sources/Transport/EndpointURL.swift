import Foundation

/// The parts of an http(s)/ws(s) URL that the transports need.
public struct EndpointURL: Sendable, Equatable {
    /// Whether TLS is used (https, wss).
    public var isSecure: Bool
    /// Host name or IP literal (IPv6 without brackets).
    public var host: String
    /// The port, explicit or the scheme's default.
    public var port: Int
    /// Path and query as sent in the request line, e.g. `/socket.io/?EIO=4&transport=websocket`.
    public var requestTarget: String

    /// Parses an absolute URL with scheme http, https, ws or wss.
    public init(parsing text: String) throws(TransportError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw TransportError(.invalidURL("'\(text)' is not an absolute URL"))
        }
        switch scheme {
        case "http", "ws": isSecure = false
        case "https", "wss": isSecure = true
        default: throw TransportError(.invalidURL("'\(text)': scheme '\(scheme)' is not http, https, ws or wss"))
        }
        guard let host = components.host, !host.isEmpty else {
            throw TransportError(.invalidURL("'\(text)' has no host"))
        }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? (isSecure ? 443 : 80)
        guard (1...65535).contains(port) else { throw TransportError(.invalidURL("'\(text)': port \(port) out of range")) }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        requestTarget = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
    }

    /// The Host header value: the host, plus the port when it is not the scheme's default.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (isSecure ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// The same endpoint as an http(s) URL, which is what libcurl connects to.
    public var httpURL: String { "\(isSecure ? "https" : "http")://\(hostHeader)\(requestTarget)" }
}
