import Testing

import WebSocket

@Suite("WebSocketConnectionStateMachine")
struct WebSocketConnectionStateMachineTests {
    typealias Machine = WebSocketConnectionStateMachine

    /// Asserts the actions fail the connection with `code`: one close frame with that code, then closed and closeTransport.
    static func expectFailure(_ actions: [WebSocketAction], code: WebSocketCloseCode, sourceLocation: SourceLocation = #_sourceLocation) {
        let frames = writtenFrames(actions)
        #expect(frames.count == 1, sourceLocation: sourceLocation)
        #expect(frames.first?.opcode == .close, sourceLocation: sourceLocation)
        #expect(frames.first.map { Array($0.payload.prefix(2)) } == closePayload(code.rawValue), sourceLocation: sourceLocation)
        let rest = nonWriteActions(actions)
        #expect(rest.count == 2, sourceLocation: sourceLocation)
        if case .closed(let closedCode, let reason, let byPeer) = rest.first {
            #expect(closedCode == code, sourceLocation: sourceLocation)
            #expect(!reason.isEmpty, sourceLocation: sourceLocation)
            #expect(!byPeer, sourceLocation: sourceLocation)
        } else {
            Issue.record("expected .closed, got \(rest)", sourceLocation: sourceLocation)
        }
        #expect(rest.last == .closeTransport, sourceLocation: sourceLocation)
    }

    // MARK: - Messages

    @Test func deliversSingleFrameText() {
        var machine = Machine.seeded()
        #expect(machine.received([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]) == [.deliver(.text("Hello"))])
        #expect(machine.isOpen)
    }

    @Test func reassemblesFragmentsWithAPingInBetween() throws {
        var machine = Machine.seeded()
        #expect(machine.received([0x01, 0x03, 0x48, 0x65, 0x6C]) == [])
        let pong = machine.received([0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
        #expect(writtenFrames(pong) == [WebSocketFrame(opcode: .pong, payload: Array("Hello".utf8))])
        #expect(nonWriteActions(pong).isEmpty)
        #expect(machine.received([0x80, 0x02, 0x6C, 0x6F]) == [.deliver(.text("Hello"))])
    }

    @Test func reassemblesBinaryFragmentsAndEmptyFrames() {
        var machine = Machine.seeded()
        #expect(machine.received(serverFrame(.binary, [1, 2], fin: false)) == [])
        #expect(machine.received(serverFrame(.continuation, [], fin: false)) == [])
        #expect(machine.received(serverFrame(.continuation, [3])) == [.deliver(.binary([1, 2, 3]))])
        #expect(machine.received(serverFrame(.text, [])) == [.deliver(.text(""))])
        #expect(machine.received(serverFrame(.binary, [])) == [.deliver(.binary([]))])
    }

    @Test(arguments: [256, 65536, 65535, 125, 126, 127, 128])
    func deliversBinaryOfEveryLengthClass(length: Int) {
        var machine = Machine.seeded()
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
        #expect(machine.received(serverFrame(.binary, payload)) == [.deliver(.binary(payload))])
    }

    @Test func deliversTheSameWhetherFedWholeOrOneByteAtATime() {
        let stream =
            serverText("κόσμε") + serverFrame(.text, [0xE2], fin: false) + serverFrame(.ping, [1, 2, 3])
            + serverFrame(.continuation, [0x82], fin: false) + serverFrame(.continuation, [0xAC])
            + serverFrame(.binary, [UInt8](repeating: 9, count: 300)) + serverFrame(.pong, [7])
            + serverFrame(.close, closePayload(1000, Array("done".utf8)))
        var whole = Machine.seeded()
        var bytewise = Machine.seeded()
        let wholeActions = whole.received(stream)
        let bytewiseActions = stream.flatMap { bytewise.received([$0]) }
        #expect(wholeActions == bytewiseActions)
        #expect(nonWriteActions(wholeActions) == [
            .deliver(.text("κόσμε")), .deliver(.text("€")), .deliver(.binary([UInt8](repeating: 9, count: 300))),
            .pongReceived([7]), .closed(code: .normalClosure, reason: "done", initiatedByPeer: true), .closeTransport,
        ])
    }

    @Test func acceptsUnsafeRawBufferPointer() {
        var machine = Machine.seeded()
        let actions = serverText("hi").withUnsafeBytes { machine.received($0) }
        #expect(actions == [.deliver(.text("hi"))])
    }

    // MARK: - Ping and pong

