import JSON

extension SocketIODecoder {
    /// Parses `<type>[<n>-][<nsp>,][<ackId>][<JSON>]` the way Node's `decodeString` does and
    /// checks the payload against the type; returns the packet and its attachment count.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: SocketIOLimits) throws(SocketIOError) -> (SocketIOPacket, Int) {
        guard let first = bytes.first else { throw .emptyPacket }
        guard first >= UInt8(ascii: "0"), let type = SocketIOPacketType(rawValue: first &- UInt8(ascii: "0")) else {
            throw .unknownPacketType(first)
        }
        var i = 1

        var attachmentCount = 0
        if type.isBinary {
            let start = i
            var isTooMany = false
            while i < bytes.count, let digit = digit(bytes[i]) {
                if !isTooMany {
                    attachmentCount = attachmentCount * 10 + digit
                    isTooMany = attachmentCount > limits.maxAttachments
                }
                i += 1
            }
            guard i > start, i < bytes.count, bytes[i] == UInt8(ascii: "-") else { throw .invalidAttachmentCount }
            guard !isTooMany else { throw .tooManyAttachments(limit: limits.maxAttachments) }
            i += 1
        }

        // The namespace runs from "/" to "," or the end: servers accept "40/ns" without a comma.
        var namespace = "/"
        if i < bytes.count, bytes[i] == UInt8(ascii: "/") {
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: ",") {
                i += 1
                guard i - start <= limits.maxNamespaceLength else { throw .namespaceTooLong(limit: limits.maxNamespaceLength) }
            }
            namespace = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            if i < bytes.count { i += 1 }
        }

        var ackID: Int?
        if i < bytes.count, digit(bytes[i]) != nil {
            var id = 0
            while i < bytes.count, let digit = digit(bytes[i]) {
                let (times10, overflow1) = id.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { throw .invalidAckID }
                id = sum
                i += 1
            }
            ackID = id
        }

        var data: JSONValue?
        if i < bytes.count {
            do {
                data = try JSONValue(parsing: UnsafeBufferPointer(rebasing: bytes[i...]), limits: limits.json)
            } catch {
                throw .invalidJSON(error)
            }
        }
        try validatePayload(data, for: type)
        return (SocketIOPacket(type: type, namespace: namespace, ackID: ackID, data: data), attachmentCount)
    }

    /// The payload rules of Node's `isPayloadValid` (PROTOCOL.md §2 table).
    private static func validatePayload(_ data: JSONValue?, for type: SocketIOPacketType) throws(SocketIOError) {
        switch type {
        case .connect:
            guard data == nil || data?.objectValue != nil else { throw .invalidPayload(type, "an object or absent") }
        case .disconnect:
            guard data == nil else { throw .invalidPayload(type, "absent") }
        case .event, .binaryEvent:
            guard case .array(let elements) = data, let name = elements.first, name.stringValue != nil || name.numberValue != nil else {
                throw .invalidPayload(type, "an array starting with a string or number event name")
            }
        case .ack, .binaryAck:
            guard data?.arrayValue != nil else { throw .invalidPayload(type, "an array") }
        case .connectError:
            guard data?.objectValue != nil || data?.stringValue != nil else { throw .invalidPayload(type, "an object or a string") }
        }
    }

    private static func digit(_ byte: UInt8) -> Int? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? Int(value) : nil
    }
}
