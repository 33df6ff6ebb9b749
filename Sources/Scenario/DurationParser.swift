import JSON

/// Reads durations: strings with a unit (`"500ms"`, `"2s"`, `"1.5m"`) or plain numbers of milliseconds.
enum DurationParser {
    /// The longest duration accepted, 24 hours, in milliseconds.
    static let maximumMilliseconds = 86_400_000

    /// Why a value is not an acceptable duration.
    enum Problem: Error, Equatable {
        /// Not a number or a string of the form `<number><unit>`.
        case notADuration
        /// Below zero.
        case negative
        /// Above ``DurationParser/maximumMilliseconds``.
        case tooLong
    }

    /// What the expected text of an issue says a duration looks like.
    static let shape = #"a duration such as "500ms", "2s" or "1.5m" (a plain number is milliseconds)"#

    /// The duration in milliseconds, rounded to the nearest millisecond.
    static func milliseconds(from value: JSONValue) -> Result<Int, Problem> {
        switch value {
        case .string(let text):
            return milliseconds(from: text)
        case .number(let number):
            guard number.isFinite else { return .failure(.notADuration) }
            guard number >= 0 else { return .failure(.negative) }
            guard number.rounded() == number else { return .failure(.notADuration) }
            return checked(number)
        default:
            return .failure(.notADuration)
        }
    }

    /// Parses `<digits>[.<digits>](ms|s|m)`, with an optional leading `-` only to report it as negative.
    static func milliseconds(from text: String) -> Result<Int, Problem> {
        var rest = Substring(text)
        let isNegative = rest.first == "-"
        if isNegative { rest = rest.dropFirst() }
        let numberText = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = rest[numberText.endIndex...]
        guard numberText.isUnsignedDecimal, let number = Double(numberText) else { return .failure(.notADuration) }
        let factor: Double
        switch unit {
        case "ms": factor = 1
        case "s": factor = 1_000
        case "m": factor = 60_000
        default: return .failure(.notADuration)
        }
        if isNegative && number != 0 { return .failure(.negative) }
        return checked((number * factor).rounded())
    }

    private static func checked(_ milliseconds: Double) -> Result<Int, Problem> {
        guard milliseconds <= Double(maximumMilliseconds) else { return .failure(.tooLong) }
        return .success(Int(milliseconds))
    }
}
