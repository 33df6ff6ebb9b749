/// The body of an Engine.IO v4 polling request: packets joined with the record separator 0x1E,
/// binary messages as `b<base64>` (PROTOCOL.md §1, "Polling payload").
public enum EngineIOPollingPayload {
    /// The record separator between packets.
    public static let separator: UInt8 = 0x1E

    /// Decodes a whole GET (or POST) body.
    ///
    /// An empty body decodes to no packets; the caller decides what that means (an empty 200
    /// from python means the session is gone).
    /// - Parameter maxPackets: the most packets accepted; the server-to-client direction has no
    ///   protocol cap, so the default is generous.
    /// - Throws: `.tooManyPackets`, or the first bad packet's error with its `packetIndex`.
    public static func decode(_ body: some Collection<UInt8>, maxPackets: Int = 10_000) throws(EngineIOError) -> [EngineIOPacket] {
        let result = body.withContiguousStorageIfAvailable { bytes in
            Result { () throws(EngineIOError) in try decode(bytes, maxPackets: maxPackets) }
        }
        if let result { return try result.get() }
        return try Array(body).withUnsafeBufferPointer { bytes in
            Result { () throws(EngineIOError) in try decode(bytes, maxPackets: maxPackets) }
        }.get()
    }

    private static func decode(_ body: UnsafeBufferPointer<UInt8>, maxPackets: Int) throws(EngineIOError) -> [EngineIOPacket] {
        guard !body.isEmpty else { return [] }
        var count = 1
        for byte in body where byte == separator {
            count += 1
        }
        guard count <= maxPackets else { throw .tooManyPackets(limit: maxPackets) }

        var packets: [EngineIOPacket] = []
        packets.reserveCapacity(count)
        for (index, segment) in body.split(separator: separator, omittingEmptySubsequences: false).enumerated() {
            guard let first = segment.first else { throw .emptyPacket(index: index) }
            if first == UInt8(ascii: "b") {
                guard let bytes = Base64.decode(segment.dropFirst()) else { throw .invalidBase64(index: index) }
                packets.append(.binaryMessage(bytes))
                continue
            }
            // The standard library validates strictly (no overlongs, surrogates or values past U+10FFFF).
            guard let text = String(validating: UnsafeBufferPointer(rebasing: segment), as: UTF8.self) else {
                throw .invalidUTF8(index: index)
            }
            do {
                packets.append(try EngineIOPacket(text: Substring(text)))
            } catch {
                throw error.inPacket(index)
            }
        }
        return packets
    }

    /// Encodes packets as one body: text packets as `<digit><data>`, binary messages as
    /// `b<base64>`, joined with 0x1E.
    public static func encode(_ packets: [EngineIOPacket]) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(packets.reduce(packets.count) { $0 + $1.pollingByteCount })
        for (i, packet) in packets.enumerated() {
            if i > 0 { body.append(separator) }
            if case .binaryMessage(let bytes) = packet {
                body.append(UInt8(ascii: "b"))
                Base64.encode(bytes, into: &body)
            } else if let text = packet.textEncoding {
                body.append(contentsOf: text.utf8)
            }
        }
        return body
    }

    /// Splits a send queue, in order, into POST bodies of at most `maxPackets` packets and at
    /// most `maxBytes` encoded bytes each.
    ///
    /// Bytes are counted like engine.io-client: data bytes plus one per type digit and one per
    /// separator, with a binary message counted as `b` plus its base64 (its exact size in the
    /// body). python silently drops a POST of more than 16 packets, hence the default. A single
    /// packet larger than `maxBytes` goes alone in its own batch: the server will reject it and
    /// the caller reports that.
    public static func batches(_ packets: [EngineIOPacket], maxPackets: Int = 16, maxBytes: Int) -> [[EngineIOPacket]] {
        let maxPackets = max(maxPackets, 1)
        var batches: [[EngineIOPacket]] = []
        var current: [EngineIOPacket] = []
        var currentBytes = 0
        for packet in packets {
            let size = packet.pollingByteCount
            if !current.isEmpty && (current.count == maxPackets || currentBytes + 1 + size > maxBytes) {
                batches.append(current)
                current = []
                currentBytes = 0
            }
            currentBytes += current.isEmpty ? size : 1 + size
            current.append(packet)
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
