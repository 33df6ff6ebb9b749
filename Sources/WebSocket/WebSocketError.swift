/// Why the peer's frames broke RFC 6455; `closeCode` is the code to fail the connection with (§7.1.7).
public struct WebSocketError: Error, Equatable, Sendable {
    private enum Reason: Equatable, Sendable {
        case maskedFrame
        case reservedBitsSet(UInt8)
        case reservedOpcode(UInt8)
        case controlFrameTooLong(WebSocketOpcode)
        case fragmentedControlFrame(WebSocketOpcode)
        case lengthTopBitSet
        case frameTooLarge(length: UInt64, limit: Int)
        case messageTooLarge(limit: Int)
        case unexpectedContinuation
        case unfinishedMessage(newOpcode: WebSocketOpcode)
        case invalidUTF8
        case closePayloadTooShort
        case invalidCloseCode(UInt16)
        case invalidCloseReasonUTF8
    }

    /// A broad category of `WebSocketError`, for callers that branch on what went wrong.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        /// A short name, e.g. `reservedOpcode`.
        public let description: String
        private init(_ name: String) { description = name }

        /// The server masked a frame (RFC 6455 §5.1 forbids it).
        public static let maskedFrame = Kind("maskedFrame")
        /// RSV1-3 set without a negotiated extension (RFC 6455 §5.2).
        public static let reservedBitsSet = Kind("reservedBitsSet")
        /// Opcode 3-7 or 0xB-0xF (RFC 6455 §5.2).
        public static let reservedOpcode = Kind("reservedOpcode")
        /// A control frame over 125 bytes or fragmented (RFC 6455 §5.5).
        public static let invalidControlFrame = Kind("invalidControlFrame")
        /// A 64-bit length with its most significant bit set (RFC 6455 §5.2).
        public static let invalidLength = Kind("invalidLength")
        /// A frame or message over the configured limit (code 1009).
        public static let tooLarge = Kind("tooLarge")
        /// A continuation with no message open, or a new data frame while one is (RFC 6455 §5.4).
        public static let invalidFragmentation = Kind("invalidFragmentation")
        /// A text message or close reason that is not UTF-8 (RFC 6455 §8.1, code 1007).
        public static let invalidUTF8 = Kind("invalidUTF8")
        /// A close frame with a 1-byte payload or a code not allowed on the wire (RFC 6455 §5.5.1, §7.4).
        public static let invalidClosePayload = Kind("invalidClosePayload")
    }

    private let reason: Reason
    private init(_ reason: Reason) { self.reason = reason }

    static let maskedFrame = WebSocketError(.maskedFrame)
    static func reservedBitsSet(_ bits: UInt8) -> Self { .init(.reservedBitsSet(bits)) }
    static func reservedOpcode(_ raw: UInt8) -> Self { .init(.reservedOpcode(raw)) }
    static func controlFrameTooLong(_ opcode: WebSocketOpcode) -> Self { .init(.controlFrameTooLong(opcode)) }
    static func fragmentedControlFrame(_ opcode: WebSocketOpcode) -> Self { .init(.fragmentedControlFrame(opcode)) }
    static let lengthTopBitSet = WebSocketError(.lengthTopBitSet)
    static func frameTooLarge(length: UInt64, limit: Int) -> Self { .init(.frameTooLarge(length: length, limit: limit)) }
    static func messageTooLarge(limit: Int) -> Self { .init(.messageTooLarge(limit: limit)) }
    static let unexpectedContinuation = WebSocketError(.unexpectedContinuation)
    static func unfinishedMessage(newOpcode: WebSocketOpcode) -> Self { .init(.unfinishedMessage(newOpcode: newOpcode)) }
    static let invalidUTF8 = WebSocketError(.invalidUTF8)
    static let closePayloadTooShort = WebSocketError(.closePayloadTooShort)
    static func invalidCloseCode(_ code: UInt16) -> Self { .init(.invalidCloseCode(code)) }
    static let invalidCloseReasonUTF8 = WebSocketError(.invalidCloseReasonUTF8)

    /// The category of the violation.
    public var kind: Kind {
        switch reason {
        case .maskedFrame: .maskedFrame
        case .reservedBitsSet: .reservedBitsSet
        case .reservedOpcode: .reservedOpcode
        case .controlFrameTooLong, .fragmentedControlFrame: .invalidControlFrame
        case .lengthTopBitSet: .invalidLength
        case .frameTooLarge, .messageTooLarge: .tooLarge
        case .unexpectedContinuation, .unfinishedMessage: .invalidFragmentation
        case .invalidUTF8, .invalidCloseReasonUTF8: .invalidUTF8
        case .closePayloadTooShort, .invalidCloseCode: .invalidClosePayload
        }
    }

    /// The code to fail the connection with: 1009 for size limits, 1007 for bad UTF-8, else 1002.
    public var closeCode: WebSocketCloseCode {
        switch reason {
        case .frameTooLarge, .messageTooLarge: .messageTooBig
        case .invalidUTF8, .invalidCloseReasonUTF8: .invalidPayloadData
        default: .protocolError
        }
    }
}

extension WebSocketError: CustomStringConvertible {
    /// What the server sent and which rule it broke.
    public var description: String {
        switch reason {
        case .maskedFrame:
            "the server sent a masked frame; servers must not mask (RFC 6455 §5.1)"
        case .reservedBitsSet(let bits):
            "the server set reserved bits RSV=\(bits) but no extension was negotiated (RFC 6455 §5.2)"
        case .reservedOpcode(let raw):
            "the server used reserved opcode \(raw) (RFC 6455 §5.2)"
        case .controlFrameTooLong(let opcode):
            "the server sent a \(opcode) frame longer than 125 bytes, the limit for control frames (RFC 6455 §5.5)"
        case .fragmentedControlFrame(let opcode):
            "the server sent a \(opcode) frame without FIN; control frames must not be fragmented (RFC 6455 §5.5)"
        case .lengthTopBitSet:
            "the server sent a 64-bit frame length with its most significant bit set (RFC 6455 §5.2)"
        case .frameTooLarge(let length, let limit):
            "the server sent a frame of \(length) bytes, over the limit of \(limit); raise maxFrameSize if that is expected"
        case .messageTooLarge(let limit):
            "the server sent a message over the limit of \(limit) bytes; raise maxMessageSize if that is expected"
        case .unexpectedContinuation:
            "the server sent a continuation frame with no fragmented message open (RFC 6455 §5.4)"
        case .unfinishedMessage(let opcode):
            "the server started a new \(opcode) message before finishing the fragmented one (RFC 6455 §5.4)"
        case .invalidUTF8:
            "the server sent a text message that is not valid UTF-8 (RFC 6455 §8.1)"
        case .closePayloadTooShort:
            "the server sent a close frame with a 1-byte payload; it must be empty or hold a 2-byte code (RFC 6455 §5.5.1)"
        case .invalidCloseCode(let code):
            "the server sent close code \(code), which is not allowed on the wire (RFC 6455 §7.4)"
        case .invalidCloseReasonUTF8:
            "the server sent a close reason that is not valid UTF-8 (RFC 6455 §5.5.1)"
        }
    }
}
