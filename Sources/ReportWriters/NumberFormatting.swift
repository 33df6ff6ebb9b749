/// Locale-independent number text for reports (a report reads the same on every machine).
enum NumberFormatting {
    /// `value` with exactly `digits` decimals, rounded half away from zero: `fixed(3.14159, digits: 2)` is "3.14".
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 1e18 else { return String(value) }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fraction = String(units % UInt64(scale))
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// Milliseconds with precision that suits their size: "0.84", "12.3", "312".
    static func milliseconds(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 100 { return fixed(value, digits: 0) }
        if magnitude >= 10 { return fixed(value, digits: 1) }
        return fixed(value, digits: 2)
    }

    /// A fraction as a percentage: 0.0123 is "1.23%".
    static func percent(_ fraction: Double) -> String {
        fixed(fraction * 100, digits: 2) + "%"
    }

    /// A count or other plain number: integers without decimals, anything else with up to three.
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return fixed(value, digits: 0) }
        return fixed(value, digits: 3)
    }

    /// An axis tick: at most three decimals, trailing zeros dropped: "0", "2.5", "0.125".
    static func tick(_ value: Double) -> String {
        var text = fixed(value, digits: 3)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Seconds with one decimal: "20.0 s".
    static func seconds(_ value: Double) -> String {
        fixed(value, digits: 1) + " s"
    }
}
