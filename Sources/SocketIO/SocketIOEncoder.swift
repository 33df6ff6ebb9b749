import JSON

/// Encodes Socket.IO v5 packets (PROTOCOL.md §2) as `<type>[<n>-][<nsp>,][<ackId>][<JSON>]`.
public enum SocketIOEncoder {
    /// Encodes `packet` as the text of one Engine.IO message (without the `4` prefix) and the
    /// binary attachments that must follow it immediately, in order.
    ///
    /// In an EVENT or ACK, every `.binary` value becomes `{"_placeholder":true,"num":i}`,
    /// numbered depth-first, and the type becomes BINARY_EVENT or BINARY_ACK. A BINARY_EVENT or
    /// BINARY_ACK keeps its type even without binary values (`50-…`). Other types cannot carry
    /// attachments; a `.binary` in them serializes as a Node `Buffer` would.
    /// - Precondition: `ackID`, if set, is not negative.
    /// `style` chooses how strings are written (python's server escapes non-ASCII; JSON.stringify does not).
    public static func encode(_ packet: SocketIOPacket, style: JSONStyle = .javaScript) -> (text: String, attachments: [[UInt8]]) {
        var type = packet.type
        var data = packet.data
        var attachments: [[UInt8]] = []
        if let payload = data, type == .event || type == .ack || type.isBinary, payload.containsBinary {
            data = BinaryPlaceholders.deconstruct(payload, into: &attachments)
            if type == .event { type = .binaryEvent }
            if type == .ack { type = .binaryAck }
        }

        var output: [UInt8] = []
        output.reserveCapacity(packet.namespace.utf8.count + 32)
        output.append(UInt8(ascii: "0") + type.rawValue)
        if type.isBinary {
            output.append(contentsOf: String(attachments.count).utf8)
            output.append(UInt8(ascii: "-"))
        }
        if !packet.namespace.isEmpty && packet.namespace != "/" {
            output.append(contentsOf: packet.namespace.utf8)
            output.append(UInt8(ascii: ","))
        }
        if let ackID = packet.ackID {
            precondition(ackID >= 0, "Socket.IO ack ids are non-negative, got \(ackID)")
            output.append(contentsOf: String(ackID).utf8)
        }
        data?.serialize(into: &output, style: style)
        return (String(decoding: output, as: UTF8.self), attachments)
    }
}
