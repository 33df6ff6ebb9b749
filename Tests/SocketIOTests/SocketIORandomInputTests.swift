import SocketIO
import Testing
import TestSupport

@Suite struct SocketIORandomInputTests {
    private static let alphabet = Array(#"0123456-/,[]{}":_placeholdertruenum\ue9ns"#.utf8)
    private static let seeds = [
        #"51-["baz",{"_placeholder":true,"num":0}]"#, #"2/admin,13["x"]"#, #"4{"message":"nope"}"#, "0/ns,",
    ]

    /// Random and mutated packets and attachments: only checks that nothing traps.
    @Test(arguments: [31, 32, 33] as [UInt64])
    func randomInputNeverTraps(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var decoder = SocketIODecoder(limits: SocketIOLimits(maxAttachments: 3))
        for round in 0..<5_000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            if round.isMultiple(of: 3) {
                bytes = (0..<Int.random(in: 0...30, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }
            } else {
                for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = Self.alphabet.randomElement(using: &random)!
                }
            }
            _ = try? decoder.decode(text: Substring(String(decoding: bytes, as: UTF8.self)))
            while decoder.isAwaitingAttachments, Bool.random(using: &random) {
                _ = try? decoder.decode(attachment: [UInt8(truncatingIfNeeded: round)])
            }
            if Int.random(in: 0..<10, using: &random) == 0 {
                _ = try? decoder.decode(attachment: [])
            }
        }
    }
}
