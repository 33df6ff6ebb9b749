/// How strings are written: as `JSON.stringify` does (raw UTF-8) or as python's `json.dumps` does
/// by default (`ensure_ascii`: DEL and everything past ASCII as `\uXXXX`, surrogate pairs above the BMP).
public enum JSONStyle: Sendable, Hashable {
    case javaScript
    case python
}

extension JSONValue {
    /// The compact serialization, byte for byte what `JSON.stringify` writes for the same value:
    /// raw UTF-8, only `"`, `\` and control characters escaped, object keys in order, numbers
    /// in JavaScript's shortest form (`1`, `0.1`, `1e+21`), non-finite numbers as `null`.
    public var serialized: String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        serialize(into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The compact serialization in `style`.
    public func serialized(style: JSONStyle) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        serialize(into: &output, style: style)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the compact serialization (see ``serialized``) to `output` as UTF-8.
    public func serialize(into output: inout [UInt8], style: JSONStyle = .javaScript) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: value ? "true".utf8 : "false".utf8)
        case .number(let value):
            JSONNumberFormatter.append(value, to: &output)
        case .string(let value):
            Self.appendQuoted(value, to: &output, style: style)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                element.serialize(into: &output, style: style)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var isFirst = true
            for (key, value) in object {
                if !isFirst { output.append(UInt8(ascii: ",")) }
                isFirst = false
                Self.appendQuoted(key, to: &output, style: style)
                output.append(UInt8(ascii: ":"))
                value.serialize(into: &output, style: style)
            }
            output.append(UInt8(ascii: "}"))
        case .binary(let bytes):
            // What JSON.stringify writes for a Node.js Buffer (Buffer.prototype.toJSON).
            output.append(contentsOf: #"{"type":"Buffer","data":["#.utf8)
            for (i, byte) in bytes.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: String(byte).utf8)
            }
            output.append(contentsOf: "]}".utf8)
        }
    }

    /// Appends `string` as a JSON string literal in `style`.
    static func appendQuoted(_ string: String, to output: inout [UInt8], style: JSONStyle = .javaScript) {
        output.append(UInt8(ascii: "\""))
        if style == .python, string.utf8.contains(where: { $0 >= 0x7F }) {
            // ASCII runs escaped as JSON.stringify does; DEL and every other scalar as \uXXXX (UTF-16).
            var run: [UInt8] = []
            for scalar in string.unicodeScalars {
                if scalar.value < 0x7F {
                    run.append(UInt8(scalar.value))
                    continue
                }
                run.withUnsafeBufferPointer { appendEscaped($0, to: &output) }
                run.removeAll(keepingCapacity: true)
                for unit in String(scalar).utf16 {
                    output.append(contentsOf: "\\u".utf8)
                    for shift in stride(from: 12, through: 0, by: -4) { output.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)]) }
                }
            }
            run.withUnsafeBufferPointer { appendEscaped($0, to: &output) }
        } else {
            var string = string
            string.withUTF8 { appendEscaped($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends UTF-8 `bytes` with what JSON.stringify escapes escaped: `"`, `\\` and control characters.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var clean = 0  // start of the run not yet copied
        for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<i]))
            clean = i + 1
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: output.append(UInt8(ascii: "\""))
            case 0x5C: output.append(UInt8(ascii: "\\"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x09: output.append(UInt8(ascii: "t"))
            default:
                output.append(contentsOf: "u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...]))
    }
}
