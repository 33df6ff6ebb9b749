extension JSONParser {
    /// Parses a string; `position` is at the opening quote and ends after the closing one.
    mutating func parseString() throws(JSONError) -> String {
        let start = position + 1
        var i = start
        // Most keys and values are printable ASCII without escapes: make them straight from input.
        while i < input.count {
            let byte = input[i]
            if byte == UInt8(ascii: "\"") {
                position = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: input[start..<i]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            i += 1
        }
        return try parseStringSlowly(start: start, resumingAt: i)
    }

    /// Validates UTF-8 and decodes escapes. Runs without escapes are copied into `scratch` only
    /// once an escape shows that the string differs from its bytes.
    private mutating func parseStringSlowly(start: Int, resumingAt resume: Int) throws(JSONError) -> String {
        var usesScratch = false
        var runStart = start  // first byte not yet copied into scratch
        var i = resume
        while true {
            guard i < input.count else { throw .unexpectedEnd(at: i) }
            let byte = input[i]
            switch byte {
            case UInt8(ascii: "\""):
                position = i + 1
                guard usesScratch else {
                    return String(decoding: UnsafeBufferPointer(rebasing: input[start..<i]), as: UTF8.self)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<i]))
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                if !usesScratch {
                    usesScratch = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<i]))
                i = try decodeEscape(at: i)
                runStart = i
            case 0..<0x20:
                throw .controlCharacter(at: i)
            case 0x20..<0x80:
                i += 1
            default:
                i += try validUTF8SequenceLength(at: i)
            }
        }
    }

    /// Appends the character of the escape at `i` (RFC 8259 §7) and returns the index after it.
    private mutating func decodeEscape(at i: Int) throws(JSONError) -> Int {
        guard i + 1 < input.count else { throw .unexpectedEnd(at: i + 1) }
        let decoded: UInt8
        switch input[i + 1] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"): return try decodeUnicodeEscape(at: i)
        default: throw .invalidEscape(at: i)
        }
        scratch.append(decoded)
        return i + 2
    }

    /// Decodes `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair as python's `ensure_ascii` writes
    /// astral characters; a surrogate that is not part of a pair is an error.
    private mutating func decodeUnicodeEscape(at i: Int) throws(JSONError) -> Int {
        let unit = try hexQuad(escapeAt: i)
        var scalarValue = UInt32(unit)
        var next = i + 6
        switch unit {
        case 0xD800...0xDBFF:
            for (offset, expected) in [(0, UInt8(ascii: "\\")), (1, UInt8(ascii: "u"))] {
                guard next + offset < input.count else { throw .unexpectedEnd(at: input.count) }
                guard input[next + offset] == expected else { throw .loneSurrogate(at: i) }
            }
            let low = try hexQuad(escapeAt: next)
            guard (0xDC00...0xDFFF).contains(low) else { throw .loneSurrogate(at: i) }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            next += 6
        case 0xDC00...0xDFFF:
            throw .loneSurrogate(at: i)
        default:
            break
        }
        // Every value outside the surrogate range is a valid scalar.
        let scalar = Unicode.Scalar(scalarValue)!
        for unit in UTF8.encode(scalar)! {
            scratch.append(unit)
        }
        return next
    }

    /// The four hexadecimal digits after the `\u` at `i`.
    private func hexQuad(escapeAt i: Int) throws(JSONError) -> UInt16 {
        var value: UInt16 = 0
        for offset in 2..<6 {
            guard i + offset < input.count else { throw .unexpectedEnd(at: input.count) }
            let byte = input[i + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw .invalidUnicodeEscape(at: i)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (Unicode 15, table 3-7).
    private func validUTF8SequenceLength(at i: Int) throws(JSONError) -> Int {
        let lead = input[i]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw .invalidUTF8(at: i)
        }
        guard i + length <= input.count else { throw .invalidUTF8(at: i) }
        guard secondRange.contains(input[i + 1]) else { throw .invalidUTF8(at: i) }
        for k in 2..<length where !(0x80...0xBF).contains(input[i + k]) {
            throw .invalidUTF8(at: i)
        }
        return length
    }
}
