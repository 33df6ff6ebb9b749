import Foundation

/// Why a transport operation failed: connection, TLS, HTTP, WebSocket or system errors.
public struct TransportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kinds of transport failure.
    public enum Kind: Equatable, Sendable {
        /// A system call failed.
        case system(call: String, errno: Int32)
        /// libcurl reported an error (connect refused, DNS, TLS, timeout...).
        case curl(code: Int32, message: String)
        /// The response body exceeded the configured limit.
        case responseTooLarge(limit: Int)
        /// The URL could not be used.
        case invalidURL(String)
        /// The WebSocket opening handshake failed.
        case webSocketHandshake(String)
        /// The operation did not finish in time.
        case timeout(String)
        /// The connection was closed before the operation finished.
        case closed
    }

    /// What went wrong.
    public var kind: Kind

    /// Creates an error of `kind`.
    public init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .system(let call, let errno): return "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
        case .curl(let code, let message): return "\(message) (libcurl error \(code))"
        case .responseTooLarge(let limit): return "response body larger than the limit of \(limit) bytes"
        case .invalidURL(let text): return "invalid URL: \(text)"
        case .webSocketHandshake(let text): return "WebSocket handshake failed: \(text)"
        case .timeout(let what): return "timed out: \(what)"
        case .closed: return "connection closed"
        }
    }
}
