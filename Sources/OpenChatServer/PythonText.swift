import JSON

/// Renders JSON values the way python's `str()` renders what `json.loads` made of them, for
/// OpenChat's `f"{name}: {data}"`.
///
/// - strings as they are; `null`, `true`, `false` as `None`, `True`, `False`;
/// - numbers: an integral value below 1e21 as the integer JavaScript would have sent (python
///   parses it as an `int`), anything else as python's `repr(float)` (`0.5`, `1e-05`, `1e+21`).
///   `JSONValue` keeps no int/float distinction, so `1.0` sent literally prints `1`, not `1.0`,
///   and integers beyond 2^53 print as the double they were rounded to;
/// - lists, dicts and bytes as python's `repr` (`[1, 'a', None]`, `{'k': True}`, `b'\x01'`), strings
///   inside them quoted and escaped like python, non-printable characters as `\xNN`/`\uNNNN`/
///   `\UNNNNNNNN` (printability judged from Unicode general categories, close to `str.isprintable`).
public enum PythonText {
    /// python's `str(value)`.
    public static func str(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return repr(value)
    }

    /// python's `repr(value)`.
    public static func repr(_ value: JSONValue) -> String {
        var output = ""
        appendRepr(value, to: &output)
        return output
    }

    private static func appendRepr(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null: output += "None"
        case .bool(let flag): output += flag ? "True" : "False"
        case .number(let number): output += self.number(number)
        case .string(let text): appendQuoted(text, to: &output)
        case .array(let elements):
            output += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { output += ", " }
                appendRepr(element, to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            var isFirst = true
            for (key, member) in object {
                if !isFirst { output += ", " }
                isFirst = false
                appendQuoted(key, to: &output)
                output += ": "
                appendRepr(member, to: &output)
            }
            output += "}"
        case .binary(let bytes): output += bytesRepr(bytes)
        }
    }

    /// A number as python prints the value `json.loads` made of JavaScript's text for it.
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), value.magnitude < 1e21 {
            return JSONValue.number(value).serialized  // JavaScript's digits: an int for python
        }
        return floatRepr(value)
    }

    /// python's `repr(float)`: the shortest round-trip digits, positional when the decimal point
    /// position is in -4 < decpt <= 16, else `d.ddde±XX`.
    static func floatRepr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description has the same shortest digits; re-lay them out.
        var digits: [Character] = []
        var pointPosition = 0
        var exponent = 0
        var isExponentNegative = false
        var inExponent = false
        var seenPoint = false
        for character in value.magnitude.description {
            switch character {
            case "0"..."9":
                if inExponent {
                    exponent = exponent * 10 + Int(String(character))!
                } else {
                    digits.append(character)
                    if !seenPoint { pointPosition += 1 }
                }
            case ".": seenPoint = true
            case "e", "E": inExponent = true
            case "-": isExponentNegative = true
            default: break
            }
        }
        pointPosition += isExponentNegative ? -exponent : exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.last == "0" {
            digits.removeLast()
        }
        var output = value < 0 ? "-" : ""
        let decpt = pointPosition
        if decpt > -4 && decpt <= 16 {
            if decpt <= 0 {
                output += "0." + String(repeating: "0", count: -decpt) + String(digits)
            } else if decpt >= digits.count {
                output += String(digits) + String(repeating: "0", count: decpt - digits.count) + ".0"
            } else {
                output += String(digits[..<decpt]) + "." + String(digits[decpt...])
            }
        } else {
            output += String(digits[0])
            if digits.count > 1 { output += "." + String(digits[1...]) }
            let shown = decpt - 1
            output += "e" + (shown < 0 ? "-" : "+") + (abs(shown) < 10 ? "0" : "") + String(abs(shown))
        }
        return output
    }

    /// python's `repr(str)`: single quotes unless the text has `'` and no `"`.
    private static func appendQuoted(_ text: String, to output: inout String) {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        output.append(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if Character(scalar) == quote {
                    output += "\\" + String(quote)
                } else if isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += escaped(scalar.value)
                }
            }
        }
        output.append(quote)
    }

    /// python's `str.isprintable` for one character: not a control, format, surrogate,
    /// private-use or unassigned code point, nor a separator other than the ASCII space.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func escaped(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        if value <= 0xFF { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
        if value <= 0xFFFF { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// python's `repr(bytes)`.
    private static func bytesRepr(_ bytes: [UInt8]) -> String {
        let hasSingle = bytes.contains(UInt8(ascii: "'"))
        let hasDouble = bytes.contains(UInt8(ascii: "\""))
        let quote: UInt8 = hasSingle && !hasDouble ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        var output = "b" + String(UnicodeScalar(quote))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): output += "\\\\"
            case UInt8(ascii: "\n"): output += "\\n"
            case UInt8(ascii: "\r"): output += "\\r"
            case UInt8(ascii: "\t"): output += "\\t"
            case quote: output += "\\" + String(UnicodeScalar(quote))
            case 0x20..<0x7F: output.unicodeScalars.append(UnicodeScalar(byte))
            default: output += escaped(UInt32(byte))
            }
        }
        return output + String(UnicodeScalar(quote))
    }
}
