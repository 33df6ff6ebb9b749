import JSON
import SocketIO
import Testing
import TestSupport


@Suite struct SocketIORoundTripTests {
    /// Decodes text plus attachments the way a client feeds them.
    private func decode(_ text: String, _ attachments: [[UInt8]]) throws -> SocketIOPacket? {
        var decoder = SocketIODecoder()
        var packet = try decoder.decode(text: text)
        for attachment in attachments {
            #expect(packet == nil)
            packet = try decoder.decode(attachment: attachment)
        }
        #expect(!decoder.isAwaitingAttachments)
        return packet
    }

    @Test(arguments: [
        "0", #"0{"sid":"abc"}"#, #"0/admin,{"token":"123"}"#, "1", "1/admin,", #"2["foo","bar"]"#,
        #"2/admin,13["x"]"#, #"313["bar"]"#, "30[]", #"4/ns,"Unable to connect""#,
        #"4{"message":"nope","data":{"x":1}}"#, #"2["x",{"z":1,"a":[1.5,-2,1e+21,null,true]}]"#,
        #"2[42,"numeric event"]"#,
    ])
    func textRoundTripsByteForByte(text: String) throws {
        let packet = try #require(try decode(text, []))
        let encoded = SocketIOEncoder.encode(packet)
        #expect(encoded.text == text)
        #expect(encoded.attachments.isEmpty)
    }

    @Test(arguments: [
        (#"51-["baz",{"_placeholder":true,"num":0}]"#, [[1, 2, 3, 4]]),
        (#"61-15["bar",{"_placeholder":true,"num":0}]"#, [[0xFF]]),
        (#"52-/admin,7["a",{"_placeholder":true,"num":0},[{"_placeholder":true,"num":1}]]"#, [[], [9, 9]]),
    ] as [(String, [[UInt8]])])
    func binaryRoundTripsByteForByte(text: String, attachments: [[UInt8]]) throws {
        let packet = try #require(try decode(text, attachments))
        let encoded = SocketIOEncoder.encode(packet)
        #expect(encoded.text == text)
        #expect(encoded.attachments == attachments)
    }

    @Test(arguments: [21, 22, 23] as [UInt64])
    func encodedPacketsDecodeToThemselves(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let packet = randomPacket(using: &random)
            let (text, attachments) = SocketIOEncoder.encode(packet)
            #expect(try decode(text, attachments) == packet, "\(text)")
        }
    }

    private func randomPacket(using random: inout SeededGenerator) -> SocketIOPacket {
        let namespace = Bool.random(using: &random) ? "/" : "/ns\(Int.random(in: 0...9, using: &random))"
        let ackID = Bool.random(using: &random) ? nil : Int.random(in: 0...Int.max, using: &random)
        let arguments = (0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: 3, using: &random) }
        if Bool.random(using: &random) {
            return .event("e\(Int.random(in: 0...99, using: &random))", arguments, namespace: namespace, ackID: ackID)
        }
        return .ack(id: ackID ?? 0, arguments, namespace: namespace)
    }

    private func randomValue(depth: Int, using random: inout SeededGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 8 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 8)
        case 3: return .string(["", "a", "é", "😀", "\"\\\n"].randomElement(using: &random)!)
        case 4, 5: return .binary((0..<Int.random(in: 0...3, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        case 6: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in randomValue(depth: depth - 1, using: &random) })
        default:
            let count = Int.random(in: 0...3, using: &random)
            return .object(JSONObject((0..<count).map { ("k\($0)", randomValue(depth: depth - 1, using: &random)) }))
        }
    }
}
