/// A JSON text that the parser rejected, with the byte offset where the problem was found.
public struct JSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem the parser found. An open set: new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: Hashable, Sendable {
            case unexpectedEnd, unexpectedByte, trailingData, invalidNumber, invalidEscape
            case invalidUnicodeEscape, loneSurrogate, invalidUTF8, controlCharacterInString
            case nestingTooDeep, inputTooLarge
        }

        fileprivate let base: Base

        /// The input ended inside a value (RFC 8259 §2).
        public static let unexpectedEnd = Code(base: .unexpectedEnd)
        /// A byte that cannot start or continue the expected token.
        public static let unexpectedByte = Code(base: .unexpectedByte)
        /// Something other than whitespace follows the top-level value.
        public static let trailingData = Code(base: .trailingData)
        /// A number that breaks the RFC 8259 §6 grammar (`01`, `1.`, `.5`, `1e`, `-`).
        public static let invalidNumber = Code(base: .invalidNumber)
        /// A backslash followed by something other than `" \ / b f n r t u` (RFC 8259 §7).
        public static let invalidEscape = Code(base: .invalidEscape)
        /// `\u` not followed by four hexadecimal digits.
        public static let invalidUnicodeEscape = Code(base: .invalidUnicodeEscape)
        /// A `\uD800`-`\uDFFF` escape that is not half of a surrogate pair.
        public static let loneSurrogate = Code(base: .loneSurrogate)
        /// Bytes inside a string that are not well-formed UTF-8 (RFC 8259 §8.1).
        public static let invalidUTF8 = Code(base: .invalidUTF8)
        /// A raw byte below 0x20 inside a string; it must be escaped (RFC 8259 §7).
        public static let controlCharacterInString = Code(base: .controlCharacterInString)
        /// Arrays and objects nest deeper than `JSONLimits.maxDepth`.
        public static let nestingTooDeep = Code(base: .nestingTooDeep)
        /// The input is longer than `JSONLimits.maxBytes`.
        public static let inputTooLarge = Code(base: .inputTooLarge)

        /// A short name for the code, e.g. "invalid number".
        public var description: String {
            switch base {
            case .unexpectedEnd: "unexpected end of input"
            case .unexpectedByte: "unexpected byte"
            case .trailingData: "data after the JSON value"
            case .invalidNumber: "invalid number"
            case .invalidEscape: "invalid escape sequence"
            case .invalidUnicodeEscape: "invalid \\u escape"
            case .loneSurrogate: "unpaired UTF-16 surrogate escape"
            case .invalidUTF8: "invalid UTF-8 in string"
            case .controlCharacterInString: "unescaped control character in string"
            case .nestingTooDeep: "nesting too deep"
            case .inputTooLarge: "input too large"
            }
        }
    }

    /// The kind of problem.
    public let code: Code
    /// The offset, in bytes from the start of the input, of the offending byte.
    public let offset: Int
    /// Extra context for the message: the offending byte, or the limit that was exceeded.
    private let detail: Detail

    private enum Detail: Hashable, Sendable {
        case none
        case byte(UInt8, expected: String)
        case limit(Int)
    }

    private init(_ code: Code, offset: Int, detail: Detail) {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    static func unexpectedEnd(at offset: Int) -> JSONError { JSONError(.unexpectedEnd, offset: offset, detail: .none) }
    static func unexpectedByte(_ byte: UInt8, at offset: Int, expected: String) -> JSONError {
        JSONError(.unexpectedByte, offset: offset, detail: .byte(byte, expected: expected))
    }
    static func trailingData(at offset: Int) -> JSONError { JSONError(.trailingData, offset: offset, detail: .none) }
    static func invalidNumber(at offset: Int) -> JSONError { JSONError(.invalidNumber, offset: offset, detail: .none) }
    static func invalidEscape(at offset: Int) -> JSONError { JSONError(.invalidEscape, offset: offset, detail: .none) }
    static func invalidUnicodeEscape(at offset: Int) -> JSONError { JSONError(.invalidUnicodeEscape, offset: offset, detail: .none) }
    static func loneSurrogate(at offset: Int) -> JSONError { JSONError(.loneSurrogate, offset: offset, detail: .none) }
    static func invalidUTF8(at offset: Int) -> JSONError { JSONError(.invalidUTF8, offset: offset, detail: .none) }
    static func controlCharacter(at offset: Int) -> JSONError { JSONError(.controlCharacterInString, offset: offset, detail: .none) }
    static func nestingTooDeep(limit: Int, at offset: Int) -> JSONError { JSONError(.nestingTooDeep, offset: offset, detail: .limit(limit)) }
    static func inputTooLarge(limit: Int) -> JSONError { JSONError(.inputTooLarge, offset: limit, detail: .limit(limit)) }

    /// Where and what went wrong, e.g. "JSON error at byte 3: unexpected byte 0x32 '2', expected ',' or ']'".
    public var description: String {
        switch detail {
        case .none:
            return "JSON error at byte \(offset): \(code)"
        case .byte(let byte, let expected):
            let hex = String(byte, radix: 16, uppercase: true)
            let shown = (0x21...0x7E).contains(byte) ? " '\(Character(Unicode.Scalar(byte)))'" : ""
            return "JSON error at byte \(offset): unexpected byte 0x\(hex.count == 1 ? "0" : "")\(hex)\(shown), expected \(expected)"
        case .limit(let limit):
            return "JSON error at byte \(offset): \(code) (limit \(limit))"
        }
    }
}
