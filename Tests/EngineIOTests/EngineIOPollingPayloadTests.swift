import EngineIO
import Testing

@Suite struct EngineIOPollingPayloadTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func decodesTheProtocolVectors() throws {
        #expect(try EngineIOPollingPayload.decode(bytes("4hello\u{1e}2\u{1e}4world")) == [.message("hello"), .ping(""), .message("world")])
        #expect(try EngineIOPollingPayload.decode(bytes("bAQIDBA==")) == [.binaryMessage([1, 2, 3, 4])])
        #expect(try EngineIOPollingPayload.decode(bytes("6\u{1e}1")) == [.noop, .close])
        // python sends events emitted in the connect handler before the CONNECT reply.
        #expect(try EngineIOPollingPayload.decode(bytes(#"42["hello","early"]"# + "\u{1e}" + #"40{"sid":"x"}"#))
            == [.message(#"2["hello","early"]"#), .message(#"0{"sid":"x"}"#)])
        #expect(try EngineIOPollingPayload.decode(bytes("451-[\"b\",{\"_placeholder\":true,\"num\":0}]\u{1e}bAQI="))
            == [.message(#"51-["b",{"_placeholder":true,"num":0}]"#), .binaryMessage([1, 2])])
    }

    @Test func emptyBodyIsNoPackets() throws {
        #expect(try EngineIOPollingPayload.decode([UInt8]()) == [])
    }

    @Test func decodesNonContiguousCollections() throws {
        let body = bytes("4a\u{1e}4b").lazy.map { $0 }
        #expect(try EngineIOPollingPayload.decode(body) == [.message("a"), .message("b")])
    }

    @Test(arguments: [
        (Array("4a\u{1e}\u{1e}4b".utf8), EngineIOError.Code.emptyPacket, 1 as Int?),
        (Array("4a\u{1e}".utf8), .emptyPacket, 1),
        (Array("\u{1e}".utf8), .emptyPacket, 0),
        (Array("4a\u{1e}9".utf8), .unknownPacketType, 1),
        (Array("x".utf8), .unknownPacketType, 0),
        (Array("bAQI*".utf8), .invalidBase64, 0),
        (Array("4a\u{1e}bA".utf8), .invalidBase64, 1),
        (Array("b=".utf8), .invalidBase64, 0),
        (Array("bAQ=I".utf8), .invalidBase64, 0),
        (Array("bAQIDB===".utf8), .invalidBase64, 0),
        (Array("bAQIDB=A".utf8), .invalidBase64, 0),
        ([0x34, 0xFF], .invalidUTF8, 0),
        ([0x34, 0x61, 0x1E, 0x34, 0xED, 0xA0, 0x80], .invalidUTF8, 1),
    ] as [([UInt8], EngineIOError.Code, Int?)])
    func rejectsBadPayloads(body: [UInt8], code: EngineIOError.Code, index: Int?) {
        #expect {
            _ = try EngineIOPollingPayload.decode(body)
        } throws: { error in
            guard let error = error as? EngineIOError else { return false }
            return error.code == code && error.packetIndex == index
        }
    }

    @Test func boundsThePacketCount() throws {
        let body = bytes("4a\u{1e}4b\u{1e}4c")
        #expect(try EngineIOPollingPayload.decode(body, maxPackets: 3).count == 3)
        #expect {
            _ = try EngineIOPollingPayload.decode(body, maxPackets: 2)
        } throws: { error in
            (error as? EngineIOError)?.code == .tooManyPackets
        }
    }

    @Test func encodesTheProtocolVectors() {
        #expect(EngineIOPollingPayload.encode([.message("hello"), .ping(""), .message("world")]) == bytes("4hello\u{1e}2\u{1e}4world"))
        #expect(EngineIOPollingPayload.encode([.binaryMessage([1, 2, 3, 4])]) == bytes("bAQIDBA=="))
        #expect(EngineIOPollingPayload.encode([.upgrade, .close]) == bytes("5\u{1e}1"))
        #expect(EngineIOPollingPayload.encode([]) == [])
    }

    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func base64MatchesRFC4648(plain: String, encoded: String) throws {
        // RFC 4648 §10 test vectors, through the "b" packet.
        let packet = EngineIOPacket.binaryMessage(Array(plain.utf8))
        #expect(EngineIOPollingPayload.encode([packet]) == bytes("b" + encoded))
        #expect(try EngineIOPollingPayload.decode(bytes("b" + encoded)) == [packet])
        let unpadded = encoded.filter { $0 != "=" }
        #expect(try EngineIOPollingPayload.decode(bytes("b" + unpadded)) == [packet])
    }

    @Test func ignoresStrayBase64BitsLikePythonAndNode() throws {
        #expect(try EngineIOPollingPayload.decode(bytes("bAR==")) == [.binaryMessage([1])])
    }

    @Test func roundTripsEveryPacketKind() throws {
        let packets: [EngineIOPacket] = [
            .open(#"{"sid":"a"}"#), .close, .ping(""), .ping("probe"), .pong("probe"), .message(""),
            .message("héllo 😀"), .binaryMessage([]), .binaryMessage(Array(0...255)), .upgrade, .noop,
        ]
        #expect(try EngineIOPollingPayload.decode(EngineIOPollingPayload.encode(packets)) == packets)
    }
}
