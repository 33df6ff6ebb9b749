import EngineIO
import Testing

@Suite struct EngineIOPacketTests {
    @Test(arguments: [
        (#"0{"sid":"abc"}"#, EngineIOPacket.open(#"{"sid":"abc"}"#)),
        ("1", .close),
        ("2", .ping("")),
        ("2probe", .ping("probe")),
        ("3", .pong("")),
        ("3probe", .pong("probe")),
        ("4hello", .message("hello")),
        ("4", .message("")),
        (#"42["foo","bar"]"#, .message(#"2["foo","bar"]"#)),
        ("4café 😀", .message("café 😀")),
        ("4\u{301}x", .message("\u{301}x")),  // a combining mark right after the digit
        ("5", .upgrade),
        ("6", .noop),
    ] as [(String, EngineIOPacket)])
    func decodesTextPackets(text: String, expected: EngineIOPacket) throws {
        #expect(try EngineIOPacket(text: Substring(text)) == expected)
        #expect(expected.textEncoding == text)
    }

    @Test func ignoresDataAfterCloseUpgradeAndNoopLikeNode() throws {
        #expect(try EngineIOPacket(text: "1x") == .close)
        #expect(try EngineIOPacket(text: "5probe") == .upgrade)
        #expect(try EngineIOPacket(text: "6 ") == .noop)
    }

    @Test(arguments: [
        ("", EngineIOError.Code.emptyPacket),
        ("7", .unknownPacketType),
        ("9hello", .unknownPacketType),
        ("bAQIDBA==", .unknownPacketType),  // base64 only in polling payloads
        ("hello", .unknownPacketType),
        ("é", .unknownPacketType),
        (" 4", .unknownPacketType),
    ] as [(String, EngineIOError.Code)])
    func rejectsBadText(text: String, code: EngineIOError.Code) {
        #expect {
            _ = try EngineIOPacket(text: Substring(text))
        } throws: { error in
            (error as? EngineIOError)?.code == code
        }
    }

    @Test func binaryFramesAreBinaryMessages() {
        let packet = EngineIOPacket(binaryFrame: [1, 2, 3, 4])
        #expect(packet == .binaryMessage([1, 2, 3, 4]))
        #expect(packet.textEncoding == nil)
    }

    @Test func errorsDescribeTheProblem() {
        do {
            _ = try EngineIOPacket(text: "9")
            Issue.record("decoded an unknown type")
        } catch {
            #expect(error.description == "Engine.IO: unknown packet type '9'; v4 types are 0-6")
        }
    }
}
