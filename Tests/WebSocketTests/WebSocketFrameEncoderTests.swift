import Testing

@testable import WebSocket
import TestSupport

@Suite("WebSocketFrameEncoder")
struct WebSocketFrameEncoderTests {
    static let rfcKey: (UInt8, UInt8, UInt8, UInt8) = (0x37, 0xFA, 0x21, 0x3D)

    @Test func encodesRFCMaskedHello() {
        // RFC 6455 §5.7: "A single-frame masked text message".
        let bytes = WebSocketFrameEncoder.encode(opcode: .text, payload: Array("Hello".utf8), maskingKey: Self.rfcKey)
        #expect(bytes == [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test func encodesRFCMaskedPong() {
        // RFC 6455 §5.7: "Pong response ... masked".
        let bytes = WebSocketFrameEncoder.encode(opcode: .pong, payload: "Hello".utf8, maskingKey: Self.rfcKey)
        #expect(bytes == [0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
    }

    @Test(arguments: [
        (0, [0x80] as [UInt8]), (125, [0xFD]), (126, [0xFE, 0x00, 0x7E]), (127, [0xFE, 0x00, 0x7F]),
        (65535, [0xFE, 0xFF, 0xFF]), (65536, [0xFF, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00]),
    ])
    func usesTheMinimalLengthEncoding(length: Int, lengthBytes: [UInt8]) throws {
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
        let bytes = WebSocketFrameEncoder.encode(opcode: .binary, payload: payload, maskingKey: (1, 2, 3, 4))
        #expect(bytes[0] == 0x82)
        #expect(Array(bytes[1..<1 + lengthBytes.count]) == lengthBytes)
        #expect(Array(bytes[1 + lengthBytes.count..<5 + lengthBytes.count]) == [1, 2, 3, 4])
        #expect(bytes.count == 1 + lengthBytes.count + 4 + length)
        let frames = try #require(decodeClientFrames(bytes))
        #expect(frames == [WebSocketFrame(opcode: .binary, payload: payload)])
    }

    @Test func clearsFINForFragments() throws {
        let bytes = WebSocketFrameEncoder.encode(opcode: .text, payload: [0x41], fin: false, maskingKey: (9, 9, 9, 9))
        #expect(bytes[0] == 0x01)
        #expect(try #require(decodeClientFrames(bytes)) == [WebSocketFrame(fin: false, opcode: .text, payload: [0x41])])
    }

    @Test func acceptsCollectionsWithoutContiguousStorage() {
        let lazy = (0..<300).lazy.map { UInt8(truncatingIfNeeded: $0 * 3) }
        let key: (UInt8, UInt8, UInt8, UInt8) = (0xDE, 0xAD, 0xBE, 0xEF)
        #expect(
            WebSocketFrameEncoder.encode(opcode: .binary, payload: lazy, maskingKey: key)
                == WebSocketFrameEncoder.encode(opcode: .binary, payload: Array(lazy), maskingKey: key))
    }

    @Test func wordAtATimeMaskMatchesTheBytewiseDefinition() {
        var random = SeededGenerator(seed: 7)
        for length in 0..<70 {
            let key = (UInt8.random(in: 0...255, using: &random), UInt8.random(in: 0...255, using: &random),
                       UInt8.random(in: 0...255, using: &random), UInt8.random(in: 0...255, using: &random))
            let keyBytes = [key.0, key.1, key.2, key.3]
            let original = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            var masked = original
            masked.withUnsafeMutableBytes { WebSocketMask.apply(key, to: $0) }
            #expect(masked == original.indices.map { original[$0] ^ keyBytes[$0 % 4] })
            masked.withUnsafeMutableBytes { WebSocketMask.apply(key, to: $0) }
            #expect(masked == original)
        }
    }
}
