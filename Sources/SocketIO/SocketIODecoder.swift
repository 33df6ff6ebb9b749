import JSON

/// Decodes Socket.IO v5 packets (PROTOCOL.md §2) and reassembles binary packets from the
/// attachments that follow them.
///
/// Feed it the data of each Engine.IO message in order: text with `decode(text:)`, binary with
/// `decode(attachment:)`. Validation follows Node's decoder. Stricter than Node: EVENT, ACK and
/// CONNECT_ERROR must carry a payload, the attachment count must have digits, and placeholder
/// numbers must be integers. Like Node, reserved event names (`"connect"`, …) are not rejected.
public struct SocketIODecoder: Sendable {
    /// The limits applied to every packet.
    public var limits: SocketIOLimits

    private struct Pending: Sendable {
        var packet: SocketIOPacket
        var expected: Int
        var attachments: [[UInt8]]
    }

    private var pending: Pending?

    /// Creates a decoder.
    public init(limits: SocketIOLimits = .init()) {
        self.limits = limits
    }

    /// Whether a binary packet is waiting for attachments; the next Engine.IO message must be
    /// binary.
    public var isAwaitingAttachments: Bool { pending != nil }

    /// Drops a partially received binary packet.
    public mutating func reset() {
        pending = nil
    }

    /// Decodes the text of one Engine.IO message.
    ///
    /// A BINARY_EVENT or BINARY_ACK with attachments returns `nil` and waits for them; the packet
    /// comes out of `decode(attachment:)` as an EVENT or ACK, like Node's decoder reports it.
    /// - Throws: `SocketIOError`; after an error no partial packet is kept.
    public mutating func decode(text: Substring) throws(SocketIOError) -> SocketIOPacket? {
        if let pending {
            self.pending = nil
            throw .unexpectedText(missing: pending.expected - pending.attachments.count)
        }
        var text = text
        let limits = self.limits
        let (packet, attachmentCount) = try text.withUTF8 { bytes in
            Result { () throws(SocketIOError) in try Self.parse(bytes, limits: limits) }
        }.get()
        guard packet.type.isBinary else { return packet }
        if let data = packet.data {
            try BinaryPlaceholders.validate(data, count: attachmentCount)
        }
        if attachmentCount == 0 { return Self.complete(packet, attachments: []) }
        pending = Pending(packet: packet, expected: attachmentCount, attachments: [])
        return nil
    }

    /// Decodes the text of one Engine.IO message; see the `Substring` overload.
    public mutating func decode(text: String) throws(SocketIOError) -> SocketIOPacket? {
        try decode(text: Substring(text))
    }

    /// Takes the next attachment of the waiting binary packet; returns the packet, with its
    /// placeholders replaced by `.binary` values, once the last attachment arrived.
    /// - Throws: `.unexpectedAttachment` if no packet is waiting.
    public mutating func decode(attachment: [UInt8]) throws(SocketIOError) -> SocketIOPacket? {
        guard var pending else { throw .unexpectedAttachment }
        pending.attachments.append(attachment)
        guard pending.attachments.count == pending.expected else {
            self.pending = pending
            return nil
        }
        self.pending = nil
        return Self.complete(pending.packet, attachments: pending.attachments)
    }

    /// Puts the attachments in place and reports the packet as EVENT or ACK.
    private static func complete(_ packet: SocketIOPacket, attachments: [[UInt8]]) -> SocketIOPacket {
        var packet = packet
        packet.type = packet.type == .binaryEvent ? .event : .ack
        packet.data = packet.data.map { BinaryPlaceholders.reconstruct($0, attachments: attachments) }
        return packet
    }
}
