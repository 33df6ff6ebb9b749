import JSON

/// Socket.IO input that the decoder rejected.
public struct SocketIOError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem was found. An open set: new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: Hashable, Sendable {
            case emptyPacket, unknownPacketType, invalidAttachmentCount, tooManyAttachments
            case namespaceTooLong, invalidAckID, invalidJSON, invalidPayload, invalidPlaceholder
            case unexpectedAttachment, unexpectedText
        }

        fileprivate let base: Base

        /// An Engine.IO message with no Socket.IO type digit.
        public static let emptyPacket = Code(base: .emptyPacket)
        /// A first character other than `0`-`6`.
        public static let unknownPacketType = Code(base: .unknownPacketType)
        /// A BINARY_EVENT or BINARY_ACK without `<digits>-` after the type.
        public static let invalidAttachmentCount = Code(base: .invalidAttachmentCount)
        /// More attachments announced than `SocketIOLimits.maxAttachments`.
        public static let tooManyAttachments = Code(base: .tooManyAttachments)
        /// A namespace longer than `SocketIOLimits.maxNamespaceLength`.
        public static let namespaceTooLong = Code(base: .namespaceTooLong)
        /// An ack id too large for `Int`.
        public static let invalidAckID = Code(base: .invalidAckID)
        /// The payload is not valid JSON; `jsonError` has the details.
        public static let invalidJSON = Code(base: .invalidJSON)
        /// The payload's shape does not suit the packet type (PROTOCOL.md §2 table).
        public static let invalidPayload = Code(base: .invalidPayload)
        /// A `{"_placeholder":true}` object whose `num` is not an announced attachment.
        public static let invalidPlaceholder = Code(base: .invalidPlaceholder)
        /// A binary message arrived while no packet was waiting for attachments.
        public static let unexpectedAttachment = Code(base: .unexpectedAttachment)
        /// A text packet arrived while a binary packet was still waiting for attachments.
        public static let unexpectedText = Code(base: .unexpectedText)

        /// A short name for the code, e.g. "invalid payload".
        public var description: String {
            switch base {
            case .emptyPacket: "empty packet"
            case .unknownPacketType: "unknown packet type"
            case .invalidAttachmentCount: "invalid attachment count"
            case .tooManyAttachments: "too many attachments"
            case .namespaceTooLong: "namespace too long"
            case .invalidAckID: "invalid ack id"
            case .invalidJSON: "invalid JSON"
            case .invalidPayload: "invalid payload"
            case .invalidPlaceholder: "invalid placeholder"
            case .unexpectedAttachment: "unexpected attachment"
            case .unexpectedText: "unexpected text packet"
            }
        }
    }

    /// The kind of problem.
    public let code: Code
    /// For `.invalidJSON`: the parser's error, whose offset counts from the start of the JSON.
    public let jsonError: JSONError?
    private let detail: String

    private init(_ code: Code, _ detail: String, jsonError: JSONError? = nil) {
        self.code = code
        self.detail = detail
        self.jsonError = jsonError
    }

    static let emptyPacket = Self(.emptyPacket, "the message has no packet type")
    static func unknownPacketType(_ byte: UInt8) -> Self {
        let shown = (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        return Self(.unknownPacketType, "packet type \(shown) is not 0-6")
    }
    static let invalidAttachmentCount = Self(.invalidAttachmentCount, "a binary packet must start with '<type><digits>-'")
    static func tooManyAttachments(limit: Int) -> Self { Self(.tooManyAttachments, "more than \(limit) attachments announced") }
    static func namespaceTooLong(limit: Int) -> Self { Self(.namespaceTooLong, "namespace longer than \(limit) bytes") }
    static let invalidAckID = Self(.invalidAckID, "ack id does not fit in Int")
    static func invalidJSON(_ error: JSONError) -> Self { Self(.invalidJSON, "payload: \(error)", jsonError: error) }
    static func invalidPayload(_ type: SocketIOPacketType, _ rule: String) -> Self { Self(.invalidPayload, "\(type) payload must be \(rule)") }
    static func invalidPlaceholder(count: Int) -> Self {
        Self(.invalidPlaceholder, "placeholder num must be an integer below the attachment count \(count)")
    }
    static let unexpectedAttachment = Self(.unexpectedAttachment, "binary message arrived but no packet awaits attachments")
    static func unexpectedText(missing: Int) -> Self {
        Self(.unexpectedText, "text packet arrived while \(missing) attachment(s) were still due; the partial packet was dropped")
    }

    /// What went wrong, for logs and reports.
    public var description: String { "Socket.IO: \(code): \(detail)" }
}
