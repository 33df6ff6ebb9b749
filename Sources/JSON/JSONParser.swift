/// A strict RFC 8259 parser over a contiguous UTF-8 buffer.
///
/// It keeps open arrays and objects on an explicit stack instead of recursing, so no input can
/// overflow the thread's stack; `JSONLimits.maxDepth` bounds that stack.
struct JSONParser {
    let input: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Reused for strings that contain escapes or non-ASCII bytes.
    var scratch: [UInt8] = []
    private let maxDepth: Int

    private init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.input = input
        self.maxDepth = maxDepth
    }

    static func parse(_ input: UnsafeBufferPointer<UInt8>, limits: JSONLimits) throws(JSONError) -> JSONValue {
        guard input.count <= limits.maxBytes else { throw .inputTooLarge(limit: limits.maxBytes) }
        var parser = JSONParser(input: input, maxDepth: limits.effectiveMaxDepth)
        return try parser.parseDocument()
    }

    /// An array or object that is still open.
    private struct Container {
        var isObject: Bool
        var keys: [String] = []
        var values: [JSONValue] = []
    }

    private mutating func parseDocument() throws(JSONError) -> JSONValue {
        var stack: [Container] = []
        parsingValue: while true {
            var value: JSONValue
            let byte = try nextNonWhitespace()
            switch byte {
            case UInt8(ascii: "{"):
                guard stack.count < maxDepth else { throw .nestingTooDeep(limit: maxDepth, at: position) }
                position += 1
                if try nextNonWhitespace() == UInt8(ascii: "}") {
                    position += 1
                    value = .object(JSONObject())
                } else {
                    let key = try parseKey()
                    stack.append(Container(isObject: true, keys: [key]))
                    continue parsingValue
                }
            case UInt8(ascii: "["):
                guard stack.count < maxDepth else { throw .nestingTooDeep(limit: maxDepth, at: position) }
                position += 1
                if try nextNonWhitespace() == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    stack.append(Container(isObject: false))
                    continue parsingValue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            default:
                throw .unexpectedByte(byte, at: position, expected: "a value")
            }

            // Hand the finished value to its container, closing every container that ends here.
            while let top = stack.indices.last {
                stack[top].values.append(value)
                if stack[top].isObject {
                    let byte = try nextNonWhitespace()
                    position += 1
                    if byte == UInt8(ascii: ",") {
                        _ = try nextNonWhitespace()
                        let key = try parseKey()
                        stack[top].keys.append(key)
                        continue parsingValue
                    } else if byte == UInt8(ascii: "}") {
                        let container = stack.removeLast()
                        value = .object(JSONObject(parsedKeys: container.keys, values: container.values))
                    } else {
                        throw .unexpectedByte(byte, at: position - 1, expected: "',' or '}'")
                    }
                } else {
                    let byte = try nextNonWhitespace()
                    position += 1
                    if byte == UInt8(ascii: ",") {
                        continue parsingValue
                    } else if byte == UInt8(ascii: "]") {
                        value = .array(stack.removeLast().values)
                    } else {
                        throw .unexpectedByte(byte, at: position - 1, expected: "',' or ']'")
                    }
                }
            }
            skipWhitespace()
            guard position == input.count else { throw .trailingData(at: position) }
            return value
        }
    }

    /// Parses `"key"` and the `:` after it; `position` is at the opening quote.
    private mutating func parseKey() throws(JSONError) -> String {
        let byte = input[position]
        guard byte == UInt8(ascii: "\"") else { throw .unexpectedByte(byte, at: position, expected: "a string") }
        let key = try parseString()
        let colon = try nextNonWhitespace()
        guard colon == UInt8(ascii: ":") else { throw .unexpectedByte(colon, at: position, expected: "':'") }
        position += 1
        return key
    }

    /// Skips whitespace and returns the next byte without consuming it.
    private mutating func nextNonWhitespace() throws(JSONError) -> UInt8 {
        skipWhitespace()
        guard position < input.count else { throw .unexpectedEnd(at: position) }
        return input[position]
    }

    /// Skips the four whitespace bytes of RFC 8259 §2.
    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in bytes {
            guard position < input.count else { throw .unexpectedEnd(at: position) }
            let byte = input[position]
            guard byte == expected else { throw .unexpectedByte(byte, at: position, expected: "'\(literal)'") }
            position += 1
        }
    }
}
