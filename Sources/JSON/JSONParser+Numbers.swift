extension JSONParser {
    /// Exact powers of ten: every one up to 10^22 is a `Double` without rounding.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses a number (RFC 8259 §6); `position` is at `-` or a digit.
    ///
    /// Common numbers take Clinger's fast path (an exact mantissa times an exact power of ten
    /// rounds once, so correctly); others go to the standard library's correctly rounded
    /// conversion. Out-of-range magnitudes become ±infinity or zero, as in `JSON.parse`.
    mutating func parseNumber() throws(JSONError) -> Double {
        let start = position
        var i = position
        let isNegative = input[i] == UInt8(ascii: "-")
        if isNegative { i += 1 }

        var mantissa: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0

        guard i < input.count, let first = digit(at: i) else { throw .invalidNumber(at: start) }
        if first == 0 {
            i += 1
            if i < input.count, digit(at: i) != nil { throw .invalidNumber(at: start) }
        } else {
            while i < input.count, let d = digit(at: i) {
                accumulate(d, into: &mantissa, count: &significantDigits)
                i += 1
            }
        }

        if i < input.count, input[i] == UInt8(ascii: ".") {
            i += 1
            guard i < input.count, digit(at: i) != nil else { throw .invalidNumber(at: start) }
            while i < input.count, let d = digit(at: i) {
                accumulate(d, into: &mantissa, count: &significantDigits)
                fractionDigits += 1
                i += 1
            }
        }

        var exponent = 0
        if i < input.count, input[i] == UInt8(ascii: "e") || input[i] == UInt8(ascii: "E") {
            i += 1
            var isExponentNegative = false
            if i < input.count, input[i] == UInt8(ascii: "-") || input[i] == UInt8(ascii: "+") {
                isExponentNegative = input[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < input.count, digit(at: i) != nil else { throw .invalidNumber(at: start) }
            while i < input.count, let d = digit(at: i) {
                // Saturate: anything this large is infinity or zero anyway.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(d) }
                i += 1
            }
            if isExponentNegative { exponent = -exponent }
        }
        position = i

        let scale = exponent - fractionDigits
        var magnitude: Double?
        if mantissa == 0 && significantDigits == 0 {
            magnitude = 0
        } else if significantDigits <= 19 && scale == 0 {
            magnitude = Double(mantissa)  // UInt64 -> Double rounds correctly
        } else if significantDigits <= 15 && (-22...22).contains(scale) {
            magnitude = scale > 0
                ? Double(mantissa) * Self.exactPowersOfTen[scale]
                : Double(mantissa) / Self.exactPowersOfTen[-scale]
        }
        if let magnitude {
            return isNegative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<i]), as: UTF8.self)
        guard let value = Double(text) else { throw .invalidNumber(at: start) }
        return value
    }

    private func digit(at i: Int) -> UInt8? {
        let value = input[i] &- UInt8(ascii: "0")
        return value < 10 ? value : nil
    }

    /// Adds a digit to the mantissa, skipping leading zeros, which are not significant.
    private func accumulate(_ digit: UInt8, into mantissa: inout UInt64, count: inout Int) {
        guard mantissa != 0 || digit != 0 else { return }
        count += 1
        if count <= 19 { mantissa = mantissa &* 10 &+ UInt64(digit) }
    }
}
