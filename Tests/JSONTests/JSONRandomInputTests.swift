import JSON
import Testing
import TestSupport


@Suite struct JSONRandomInputTests {
    private static let alphabet = Array(#"{}[]:,"\/ -+.eE0123456789truefalsnu"#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xA9, 0xED, 0xF0, 0xFF]
    private static let seeds = [
        #"{"sid":"abc","upgrades":["websocket"],"pingInterval":25000}"#,
        #"["message",{"text":"caf\u00e9 \ud83d\ude00","n":-1.5e-3,"ok":true,"x":null}]"#,
    ]

    /// Parses random and mutated input; only checks that nothing traps and that whatever parses
    /// survives a serialize/parse round trip.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomInputNeverTraps(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for round in 0..<5_000 {
            var bytes: [UInt8]
            if round.isMultiple(of: 2) {
                bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }
            } else {
                bytes = Array(Self.seeds[round / 2 % Self.seeds.count].utf8)
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let i = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes[i] = Self.alphabet.randomElement(using: &random)!
                    case 1: bytes.remove(at: i)
                    default: bytes.insert(Self.alphabet.randomElement(using: &random)!, at: i)
                    }
                    if bytes.isEmpty { break }
                }
            }
            guard let value = try? JSONValue(parsing: bytes, limits: JSONLimits(maxDepth: 8)) else { continue }
            let again = try? JSONValue(parsing: value.serialized)
            #expect(again == value || value.containsNonFinite, "round trip of \(bytes)")
        }
    }
}

extension JSONValue {
    /// Infinity and NaN serialize as null, like JSON.stringify, so they cannot round trip.
    fileprivate var containsNonFinite: Bool {
        switch self {
        case .number(let n): !n.isFinite
        case .array(let a): a.contains { $0.containsNonFinite }
        case .object(let o): o.values.contains { $0.containsNonFinite }
        default: false
        }
    }
}
