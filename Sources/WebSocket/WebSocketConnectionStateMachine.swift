/// The client side of one WebSocket connection (RFC 6455 §5-§7): feed it bytes and calls, carry out the actions.
///
/// It never touches a socket or a clock: the I/O layer writes `.write` bytes, closes TCP on
/// `.closeTransport`, and owns the close-handshake timeout (RFC 6455 §7.1.1 lets the server drop TCP first).
public struct WebSocketConnectionStateMachine: Sendable {
    /// Where the close handshake stands (RFC 6455 §7.1).
    public enum State: Equatable, Sendable {
        /// Messages flow both ways.
        case open
        /// We sent a close frame and wait for the peer's; incoming data is discarded, pings go unanswered.
        case closeSent
        /// The peer's close arrived and ours is not sent yet. `received(_:)` answers a close in the same
        /// step, so this machine moves straight on to `closed`; the case exists for exhaustive callers.
        case closeReceived
        /// The WebSocket is closed; everything is ignored.
        case closed
    }

    /// The limits this connection enforces.
    public let configuration: WebSocketConfiguration
    /// Where the close handshake stands.
    public private(set) var state: State = .open
    /// Whether messages can still be sent and received.
    public var isOpen: Bool { state == .open }

    private var parser: WebSocketFrameParser
    /// Source of masking keys (RFC 6455 §5.3); injected so tests are repeatable.
    private var random: any RandomNumberGenerator & Sendable
    /// `.text` or `.binary` while a fragmented message is being reassembled (RFC 6455 §5.4).
    private var messageOpcode: WebSocketOpcode?
    private var messageBuffer: [UInt8] = []
    /// Validates the current text message across fragments, and across chops of one frame.
    private var utf8 = UTF8StreamValidator()
    /// How many payload bytes of the frame still arriving were already fed to `utf8`.
    private var prevalidatedCount = 0

    /// A connection whose upgrade has completed; masking keys come from `random`.
    public init(
        configuration: WebSocketConfiguration = .init(),
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.configuration = configuration
        self.random = random
        self.parser = WebSocketFrameParser(maxFrameSize: configuration.maxFrameSize)
    }

    // MARK: - Events from the socket

    /// Feeds bytes read from the socket (including the handshake parser's leftover).
    public mutating func received(_ bytes: UnsafeRawBufferPointer) -> [WebSocketAction] {
        guard state != .closed else { return [] }
        parser.append(bytes)
        return processBufferedFrames()
    }

    /// Feeds bytes read from the socket (including the handshake parser's leftover).
    public mutating func received(_ bytes: [UInt8]) -> [WebSocketAction] {
        guard state != .closed else { return [] }
        parser.append(bytes)
        return processBufferedFrames()
    }

    /// The TCP connection ended (EOF or error): reports `closed` with 1006 unless already closed.
    /// There is no `.closeTransport`: the caller already knows the transport is gone.
    public mutating func transportClosed() -> [WebSocketAction] {
        guard state != .closed else { return [] }
        let initiatedByPeer = state != .closeSent
        enterClosed()
        return [
            .closed(
                code: .abnormalClosure, reason: "the connection ended without a close frame",
                initiatedByPeer: initiatedByPeer)
        ]
    }

    // MARK: - Calls from the application

    /// Sends a message as one masked frame; `[]` once closing has begun.
    public mutating func send(_ message: WebSocketMessage) -> [WebSocketAction] {
        guard state == .open else { return [] }
        switch message {
        case .text(let text): return [.write(encode(.text, text.utf8))]
        case .binary(let bytes): return [.write(encode(.binary, bytes))]
        }
    }

    /// Sends a ping; payloads over 125 bytes are truncated (RFC 6455 §5.5). `[]` once closing has begun.
    public mutating func sendPing(_ payload: [UInt8]) -> [WebSocketAction] {
        guard state == .open else { return [] }
        return [.write(encode(.ping, payload.prefix(125)))]
    }

