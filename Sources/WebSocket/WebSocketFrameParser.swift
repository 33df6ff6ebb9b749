/// Incremental parser of server-to-client frames (RFC 6455 §5.2); consumes nothing until a whole frame is buffered.
///
/// Header violations are reported as soon as the bytes that show them arrive (fail-fast), and
/// a length over `maxFrameSize` is rejected from the header alone, before any payload is buffered.
/// After an error the parser stays failed and rethrows it.
public struct WebSocketFrameParser: Sendable {
    /// The largest payload accepted in one frame; longer frames fail with 1009.
    public let maxFrameSize: Int

    private var buffer: [UInt8] = []
    /// Bytes before this index belong to frames already returned; they are dropped lazily in `compact()`.
    private var readIndex = 0
    private var failure: WebSocketError?

    /// Creates a parser that rejects frames with payloads over `maxFrameSize` bytes.
    public init(maxFrameSize: Int = 16 << 20) {
        self.maxFrameSize = max(0, maxFrameSize)
    }

    /// Bytes appended but not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// The allocated size of the internal buffer, for tests that check it stays bounded.
    var storageCapacity: Int { buffer.capacity }

    /// Appends bytes read from the socket.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes read from the socket.
    public mutating func append(_ bytes: [UInt8]) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Returns the next complete frame, `nil` if more bytes are needed, or throws if the server broke the protocol.
    public mutating func nextFrame() throws(WebSocketError) -> WebSocketFrame? {
        if let failure { throw failure }
        do throws(WebSocketError) {
            guard let header = try parseHeader() else { return nil }
            let start = readIndex + header.headerLength
            guard buffer.count - start >= header.payloadLength else { return nil }
            let end = start + header.payloadLength
            let frame = WebSocketFrame(fin: header.fin, opcode: header.opcode, payload: Array(buffer[start..<end]))
            readIndex = end
            return frame
        } catch {
            failure = error
            throw error
        }
    }

    /// The header of the frame being received and the part of its payload already buffered,
    /// so a text frame arriving in chops can be UTF-8 checked before it completes (Autobahn 6.4.3).
    func partialFrame() -> (header: Header, payloadPrefix: ArraySlice<UInt8>)? {
        guard failure == nil, let header = try? parseHeader() else { return nil }
        let start = readIndex + header.headerLength
        guard start <= buffer.count else { return (header, []) }
        let end = start + min(header.payloadLength, buffer.count - start)  // no overflow for huge lengths
        return (header, buffer[start..<end])
    }

    struct Header {
        var fin: Bool
        var opcode: WebSocketOpcode
        var headerLength: Int
        var payloadLength: Int
    }

    /// Parses the header at `readIndex`; `nil` if it is not all there yet.
    private func parseHeader() throws(WebSocketError) -> Header? {
        let available = buffer.count - readIndex
        guard available >= 1 else { return nil }
        // RFC 6455 §5.2: FIN, RSV1-3, opcode.
        let byte0 = buffer[readIndex]
        let fin = byte0 & 0x80 != 0
        let rsv = (byte0 >> 4) & 0x7
        guard rsv == 0 else { throw .reservedBitsSet(rsv) }
        guard let opcode = WebSocketOpcode(rawValue: byte0 & 0x0F) else { throw .reservedOpcode(byte0 & 0x0F) }
        // RFC 6455 §5.5: control frames are never fragmented.
        guard fin || !opcode.isControl else { throw .fragmentedControlFrame(opcode) }

        guard available >= 2 else { return nil }
        let byte1 = buffer[readIndex + 1]
        // RFC 6455 §5.1: a client closes the connection on a masked frame from the server.
        guard byte1 & 0x80 == 0 else { throw .maskedFrame }
        let length7 = byte1 & 0x7F
        guard length7 <= 125 || !opcode.isControl else { throw .controlFrameTooLong(opcode) }

        let headerLength: Int
        let length: UInt64
        switch length7 {
        case 126:
            guard available >= 4 else { return nil }
            headerLength = 4
            length = UInt64(buffer[readIndex + 2]) << 8 | UInt64(buffer[readIndex + 3])
        case 127:
            guard available >= 10 else { return nil }
            headerLength = 10
            var value: UInt64 = 0
            for offset in 2..<10 { value = value << 8 | UInt64(buffer[readIndex + offset]) }
            // RFC 6455 §5.2: "the most significant bit MUST be 0".
            guard value >> 63 == 0 else { throw .lengthTopBitSet }
            length = value
        default:
            headerLength = 2
            length = UInt64(length7)
        }
        guard length <= UInt64(maxFrameSize) else { throw .frameTooLarge(length: length, limit: maxFrameSize) }
        return Header(fin: fin, opcode: opcode, headerLength: headerLength, payloadLength: Int(length))
    }

    /// Drops consumed bytes once they are at least half the buffer, so each byte moves at most once
    /// on average, and releases a large buffer (after a big frame) once it has been fully consumed.
    private mutating func compact() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            if buffer.capacity > 1 << 20 {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            readIndex = 0
        } else if readIndex >= 4096, readIndex >= buffer.count - readIndex {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }
}
