import EngineIO
import Testing

/// SplitMix64: a small, seeded generator so failures repeat.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct EngineIORandomInputTests {
    private static let alphabet = Array("0123456789b=+/AQIDBA{}\":,probe".utf8) + [0x1E, 0x00, 0x80, 0xC3, 0xA9, 0xFF]

    /// Random bodies and handshakes: only checks that nothing traps, and that decoded payloads
    /// re-encode to something that decodes the same.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func randomInputNeverTraps(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<5_000 {
            let body = (0..<Int.random(in: 0...24, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }
            if let packets = try? EngineIOPollingPayload.decode(body) {
                #expect(try EngineIOPollingPayload.decode(EngineIOPollingPayload.encode(packets)) == packets)
            }
            _ = try? EngineIOHandshake(json: String(decoding: body, as: UTF8.self))
            _ = try? EngineIOPacket(text: Substring(String(decoding: body, as: UTF8.self)))
        }
    }
}
