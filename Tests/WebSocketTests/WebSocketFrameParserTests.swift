import Testing

@testable import WebSocket

@Suite("WebSocketFrameParser")
struct WebSocketFrameParserTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var frames: [WebSocketFrame]
        var testDescription: String { name }
    }

    static let hello = Array("Hello".utf8)

    /// RFC 6455 §5.7 examples, server to client (unmasked).
    static let vectors: [Vector] = [
        Vector(
            name: "§5.7 single-frame unmasked text",
            bytes: [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F],
            frames: [WebSocketFrame(opcode: .text, payload: hello)]),
        Vector(
            name: "§5.7 fragmented unmasked text",
            bytes: [0x01, 0x03, 0x48, 0x65, 0x6C, 0x80, 0x02, 0x6C, 0x6F],
            frames: [
                WebSocketFrame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
                WebSocketFrame(opcode: .continuation, payload: Array("lo".utf8)),
            ]),
        Vector(
            name: "§5.7 unmasked ping",
            bytes: [0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F],
            frames: [WebSocketFrame(opcode: .ping, payload: hello)]),
        Vector(
            name: "§5.7 256 bytes binary, 16-bit length",
            bytes: [0x82, 0x7E, 0x01, 0x00] + (0..<256).map { UInt8($0) },
            frames: [WebSocketFrame(opcode: .binary, payload: (0..<256).map { UInt8($0) })]),
        Vector(
            name: "§5.7 64 KiB binary, 64-bit length",
            bytes: [0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]
                + (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 7) },
            frames: [WebSocketFrame(opcode: .binary, payload: (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 7) })]),
        Vector(
            name: "empty text, empty close, pong",
            bytes: [0x81, 0x00, 0x88, 0x00, 0x8A, 0x01, 0x2A],
            frames: [
                WebSocketFrame(opcode: .text, payload: []), WebSocketFrame(opcode: .close, payload: []),
                WebSocketFrame(opcode: .pong, payload: [0x2A]),
            ]),
        Vector(
            name: "125-byte ping (largest control frame)",
            bytes: [0x89, 0x7D] + [UInt8](repeating: 0x55, count: 125),
            frames: [WebSocketFrame(opcode: .ping, payload: [UInt8](repeating: 0x55, count: 125))]),
        Vector(
            name: "126 bytes: the first 16-bit length",
            bytes: [0x82, 0x7E, 0x00, 0x7E] + [UInt8](repeating: 1, count: 126),
            frames: [WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 1, count: 126))]),
        Vector(
            name: "non-minimal 64-bit length is accepted",
            bytes: [0x82, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0x03, 1, 2, 3],
            frames: [WebSocketFrame(opcode: .binary, payload: [1, 2, 3])]),
    ]

    @Test(arguments: vectors)
    func parsesVectorWhole(_ vector: Vector) {
        let result = parseFrames(vector.bytes, byteAtATime: false)
        #expect(result.error == nil)
        #expect(result.frames == vector.frames)
    }

    @Test(arguments: vectors)
    func parsesVectorOneByteAtATime(_ vector: Vector) {
        let result = parseFrames(vector.bytes, byteAtATime: true)
        #expect(result.error == nil)
        #expect(result.frames == vector.frames)
    }

    @Test func consumesNothingUntilTheWholeFrameIsBuffered() throws {
        var parser = WebSocketFrameParser()
        parser.append([0x81, 0x05, 0x48, 0x65])
        #expect(try parser.nextFrame() == nil)
        #expect(parser.bufferedByteCount == 4)
        parser.append([0x6C, 0x6C])
        #expect(try parser.nextFrame() == nil)
        #expect(parser.bufferedByteCount == 6)
        parser.append([0x6F, 0x89])
        #expect(try parser.nextFrame() == WebSocketFrame(opcode: .text, payload: Self.hello))
        #expect(parser.bufferedByteCount == 1)
        #expect(try parser.nextFrame() == nil)
    }

    @Test func acceptsUnsafeRawBufferPointer() throws {
        var parser = WebSocketFrameParser()
        let bytes: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
        bytes.withUnsafeBytes { parser.append($0) }
        #expect(try parser.nextFrame() == WebSocketFrame(opcode: .text, payload: Self.hello))
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var maxFrameSize: Int = 16 << 20
        var kind: WebSocketError.Kind
        var closeCode: WebSocketCloseCode
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] =
        [
            BadInput(
                name: "masked server frame (§5.1)", bytes: [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58],
                kind: .maskedFrame, closeCode: .protocolError),
            BadInput(
                name: "16-bit length ping (control > 125)", bytes: [0x89, 0x7E, 0x00, 0x7E] + [UInt8](repeating: 0, count: 126),
                kind: .invalidControlFrame, closeCode: .protocolError),
            BadInput(
                name: "close with 126-byte payload (Autobahn 7.3.6)",
                bytes: [0x88, 0x7E, 0x00, 0x7E, 0x03, 0xE8] + [UInt8](repeating: 0x2A, count: 124),
                kind: .invalidControlFrame, closeCode: .protocolError),
            BadInput(name: "fragmented ping", bytes: [0x09, 0x00], kind: .invalidControlFrame, closeCode: .protocolError),
            BadInput(name: "fragmented close", bytes: [0x08, 0x00], kind: .invalidControlFrame, closeCode: .protocolError),
            BadInput(
                name: "64-bit length with top bit", bytes: [0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1],
                kind: .invalidLength, closeCode: .protocolError),
            BadInput(
                name: "frame over maxFrameSize", bytes: [0x82, 0x7E, 0x00, 0x65] + [UInt8](repeating: 0, count: 101),
                maxFrameSize: 100, kind: .tooLarge, closeCode: .messageTooBig),
            BadInput(
                name: "2^62-byte frame", bytes: [0x82, 0x7F, 0x40, 0, 0, 0, 0, 0, 0, 0],
                kind: .tooLarge, closeCode: .messageTooBig),
        ]
        + (1...7).map { rsv in
            BadInput(
                name: "RSV bits \(rsv) (Autobahn 3.\(rsv))", bytes: [0x80 | UInt8(rsv) << 4 | 0x1, 0x00],
                kind: .reservedBitsSet, closeCode: .protocolError)
        }
        + [3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF].map { opcode in
            BadInput(
                name: "reserved opcode \(opcode) (Autobahn 4.x)", bytes: [0x80 | UInt8(opcode), 0x00],
                kind: .reservedOpcode, closeCode: .protocolError)
        }

    @Test(arguments: badInputs, [false, true])
    func rejects(_ input: BadInput, byteAtATime: Bool) {
        let result = parseFrames(input.bytes, byteAtATime: byteAtATime, maxFrameSize: input.maxFrameSize)
        #expect(result.frames.isEmpty)
        #expect(result.error?.kind == input.kind)
        #expect(result.error?.closeCode == input.closeCode)
        #expect(result.error.map { !$0.description.isEmpty } == true)
    }

    @Test func failsFastOnTheHeaderWithoutWaitingForThePayload() {
        var parser = WebSocketFrameParser(maxFrameSize: 1000)
        parser.append([0x82, 0x7F, 0, 0, 0, 0, 0x10, 0, 0, 0])  // 256 MiB announced, no payload yet
        #expect(throws: WebSocketError.self) { try parser.nextFrame() }
        var ping = WebSocketFrameParser()
        ping.append([0x89, 0x7E])  // the extended length has not even arrived
        #expect(throws: WebSocketError.self) { try ping.nextFrame() }
        var reserved = WebSocketFrameParser()
        reserved.append([0xC1])  // RSV1 is visible in the first byte
        #expect(throws: WebSocketError.self) { try reserved.nextFrame() }
    }

    @Test func errorsAreSticky() {
        var parser = WebSocketFrameParser()
        parser.append([0x83, 0x00])
        let first = #expect(throws: WebSocketError.self) { try parser.nextFrame() }
        parser.append([0x81, 0x00])
        let second = #expect(throws: WebSocketError.self) { try parser.nextFrame() }
        #expect(first == second)
    }

    @Test func bufferStaysBoundedWhileStreaming() throws {
        var parser = WebSocketFrameParser()
        // 1000 frames of 1000 bytes, delivered in 700-byte reads so frames straddle appends.
        let frame = serverFrame(.binary, [UInt8](repeating: 7, count: 1000))
        let stream = (0..<1000).flatMap { _ in frame }
        var received = 0
        var maxCapacity = 0
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + 700)
            parser.append(Array(stream[offset..<end]))
            offset = end
            while let next = try parser.nextFrame() {
                #expect(next.payload.count == 1000)
                received += 1
            }
            maxCapacity = max(maxCapacity, parser.storageCapacity)
        }
        #expect(received == 1000)
        #expect(parser.bufferedByteCount == 0)
        #expect(maxCapacity < 16 << 10)
    }

    @Test func releasesALargeBufferOnceConsumed() throws {
        var parser = WebSocketFrameParser()
        parser.append(serverFrame(.binary, [UInt8](repeating: 1, count: 2 << 20)))
        #expect(try parser.nextFrame()?.payload.count == 2 << 20)
        parser.append(serverFrame(.text, []))
        #expect(parser.storageCapacity < 1 << 20)
        #expect(try parser.nextFrame() == WebSocketFrame(opcode: .text))
    }
}
