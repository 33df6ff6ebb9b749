/// Why an OpenChat server could not start.
public struct OpenChatServerError: Error, CustomStringConvertible, Sendable {
    private enum Base: Sendable {
        case bindFailed(host: String, port: Int, underlying: String)
        case invalidConfiguration(String)
    }

    private let base: Base

    static func bindFailed(host: String, port: Int, underlying: any Error) -> Self {
        Self(base: .bindFailed(host: host, port: port, underlying: String(describing: underlying)))
    }

    static func invalidConfiguration(_ problem: String) -> Self {
        Self(base: .invalidConfiguration(problem))
    }

    /// What went wrong and what to try.
    public var description: String {
        switch base {
        case .bindFailed(let host, let port, let underlying):
            "cannot listen on \(host):\(port) (\(underlying)); is another server using the port? Try another --port, or 0 for a free one"
        case .invalidConfiguration(let problem):
            "invalid server configuration: \(problem)"
        }
    }
}
