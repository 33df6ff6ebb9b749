import JSON

/// Bounds that the Socket.IO decoder enforces on untrusted input.
public struct SocketIOLimits: Sendable, Hashable {
    /// The most attachments one packet may announce; Node's decoder allows 10.
    public var maxAttachments: Int
    /// The longest namespace accepted, in bytes.
    public var maxNamespaceLength: Int
    /// Limits for the JSON payload.
    public var json: JSONLimits

    /// Creates limits; the defaults are 10 attachments, 256-byte namespaces and `JSONLimits()`.
    public init(maxAttachments: Int = 10, maxNamespaceLength: Int = 256, json: JSONLimits = .init()) {
        self.maxAttachments = maxAttachments
        self.maxNamespaceLength = maxNamespaceLength
        self.json = json
    }
}