    @Test func answersEveryPingWithItsPayload() {
        var machine = Machine.seeded()
        let pings = (0..<10).flatMap { serverFrame(.ping, [UInt8($0)]) }
        let actions = machine.received(pings)
        #expect(writtenFrames(actions) == (0..<10).map { WebSocketFrame(opcode: .pong, payload: [UInt8($0)]) })
        let big = [UInt8](repeating: 0xFE, count: 125)
        #expect(writtenFrames(machine.received(serverFrame(.ping, big))) == [WebSocketFrame(opcode: .pong, payload: big)])
    }

    @Test func reportsUnsolicitedPongsWithoutAnswering() {
        var machine = Machine.seeded()
        #expect(machine.received(serverFrame(.pong, Array("x".utf8))) == [.pongReceived(Array("x".utf8))])
    }

    // MARK: - Fragmentation errors (1002)

    @Test func failsOnAnOrphanContinuation() {
        var machine = Machine.seeded()
        Self.expectFailure(machine.received(serverFrame(.continuation, [0x41])), code: .protocolError)
        #expect(machine.state == .closed)
    }

    @Test(arguments: [WebSocketOpcode.text, .binary])
    func failsOnANewDataFrameWhileAMessageIsOpen(opcode: WebSocketOpcode) {
        var machine = Machine.seeded()
        #expect(machine.received(serverFrame(.text, [0x41], fin: false)) == [])
        Self.expectFailure(machine.received(serverFrame(opcode, [0x42])), code: .protocolError)
    }

    @Test(arguments: [
        [0xC1, 0x00], [0x83, 0x00], [0x8B, 0x00], [0x09, 0x00], [0x89, 0x7E, 0x00, 0x7E], [0x81, 0x81, 1, 2, 3, 4, 5],
    ] as [[UInt8]])
    func failsOnFramingViolationsWith1002(bytes: [UInt8]) {
        var machine = Machine.seeded()
        Self.expectFailure(machine.received(bytes), code: .protocolError)
        #expect(machine.received(serverText("ignored")) == [])
    }

    // MARK: - UTF-8 (1007)

    @Test func validatesUTF8SplitInsideACodePointAcrossFragments() {
        var machine = Machine.seeded()
        // "€" is E2 82 AC; each byte in its own fragment.
        #expect(machine.received(serverFrame(.text, [0x41, 0xE2], fin: false)) == [])
        #expect(machine.received(serverFrame(.continuation, [0x82], fin: false)) == [])
        #expect(machine.received(serverFrame(.continuation, [0xAC, 0x42])) == [.deliver(.text("A€B"))])
    }

    @Test func failsFastOnF490InTheFragmentThatBreaksTheSequence() {
        var machine = Machine.seeded()
        let kosme: [UInt8] = [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5]
        #expect(machine.received(serverFrame(.text, kosme, fin: false)) == [])
        Self.expectFailure(machine.received(serverFrame(.continuation, [0xF4, 0x90, 0x80, 0x80], fin: false)), code: .invalidPayloadData)
    }

    @Test func failsFastInsideAFrameArrivingInChops() {
        // Autobahn 6.4.3: one text frame whose payload arrives in parts; fail when 0x90 arrives.
        var machine = Machine.seeded()
        let kosme: [UInt8] = [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5]
        let frame = serverFrame(.text, kosme + [0xF4, 0x90, 0x80, 0x80] + Array("edited".utf8))
        let header = 2
        #expect(machine.received(Array(frame[..<(header + kosme.count)])) == [])
        #expect(machine.received([0xF4]) == [])
        Self.expectFailure(machine.received([0x90]), code: .invalidPayloadData)
    }

    @Test func chopsOfValidTextAreNotValidatedTwice() {
        var machine = Machine.seeded()
        let frame = serverText("κόσμε and €")
        var actions: [WebSocketAction] = []
        for byte in frame { actions += machine.received([byte]) }
        #expect(actions == [.deliver(.text("κόσμε and €"))])
        // The next message starts with a fresh validator even though the last one was checked in chops.
        #expect(machine.received(serverFrame(.text, [0xC3], fin: false)) == [])
        #expect(machine.received(serverFrame(.continuation, [0xA9])) == [.deliver(.text("é"))])
    }

    @Test func failsWhenTextEndsInsideACodePoint() {
        var machine = Machine.seeded()
        Self.expectFailure(machine.received(serverFrame(.text, [0x41, 0xE2, 0x82])), code: .invalidPayloadData)
    }

    @Test func doesNotValidateBinary() {
        var machine = Machine.seeded()
        #expect(machine.received(serverFrame(.binary, [0xFF, 0xF4, 0x90])) == [.deliver(.binary([0xFF, 0xF4, 0x90]))])
    }

    // MARK: - Size limits (1009)

