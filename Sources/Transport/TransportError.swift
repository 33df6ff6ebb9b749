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

    /// Whether the peer could not be reached at all (refused, DNS failure, connect timeout).
    public var isUnreachable: Bool {
        if case .curl(let code, _) = kind {
            // CURLE_COULDNT_RESOLVE_PROXY 5, COULDNT_RESOLVE_HOST 6, COULDNT_CONNECT 7, OPERATION_TIMEDOUT 28 (during connect)
            return code == 5 || code == 6 || code == 7
        }
        return false
    }

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
