import Testing

import WebSocket

@Suite("SHA1")
struct SHA1Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// RFC 3174 §7.3 TEST1-TEST4, plus the empty string.
    @Test(arguments: [
        ("abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("a", 1_000_000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
        ("0123456701234567012345670123456701234567012345670123456701234567", 10, "dea356a2cddd90c7a7ecedc5ebb563934f460452"),
        ("", 1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("The quick brown fox jumps over the lazy dog", 1, "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
    ])
    func rfc3174Vectors(text: String, repeats: Int, digest: String) {
        let input = Array(repeating: Array(text.utf8), count: repeats).flatMap { $0 }
        #expect(Self.hex(SHA1.hash(input)) == digest)
    }

    /// Lengths around the padding boundaries: 55 is the longest one-block message, 56 spills into a
    /// second block, 64 is exactly one block of data (digests from Python's hashlib).
    @Test(arguments: [
        (1, "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"),
        (55, "c1c8bbdc22796e28c0e15163d20899b65621d65a"),
        (56, "c2db330f6083854c99d4b5bfb6e8f29f201be699"),
        (57, "f08f24908d682555111be7ff6f004e78283d989a"),
        (63, "03f09f5b158a7a8cdad920bddc29b81c18a551f5"),
        (64, "0098ba824b5c16427bd7a1122a5a442a25ec644d"),
        (65, "11655326c708d70319be2610e8a57d9a5b959d3b"),
        (119, "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56"),
        (120, "f34c1488385346a55709ba056ddd08280dd4c6d6"),
        (128, "ad5b3fdbcb526778c2839d2f151ea753995e26a0"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(Self.hex(SHA1.hash([UInt8](repeating: UInt8(ascii: "a"), count: length))) == digest)
    }

    @Test func hashesEveryByteValueAndNonArrayCollections() {
        #expect(Self.hex(SHA1.hash((0...255).map { UInt8($0) })) == "4916d6bdb7f78e6803698cab32d1586ea457dfc8")
        #expect(Self.hex(SHA1.hash("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }
}
