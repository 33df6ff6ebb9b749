import JSON

/// Engine.IO input that the codecs rejected.
public struct EngineIOError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem was found. An open set: new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: Hashable, Sendable {
            case emptyPacket, unknownPacketType, invalidUTF8, invalidBase64, tooManyPackets, invalidHandshake
        }

        fileprivate let base: Base

        /// A packet with no type digit (an empty WebSocket frame, or `\x1e\x1e` in a payload).
        public static let emptyPacket = Code(base: .emptyPacket)
        /// A first byte other than the digits `0`-`6` (or `b` in a polling payload).
        public static let unknownPacketType = Code(base: .unknownPacketType)
        /// A polling payload that is not UTF-8 text (Engine.IO v4 payloads are text).
        public static let invalidUTF8 = Code(base: .invalidUTF8)
        /// A `b<base64>` packet whose base64 is malformed.
        public static let invalidBase64 = Code(base: .invalidBase64)
        /// A polling payload with more packets than the caller allows.
        public static let tooManyPackets = Code(base: .tooManyPackets)
        /// An open packet whose JSON is missing a field or has one of the wrong type or range.
        public static let invalidHandshake = Code(base: .invalidHandshake)

        /// A short name for the code, e.g. "invalid base64".
        public var description: String {
            switch base {
            case .emptyPacket: "empty packet"
            case .unknownPacketType: "unknown packet type"
            case .invalidUTF8: "invalid UTF-8"
            case .invalidBase64: "invalid base64"
            case .tooManyPackets: "too many packets"
            case .invalidHandshake: "invalid handshake"
            }
        }
    }

    private enum Base: Hashable, Sendable {
        case emptyPacket(index: Int?)
        case unknownPacketType(UInt8, index: Int?)
        case invalidUTF8(index: Int)
        case invalidBase64(index: Int)
        case tooManyPackets(limit: Int)
        case invalidHandshakeJSON(JSONError)
        case invalidHandshakeField(String, problem: String)
    }

    private let base: Base

    private init(_ base: Base) { self.base = base }

    /// The kind of problem.
    public var code: Code {
        switch base {
        case .emptyPacket: .emptyPacket
        case .unknownPacketType: .unknownPacketType
        case .invalidUTF8: .invalidUTF8
        case .invalidBase64: .invalidBase64
        case .tooManyPackets: .tooManyPackets
        case .invalidHandshakeJSON, .invalidHandshakeField: .invalidHandshake
        }
    }

    /// For `.invalidHandshake`: the offending field (`"sid"`, `"pingInterval"`, ...), or `nil`
    /// when the text is not a JSON object at all.
    public var handshakeField: String? {
        if case .invalidHandshakeField(let field, _) = base { field } else { nil }
    }

    /// For `.invalidHandshake` caused by malformed JSON: the parser's error.
    public var jsonError: JSONError? {
        if case .invalidHandshakeJSON(let error) = base { error } else { nil }
    }

    /// For errors in a polling payload: the zero-based position of the bad packet.
    public var packetIndex: Int? {
        switch base {
        case .emptyPacket(let index), .unknownPacketType(_, let index): index
        case .invalidUTF8(let index), .invalidBase64(let index): index
        case .tooManyPackets, .invalidHandshakeJSON, .invalidHandshakeField: nil
        }
    }

    static func emptyPacket(index: Int? = nil) -> Self { Self(.emptyPacket(index: index)) }
    static func unknownPacketType(_ byte: UInt8, index: Int? = nil) -> Self { Self(.unknownPacketType(byte, index: index)) }
    static func invalidUTF8(index: Int) -> Self { Self(.invalidUTF8(index: index)) }
    static func invalidBase64(index: Int) -> Self { Self(.invalidBase64(index: index)) }
    static func tooManyPackets(limit: Int) -> Self { Self(.tooManyPackets(limit: limit)) }
    static func invalidHandshake(_ error: JSONError) -> Self { Self(.invalidHandshakeJSON(error)) }
    static func invalidHandshake(field: String, _ problem: String) -> Self { Self(.invalidHandshakeField(field, problem: problem)) }

    /// Returns the error with the position of the packet in its polling payload.
    func inPacket(_ index: Int) -> Self {
        switch base {
        case .emptyPacket: .emptyPacket(index: index)
        case .unknownPacketType(let byte, _): .unknownPacketType(byte, index: index)
        default: self
        }
    }

    /// What went wrong and where, for logs and reports.
    public var description: String {
        let location = packetIndex.map { " (packet \($0) of the polling payload)" } ?? ""
        switch base {
        case .emptyPacket:
            return "Engine.IO: empty packet\(location)"
        case .unknownPacketType(let byte, _):
            let shown = (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
            return "Engine.IO: unknown packet type \(shown)\(location); v4 types are 0-6"
        case .invalidUTF8:
            return "Engine.IO: polling payload is not valid UTF-8\(location)"
        case .invalidBase64:
            return "Engine.IO: malformed base64 in binary packet\(location)"
        case .tooManyPackets(let limit):
            return "Engine.IO: polling payload has more than \(limit) packets"
        case .invalidHandshakeJSON(let error):
            return "Engine.IO: open packet is not valid JSON: \(error)"
        case .invalidHandshakeField(let field, let problem):
            return "Engine.IO: open packet field \"\(field)\" \(problem)"
        }
    }
}