    @Test func failsWhenAReassembledMessageIsTooBig() {
        var machine = Machine.seeded(WebSocketConfiguration(maxMessageSize: 10))
        #expect(machine.received(serverFrame(.binary, [UInt8](repeating: 1, count: 6), fin: false)) == [])
        Self.expectFailure(machine.received(serverFrame(.continuation, [UInt8](repeating: 1, count: 6))), code: .messageTooBig)
    }

    @Test func failsOnTheHeaderOfAFrameThatCannotFit() {
        var machine = Machine.seeded(WebSocketConfiguration(maxMessageSize: 1000))
        // Only the header of a 2000-byte frame has arrived.
        Self.expectFailure(machine.received([0x82, 0x7E, 0x07, 0xD0]), code: .messageTooBig)
        var frameLimited = Machine.seeded(WebSocketConfiguration(maxFrameSize: 100))
        Self.expectFailure(frameLimited.received([0x82, 0x7E, 0x00, 0x65]), code: .messageTooBig)
    }

    // MARK: - Close handshake initiated by the peer

    @Test func answersThePeersCloseEchoingTheCode() {
        var machine = Machine.seeded()
        let actions = machine.received(serverFrame(.close, closePayload(1001, Array("bye".utf8))))
        #expect(writtenFrames(actions) == [WebSocketFrame(opcode: .close, payload: closePayload(1001))])
        #expect(nonWriteActions(actions) == [
            .closed(code: .goingAway, reason: "bye", initiatedByPeer: true), .closeTransport,
        ])
        #expect(machine.state == .closed)
        #expect(!machine.isOpen)
        #expect(machine.received(serverText("late")) == [])
        #expect(machine.send(.text("late")) == [])
        #expect(machine.close() == [])
        #expect(machine.transportClosed() == [])
    }

    @Test func answersAnEmptyCloseWithAnEmptyClose() {
        var machine = Machine.seeded()
        let actions = machine.received(serverFrame(.close, []))
        #expect(writtenFrames(actions) == [WebSocketFrame(opcode: .close, payload: [])])
        #expect(nonWriteActions(actions) == [.closed(code: nil, reason: "", initiatedByPeer: true), .closeTransport])
    }

    @Test func ignoresEverythingAfterTheClose() {
        var machine = Machine.seeded()
        let stream = serverFrame(.close, closePayload(1000)) + serverText("after") + serverFrame(.ping, []) + [0xFF, 0xFF]
        let actions = machine.received(stream)
        #expect(writtenFrames(actions).map(\.opcode) == [.close])
        #expect(nonWriteActions(actions) == [
            .closed(code: .normalClosure, reason: "", initiatedByPeer: true), .closeTransport,
        ])
    }

    @Test func ignoresASecondClose() {
        var machine = Machine.seeded()
        let actions = machine.received(serverFrame(.close, closePayload(1000)) + serverFrame(.close, closePayload(1000)))
        #expect(writtenFrames(actions).count == 1)
    }

    @Test func acceptsAReasonOf123Bytes() {
        var machine = Machine.seeded()
        let reason = String(repeating: "*", count: 123)
        let actions = machine.received(serverFrame(.close, closePayload(1000, Array(reason.utf8))))
        #expect(nonWriteActions(actions).first == .closed(code: .normalClosure, reason: reason, initiatedByPeer: true))
    }

    struct BadClose: Sendable, CustomTestStringConvertible {
        var name: String
        var payload: [UInt8]
        var code: WebSocketCloseCode
        var testDescription: String { name }
    }

    static let badCloses: [BadClose] =
        [
            BadClose(name: "1-byte payload (7.3.2)", payload: [0x03], code: .protocolError),
            BadClose(
                name: "invalid UTF-8 reason (7.5.1)",
                payload: closePayload(1000, [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80, 0x65]),
                code: .invalidPayloadData),
            BadClose(name: "reason cut inside a code point", payload: closePayload(1000, [0xE2, 0x82]), code: .invalidPayloadData),
        ]
        + ([0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535] as [UInt16]).map {
            BadClose(name: "code \($0) (7.9.x, 7.13.x)", payload: closePayload($0), code: .protocolError)
        }

    @Test(arguments: badCloses)
    func failsOnABadClosePayload(_ bad: BadClose) {
        var machine = Machine.seeded()
        Self.expectFailure(machine.received(serverFrame(.close, bad.payload)), code: bad.code)
    }

    @Test(arguments: [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999] as [UInt16])
    func echoesValidCloseCodes(code: UInt16) {
        var machine = Machine.seeded()
        let actions = machine.received(serverFrame(.close, closePayload(code, Array("r".utf8))))
        #expect(writtenFrames(actions) == [WebSocketFrame(opcode: .close, payload: closePayload(code))])
        #expect(nonWriteActions(actions) == [
            .closed(code: WebSocketCloseCode(rawValue: code), reason: "r", initiatedByPeer: true), .closeTransport,
        ])
    }

    // MARK: - Close handshake initiated by us

    @Test func completesAClientInitiatedClose() {
        var machine = Machine.seeded()
        let closing = machine.close(code: .goingAway, reason: "done")
        #expect(writtenFrames(closing) == [WebSocketFrame(opcode: .close, payload: closePayload(1001, Array("done".utf8)))])
        #expect(nonWriteActions(closing).isEmpty)
        #expect(machine.state == .closeSent)
        #expect(!machine.isOpen)

        // Nothing more is written: no data, no pings, no pong answers, no second close.
        #expect(machine.send(.text("x")) == [])
        #expect(machine.sendPing([1]) == [])
        #expect(machine.close() == [])
        #expect(machine.received(serverFrame(.ping, [1])) == [])
        // Data is discarded, even fragmented or invalid text; pongs are still reported.
        #expect(machine.received(serverText("dropped")) == [])
        #expect(machine.received(serverFrame(.text, [0xFF], fin: false) + serverFrame(.continuation, [0xFF])) == [])
        #expect(machine.received(serverFrame(.pong, [2])) == [.pongReceived([2])])

        let reply = machine.received(serverFrame(.close, closePayload(1001)))
        #expect(reply == [.closed(code: .goingAway, reason: "", initiatedByPeer: false), .closeTransport])
        #expect(machine.state == .closed)
    }

    @Test func failingAfterCloseSentWritesNothing() {
        var machine = Machine.seeded()
        _ = machine.close()
        let actions = machine.received([0x83, 0x00])
        #expect(writtenFrames(actions).isEmpty)
        #expect(actions.last == .closeTransport)
        #expect(actions.count == 2)
    }

    @Test func truncatesTheCloseReasonOnACharacterBoundary() throws {
        var machine = Machine.seeded()
        let reason = String(repeating: "a", count: 122) + "€€"  // 122 + 6 bytes
        let frame = try #require(writtenFrames(machine.close(reason: reason)).first)
        #expect(frame.payload == closePayload(1000, Array(String(repeating: "a", count: 122).utf8)))
    }

    @Test(arguments: [1005, 1006, 1015, 999, 5000] as [UInt16])
    func sendsAnEmptyCloseForCodesThatMayNotBeSent(code: UInt16) throws {
        var machine = Machine.seeded()
        let frame = try #require(writtenFrames(machine.close(code: WebSocketCloseCode(rawValue: code), reason: "x")).first)
        #expect(frame == WebSocketFrame(opcode: .close, payload: []))
    }

    // MARK: - Transport

    @Test func reportsAbnormalClosureWhenTheTransportEnds() {
        var machine = Machine.seeded()
        #expect(machine.received(serverText("a", fin: false)) == [])
        let actions = machine.transportClosed()
        #expect(actions.count == 1)
        if case .closed(let code, _, let byPeer) = actions.first {
            #expect(code == .abnormalClosure)
            #expect(byPeer)
        } else {
            Issue.record("expected .closed, got \(actions)")
        }
        #expect(machine.transportClosed() == [])
        #expect(machine.received(serverText("b")) == [])

        var closing = Machine.seeded()
        _ = closing.close()
        #expect(closing.transportClosed().first == .closed(
            code: .abnormalClosure, reason: "the connection ended without a close frame", initiatedByPeer: false))
    }

    // MARK: - Sending

    @Test func sendsMaskedFramesWithKeysFromTheInjectedGenerator() throws {
        var machine = Machine.seeded(seed: 9)
        var twin = Machine.seeded(seed: 9)
        let text = machine.send(.text("héllo"))
        #expect(text == twin.send(.text("héllo")))
        #expect(writtenFrames(text) == [WebSocketFrame(opcode: .text, payload: Array("héllo".utf8))])
        let binary = machine.send(.binary([1, 2, 3]))
        #expect(writtenFrames(binary) == [WebSocketFrame(opcode: .binary, payload: [1, 2, 3])])
        let ping = machine.sendPing([UInt8](repeating: 1, count: 200))
        #expect(writtenFrames(ping) == [WebSocketFrame(opcode: .ping, payload: [UInt8](repeating: 1, count: 125))])
        // Successive frames use different keys.
        guard case .write(let first) = text.first, case .write(let second) = machine.send(.text("héllo")).first else {
            Issue.record("expected writes")
            return
        }
        #expect(first[2..<6] != second[2..<6])
    }
}
