/// Standard base64 (RFC 4648 §4), as python's `b64encode` and Node's `Buffer` write it for
/// binary packets in polling payloads.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 0-63 for alphabet bytes, 0xFF otherwise.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(i) }
        return table
    }()

    /// The length of the padded encoding of `count` bytes.
    static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        output.reserveCapacity(output.count + encodedCount(bytes.count))
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            output.append(alphabet[Int(n >> 18 & 63)])
            output.append(alphabet[Int(n >> 12 & 63)])
            output.append(alphabet[Int(n >> 6 & 63)])
            output.append(alphabet[Int(n & 63)])
            i += 3
        }
        switch bytes.count - i {
        case 1:
            let n = UInt32(bytes[i]) << 16
            output.append(alphabet[Int(n >> 18 & 63)])
            output.append(alphabet[Int(n >> 12 & 63)])
            output.append(contentsOf: "==".utf8)
        case 2:
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            output.append(alphabet[Int(n >> 18 & 63)])
            output.append(alphabet[Int(n >> 12 & 63)])
            output.append(alphabet[Int(n >> 6 & 63)])
            output.append(UInt8(ascii: "="))
        default:
            break
        }
    }

    /// Decodes padded or unpadded base64; `nil` for bytes outside the alphabet, misplaced
    /// padding or a length that no encoding has. Like python's `b64decode` and Node's `Buffer`,
    /// it ignores stray bits after the last byte (`AR==` is 01).
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var body = Array(text)
        var padding = 0
        while body.last == UInt8(ascii: "="), padding < 2 {
            body.removeLast()
            padding += 1
        }
        let remainder = body.count % 4
        guard remainder != 1 else { return nil }
        if padding > 0 && (body.count + padding) % 4 != 0 { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(body.count / 4 * 3 + 2)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in body {
            let value = values[Int(byte)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return output
    }
}
