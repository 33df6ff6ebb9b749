import EngineIO
import Testing
import TestSupport


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
