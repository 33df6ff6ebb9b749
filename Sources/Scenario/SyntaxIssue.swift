import JSON

/// Turns a JSON syntax error into an issue located by line and column.
enum SyntaxIssue {
    /// The issue for `error`, found while parsing `bytes`.
    static func make(for error: JSONError, in bytes: [UInt8]) -> ScenarioIssue {
        let offset = min(max(error.offset, 0), bytes.count)
        let (line, column) = lineAndColumn(of: offset, in: bytes)
        let location = "line \(line), column \(column)"
        let byte = offset < bytes.count ? bytes[offset] : nil
        switch error.code {
        case .unexpectedEnd:
            return ScenarioIssue(path: location, found: "the end of the file", expected: "the rest of the JSON value (an unclosed string, array or object?)")
        case .trailingData:
            return ScenarioIssue(path: location, found: describe(byte), expected: "the end of the file after the scenario object")
        case .unexpectedByte:
            return ScenarioIssue(path: location, found: describe(byte), expected: expectedText(of: error) + hint(at: offset, in: bytes))
        case .invalidNumber:
            return ScenarioIssue(path: location, found: "an invalid number", expected: "a JSON number (no leading zeros, + signs or NaN; digits after the point)")
        default:
            return ScenarioIssue(path: location, found: "\(error.code)", expected: "valid JSON (RFC 8259)")
        }
    }

    /// 1-based line and column (in characters) of the byte at `offset`.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // count characters, not UTF-8 continuation bytes
                column += 1
            }
        }
        return (line, column)
    }

    private static func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the file" }
        if (0x21...0x7E).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" : "")\(hex)"
    }

    /// The parser's own expectation, from "…, expected X" at the end of its message.
    private static func expectedText(of error: JSONError) -> String {
        let message = error.description
        guard let range = message.ranges(of: ", expected ").last else { return "valid JSON" }
        let expected = String(message[range.upperBound...])
        return expected == "a string" ? "a key in double quotes" : expected
    }

    /// Common slips: a trailing comma, a comment, single quotes.
    private static func hint(at offset: Int, in bytes: [UInt8]) -> String {
        guard offset < bytes.count else { return "" }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}"),
           bytes[..<offset].last(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: ",") {
            return " (JSON allows no trailing comma)"
        }
        if byte == UInt8(ascii: "/") { return " (JSON has no comments)" }
        if byte == UInt8(ascii: "'") { return " (JSON strings use double quotes)" }
        return ""
    }
}
