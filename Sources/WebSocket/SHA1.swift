/// SHA-1 (RFC 3174), used only to compute Sec-WebSocket-Accept (RFC 6455 §4.2.2); not for security.
public enum SHA1 {
    /// The 20-byte digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        // RFC 3174 §4: append 0x80, zero-pad to 56 mod 64, then the bit length as 64-bit big-endian.
        var message = Array(bytes)
        let bitLength = UInt64(message.count) &* 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }

        var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            message.withUnsafeBytes { raw in
                for blockStart in stride(from: 0, to: raw.count, by: 64) {
                    // RFC 3174 §6.1 steps a-e.
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: blockStart + 4 * t, as: UInt32.self))
                    }
                    for t in 16..<80 {
                        w[t] = rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1)
                    }
                    var (a, b, c, d, e) = h
                    for t in 0..<80 {
                        let f: UInt32
                        let k: UInt32
                        switch t {
                        case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                        case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                        case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                        default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                        }
                        let temp = rotateLeft(a, 5) &+ f &+ e &+ w[t] &+ k
                        (e, d, c, b, a) = (d, c, rotateLeft(b, 30), a, temp)
                    }
                    h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
                }
            }
        }

        var digest: [UInt8] = []
        digest.reserveCapacity(20)
        for word in [h.0, h.1, h.2, h.3, h.4] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    private static func rotateLeft(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value << count | value >> (32 - count)
    }
}
