import Testing

import WebSocket
import TestSupport

/// Random input must never trap: errors are typed and close codes are the ones RFC 6455 §7.4.1 allows.
@Suite("Fuzz")
struct FuzzTests {
    static let failureCodes: Set<WebSocketCloseCode> = [.protocolError, .invalidPayloadData, .messageTooBig]

    /// Random bytes, with the first byte often a plausible header so parsing gets past byte 0.
    static func randomInput(using random: inout SeededGenerator) -> [UInt8] {
        let length = Int.random(in: 0...48, using: &random)
        var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        if !bytes.isEmpty, Bool.random(using: &random) {
            bytes[0] = [0x81, 0x82, 0x01, 0x02, 0x00, 0x80, 0x88, 0x89, 0x8A].randomElement(using: &random)!
            if bytes.count > 1 { bytes[1] &= 0x7F }
        }
        return bytes
    }

    /// A random sequence of unmasked frames, valid in form but not necessarily in order or content.
    static func randomFrames(using random: inout SeededGenerator) -> [UInt8] {
        (0..<Int.random(in: 1...6, using: &random)).flatMap { _ -> [UInt8] in
            let opcode = [0, 1, 2, 8, 9, 10].randomElement(using: &random)!
            let payload = (0..<Int.random(in: 0...20, using: &random)).map { _ in
                Bool.random(using: &random) ? UInt8.random(in: 0x20...0x7E, using: &random) : UInt8.random(in: 0...255, using: &random)
            }
            return serverFrame(UInt8(opcode), payload, fin: Int.random(in: 0..<4, using: &random) != 0)
        }
    }

    /// Checks the action stream's shape: at most one `.closed`, `.closeTransport` only with it, nothing after.
    static func checkInvariants(_ actions: [WebSocketAction], machine: WebSocketConnectionStateMachine) {
        let closedIndices = actions.indices.filter { if case .closed = actions[$0] { true } else { false } }
        #expect(closedIndices.count <= 1)
        if let transport = actions.firstIndex(of: .closeTransport) {
            #expect(transport == actions.count - 1)
            #expect(closedIndices.first.map { $0 < transport } == true)
        }
        if let closed = closedIndices.first, case .closed(let code, _, false) = actions[closed], let code {
            #expect(failureCodes.contains(code) || code.isValidOnWire || (1012...1014).contains(code.rawValue))
        }
        for action in actions {
            if case .write(let bytes) = action { #expect(decodeClientFrames(bytes) != nil) }
        }
        #expect(closedIndices.isEmpty || machine.state == .closed)
    }

    @Test func parserSurvivesRandomBytes() {
        var random = SeededGenerator(seed: 0xF022)
        for _ in 0..<3000 {
            let input = Bool.random(using: &random) ? Self.randomInput(using: &random) : Self.randomFrames(using: &random)
            let whole = parseFrames(input, byteAtATime: false, maxFrameSize: 64)
            let bytewise = parseFrames(input, byteAtATime: true, maxFrameSize: 64)
            #expect(whole.frames == bytewise.frames)
            #expect(whole.error == bytewise.error)
            if let error = whole.error { #expect(Self.failureCodes.contains(error.closeCode)) }
        }
    }

    @Test func stateMachineSurvivesRandomBytes() {
        var random = SeededGenerator(seed: 0xF033)
        for round in 0..<3000 {
            var machine = WebSocketConnectionStateMachine(
                configuration: WebSocketConfiguration(maxMessageSize: 40, maxFrameSize: 30), random: SeededGenerator(seed: UInt64(round)))
            var actions: [WebSocketAction] = []
            if round % 5 == 0 { actions += machine.close(code: .normalClosure, reason: "fuzz") }
            for _ in 0..<3 {
                let input = Bool.random(using: &random) ? Self.randomInput(using: &random) : Self.randomFrames(using: &random)
                if Bool.random(using: &random) {
                    actions += machine.received(input)
                } else {
                    for byte in input { actions += machine.received([byte]) }
                }
            }
            Self.checkInvariants(actions, machine: machine)
            actions += machine.transportClosed()
            #expect(machine.state == .closed)
            #expect(actions.filter { if case .closed = $0 { true } else { false } }.count == 1)
        }
    }

    @Test func hugeAnnouncedLengthsDoNotOverflowWithUnlimitedLimits() {
        let header: [UInt8] = [0x82, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3]
        var machine = WebSocketConnectionStateMachine(
            configuration: WebSocketConfiguration(maxMessageSize: .max, maxFrameSize: .max), random: SeededGenerator(seed: 1))
        #expect(machine.received(header) == [])
        // A continuation announcing Int.max bytes after one buffered byte cannot fit even an unlimited message.
        var fragmented = WebSocketConnectionStateMachine(
            configuration: WebSocketConfiguration(maxMessageSize: .max, maxFrameSize: .max), random: SeededGenerator(seed: 1))
        let continuation: [UInt8] = [0x00, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        let actions = fragmented.received(serverFrame(.binary, [1], fin: false) + continuation)
        #expect(writtenFrames(actions).first?.payload == closePayload(1009))
        var parser = WebSocketFrameParser(maxFrameSize: .max)
        parser.append(header)
        #expect(throws: Never.self) { try parser.nextFrame() }
    }

    @Test func handshakeParserSurvivesRandomBytes() {
        var random = SeededGenerator(seed: 0xF044)
        let prefixes = ["", "HTTP/1.1 101 Switching Protocols\r\n", "HTTP/1.1 400 BAD REQUEST\r\nTransfer-Encoding: chunked\r\n\r\n"]
        for _ in 0..<3000 {
            var parser = WebSocketHandshakeResponseParser(key: "dGhlIHNhbXBsZSBub25jZQ==", maxHeaderBytes: 256)
            let noise = (0..<Int.random(in: 0...80, using: &random)).map { _ in
                [UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "1"),
                 UInt8(ascii: "a"), UInt8.random(in: 0...255, using: &random)].randomElement(using: &random)!
            }
            let input = Array(prefixes.randomElement(using: &random)!.utf8) + noise
            do throws(WebSocketHandshakeError) {
                for byte in input { _ = try parser.parse([byte]) }
            } catch {
                #expect(!error.description.isEmpty)
                #expect(error.body.count <= 512)
            }
            _ = parser.connectionClosedError()
        }
    }
}