    /// Starts the close handshake (RFC 6455 §7.1.2); the reason is cut to 123 bytes on a character boundary.
    ///
    /// A code a peer would reject (1005, 1006, 1015, 0-999, ...) is replaced by an empty close payload.
    /// Wait for `.closeTransport` after the peer's close, or time out and close TCP yourself.
    public mutating func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") -> [WebSocketAction] {
        guard state == .open else { return [] }
        state = .closeSent
        releaseMessage()
        return [.write(closeFrame(code: code.isAcceptableFromPeer ? code : nil, reason: reason))]
    }

    // MARK: - Frames

    private mutating func processBufferedFrames() -> [WebSocketAction] {
        var actions: [WebSocketAction] = []
        do throws(WebSocketError) {
            while state != .closed, let frame = try parser.nextFrame() {
                try handle(frame, into: &actions)
            }
            if state == .open { try checkPartialFrame() }
        } catch {
            fail(error, into: &actions)
        }
        return actions
    }

    private mutating func handle(_ frame: WebSocketFrame, into actions: inout [WebSocketAction]) throws(WebSocketError) {
        let alreadyValidated = prevalidatedCount
        prevalidatedCount = 0
        switch frame.opcode {
        case .ping:
            // RFC 6455 §5.5.2: answer with the same payload; not after we sent close (§5.5.1).
            if state == .open { actions.append(.write(encode(.pong, frame.payload))) }
        case .pong:
            // RFC 6455 §5.5.3: unsolicited pongs need no answer.
            actions.append(.pongReceived(frame.payload))
        case .close:
            try handleClose(frame.payload, into: &actions)
        default:
            // RFC 6455 §7.1.2: after sending close, discard data.
            guard state == .open else { return }
            try handleData(frame, alreadyValidated: alreadyValidated, into: &actions)
        }
    }

    /// Reassembles fragments (RFC 6455 §5.4) and validates text as it arrives (§8.1).
    private mutating func handleData(
        _ frame: WebSocketFrame, alreadyValidated: Int, into actions: inout [WebSocketAction]
    ) throws(WebSocketError) {
        let opcode: WebSocketOpcode
        if frame.opcode == .continuation {
            guard let open = messageOpcode else { throw .unexpectedContinuation }
            opcode = open
        } else {
            guard messageOpcode == nil else { throw .unfinishedMessage(newOpcode: frame.opcode) }
            opcode = frame.opcode
            if alreadyValidated == 0 { utf8.reset() }
        }
        guard frame.payload.count <= configuration.maxMessageSize - messageBuffer.count else {
            throw .messageTooLarge(limit: configuration.maxMessageSize)
        }
        if opcode == .text {
            guard utf8.feed(frame.payload.dropFirst(alreadyValidated)) else { throw .invalidUTF8 }
            guard !frame.fin || utf8.isAtCharacterBoundary else { throw .invalidUTF8 }
        }

        guard frame.fin else {
            messageOpcode = opcode
            messageBuffer.append(contentsOf: frame.payload)
            return
        }
        let bytes: [UInt8]
        if messageOpcode == nil {
            bytes = frame.payload  // unfragmented: no copy into the reassembly buffer
        } else {
            messageBuffer.append(contentsOf: frame.payload)
            bytes = messageBuffer
            messageBuffer = []  // handed to the application; keeping its capacity would force a copy
            messageOpcode = nil
        }
        actions.append(.deliver(opcode == .text ? .text(String(decoding: bytes, as: UTF8.self)) : .binary(bytes)))
    }

    /// Checks the frame still arriving: fail fast on a message that cannot fit, and UTF-8 check the
    /// chops of a text frame as they come (Autobahn 6.4.3/6.4.4 want failure before the frame ends).
    private mutating func checkPartialFrame() throws(WebSocketError) {
        guard let (header, payloadPrefix) = parser.partialFrame(), !header.opcode.isControl else { return }
        let opcode: WebSocketOpcode
        if header.opcode == .continuation {
            guard let open = messageOpcode else { return }  // reported as a 1002 once the frame is complete
            opcode = open
        } else {
            guard messageOpcode == nil else { return }
            opcode = header.opcode
            if prevalidatedCount == 0 { utf8.reset() }
        }
        // Subtract rather than add: a header may announce up to Int.max bytes when the limits allow it.
        guard header.payloadLength <= configuration.maxMessageSize - messageBuffer.count else {
            throw .messageTooLarge(limit: configuration.maxMessageSize)
        }
        guard opcode == .text, payloadPrefix.count > prevalidatedCount else { return }
        guard utf8.feed(payloadPrefix.dropFirst(prevalidatedCount)) else { throw .invalidUTF8 }
        prevalidatedCount = payloadPrefix.count
    }

    /// RFC 6455 §5.5.1 and §7.1.5: an empty payload, or a 2-byte code and a UTF-8 reason.
    private mutating func handleClose(_ payload: [UInt8], into actions: inout [WebSocketAction]) throws(WebSocketError) {
        var code: WebSocketCloseCode?
        var reason = ""
        if payload.count == 1 { throw .closePayloadTooShort }
        if payload.count >= 2 {
            let received = WebSocketCloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
            guard received.isAcceptableFromPeer else { throw .invalidCloseCode(received.rawValue) }
            var validator = UTF8StreamValidator()
            guard validator.feed(payload.dropFirst(2)), validator.isAtCharacterBoundary else {
                throw .invalidCloseReasonUTF8
            }
            code = received
            reason = String(decoding: payload.dropFirst(2), as: UTF8.self)
        }
        switch state {
        case .open, .closeReceived:
            // RFC 6455 §5.5.1: answer with a close, echoing the status code.
            actions.append(.write(closeFrame(code: code, reason: "")))
            enterClosed()
            actions.append(.closed(code: code, reason: reason, initiatedByPeer: true))
            actions.append(.closeTransport)
        case .closeSent:
            enterClosed()
            actions.append(.closed(code: code, reason: reason, initiatedByPeer: false))
            actions.append(.closeTransport)
        case .closed:
            break
        }
    }

    /// _Fail the WebSocket Connection_ (RFC 6455 §7.1.7): send close with the error's code unless
    /// a close was already sent, report it, and drop TCP.
    private mutating func fail(_ error: WebSocketError, into actions: inout [WebSocketAction]) {
        guard state != .closed else { return }
        if state == .open || state == .closeReceived {
            actions.append(.write(closeFrame(code: error.closeCode, reason: "")))
        }
        enterClosed()
        actions.append(.closed(code: error.closeCode, reason: error.description, initiatedByPeer: false))
        actions.append(.closeTransport)
    }

    // MARK: - Helpers

    private mutating func enterClosed() {
        state = .closed
        releaseMessage()
        prevalidatedCount = 0
        parser = WebSocketFrameParser(maxFrameSize: 0)  // frees buffered bytes; nothing is parsed after close
    }

    private mutating func releaseMessage() {
        messageOpcode = nil
        // Keep a modest buffer for the next fragmented message; give back big ones.
        if messageBuffer.capacity > 1 << 16 {
            messageBuffer = []
        } else {
            messageBuffer.removeAll(keepingCapacity: true)
        }
    }

    private mutating func encode(_ opcode: WebSocketOpcode, _ payload: some Collection<UInt8>) -> [UInt8] {
        let key = random.next() as UInt32
        return WebSocketFrameEncoder.encode(
            opcode: opcode, payload: payload,
            maskingKey: (
                UInt8(truncatingIfNeeded: key >> 24), UInt8(truncatingIfNeeded: key >> 16),
                UInt8(truncatingIfNeeded: key >> 8), UInt8(truncatingIfNeeded: key)
            ))
    }

    /// A close frame: empty without a code, else the code and at most 123 bytes of reason (RFC 6455 §5.5).
    private mutating func closeFrame(code: WebSocketCloseCode?, reason: String) -> [UInt8] {
        guard let code else { return encode(.close, EmptyCollection<UInt8>()) }
        var payload: [UInt8] = [UInt8(truncatingIfNeeded: code.rawValue >> 8), UInt8(truncatingIfNeeded: code.rawValue)]
        let reasonBytes = Array(reason.utf8)
        var end = min(reasonBytes.count, 123)
        // Do not cut a code point in half: back up to the start of the first excluded one.
        while end < reasonBytes.count, end > 0, reasonBytes[end] & 0xC0 == 0x80 { end -= 1 }
        payload.append(contentsOf: reasonBytes[..<end])
        return encode(.close, payload)
    }
}
