/// Writes numbers the way JavaScript's `Number.prototype.toString` does (ECMA-262
/// Number::toString), which is what `JSON.stringify` emits.
enum JSONNumberFormatter {
    /// 2^53: below it every integral `Double` is an exact integer.
    private static let exactIntegerLimit = 9_007_199_254_740_992.0

    static func append(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else {
            output.append(contentsOf: "null".utf8)
            return
        }
        if value == 0 {
            output.append(UInt8(ascii: "0"))  // JSON.stringify(-0) is "0"
            return
        }
        if value.magnitude < exactIntegerLimit, let integer = Int(exactly: value) {
            output.append(contentsOf: String(integer).utf8)
            return
        }
        appendShortest(value, to: &output)
    }

    /// Re-lays out the shortest round-trip digits that Swift's `description` finds (the same
    /// digits JavaScript finds) in JavaScript's notation.
    private static func appendShortest(_ value: Double, to output: inout [UInt8]) {
        // description is "[-]d.ddd" or "[-]d.ddde[+-]x" (e.g. "1e-07", "1.5e+300", "123.456").
        var digits: [UInt8] = []
        var pointPosition = 0  // decimal point position relative to the start of `digits`
        var exponent = 0
        var isExponentNegative = false
        var inExponent = false
        var seenPoint = false
        for byte in value.magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    digits.append(byte)
                    if !seenPoint { pointPosition += 1 }
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): isExponentNegative = true
            default: break  // "+"
            }
        }
        pointPosition += isExponentNegative ? -exponent : exponent
        while digits.count > 1, digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") {
            digits.removeLast()
        }

        if value < 0 { output.append(UInt8(ascii: "-")) }
        let k = digits.count
        let n = pointPosition
        if k <= n && n <= 21 {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
        } else if 0 < n && n <= 21 {
            output.append(contentsOf: digits[..<n])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            output.append(contentsOf: "0.".utf8)
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
            output.append(contentsOf: digits)
        } else {
            output.append(digits[0])
            if k > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[1...])
            }
            output.append(UInt8(ascii: "e"))
            output.append(n - 1 >= 0 ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            output.append(contentsOf: String(abs(n - 1)).utf8)
        }
    }
}
