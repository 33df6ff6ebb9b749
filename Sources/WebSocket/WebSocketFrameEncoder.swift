/// Encodes client-to-server frames: always masked, with the minimal length encoding (RFC 6455 §5.2, §5.3).
public enum WebSocketFrameEncoder {
    /// The frame's bytes, payload masked with `maskingKey`; take a fresh random key per frame (RFC 6455 §5.3).
    public static func encode(
        opcode: WebSocketOpcode,
        payload: some Collection<UInt8>,
        fin: Bool = true,
        maskingKey: (UInt8, UInt8, UInt8, UInt8)
    ) -> [UInt8] {
        let count = payload.count
        let lengthFieldSize = count <= 125 ? 0 : count <= 0xFFFF ? 2 : 8
        let headerSize = 2 + lengthFieldSize + 4
        return [UInt8](unsafeUninitializedCapacity: headerSize + count) { output, initializedCount in
            output[0] = (fin ? 0x80 : 0) | opcode.rawValue
            switch lengthFieldSize {
            case 0:
                output[1] = 0x80 | UInt8(count)
            case 2:
                output[1] = 0x80 | 126
                output[2] = UInt8(truncatingIfNeeded: count >> 8)
                output[3] = UInt8(truncatingIfNeeded: count)
            default:
                output[1] = 0x80 | 127
                for index in 0..<8 {
                    output[2 + index] = UInt8(truncatingIfNeeded: UInt64(count) >> UInt64(8 * (7 - index)))
                }
            }
            let keyOffset = 2 + lengthFieldSize
            (output[keyOffset], output[keyOffset + 1], output[keyOffset + 2], output[keyOffset + 3]) = maskingKey

            let body = UnsafeMutableBufferPointer(rebasing: output[headerSize...])
            let copied: Int? = payload.withContiguousStorageIfAvailable { body.initialize(fromContentsOf: $0) }
            if copied == nil {
                var index = 0
                for byte in payload where index < count {
                    body[index] = byte
                    index += 1
                }
                // A collection whose iteration yields fewer than `count` bytes: pad rather than leave garbage.
                while index < count {
                    body[index] = 0
                    index += 1
                }
            }
            WebSocketMask.apply(maskingKey, to: UnsafeMutableRawBufferPointer(body))
            initializedCount = headerSize + count
        }
    }
}

/// The XOR masking of RFC 6455 §5.3, eight bytes at a time.
enum WebSocketMask {
    /// Masks (or unmasks, it is an involution) `buffer` in place; byte i is XORed with key[i % 4].
    static func apply(_ key: (UInt8, UInt8, UInt8, UInt8), to buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        var keyWord: UInt64 = 0
        withUnsafeMutableBytes(of: &keyWord) { word in
            for half in stride(from: 0, to: 8, by: 4) {
                (word[half], word[half + 1], word[half + 2], word[half + 3]) = key
            }
        }
        let count = buffer.count
        var index = 0
        while index + 8 <= count {
            let value = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            base.storeBytes(of: value ^ keyWord, toByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count {
            let keyByte: UInt8 =
                switch index & 3 {
                case 0: key.0
                case 1: key.1
                case 2: key.2
                default: key.3
                }
            buffer[index] ^= keyByte
            index += 1
        }
    }
}
