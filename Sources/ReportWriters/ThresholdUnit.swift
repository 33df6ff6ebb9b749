/// The unit a threshold's value is measured in, which decides how it is shown.
enum ThresholdUnit: Sendable, Equatable {
    /// A duration statistic (`delivery.p99`), in milliseconds.
    case milliseconds
    /// A rate (`errors.rate`), a fraction shown as a percentage.
    case fraction
    /// A counter (`violations`) or a sample count (`delivery.count`).
    case plain

    init(statistic: String?) {
        switch statistic {
        case nil, "count": self = .plain
        case "rate": self = .fraction
        default: self = .milliseconds
        }
    }

    /// Reads the unit from an expression as written (`delivery.p99 < 250ms`): the writers see only the text.
    init(expression: String) {
        let name = expression.prefix { !$0.isWhitespace && !"<>=!".contains($0) }
        guard let dot = name.firstIndex(of: ".") else {
            self = .plain
            return
        }
        self.init(statistic: String(name[name.index(after: dot)...]))
    }

    /// `value` in this unit: "212 ms", "1.50%", "3".
    func format(_ value: Double) -> String {
        switch self {
        case .milliseconds: NumberFormatting.milliseconds(value) + " ms"
        case .fraction: NumberFormatting.percent(value)
        case .plain: NumberFormatting.plain(value)
        }
    }
}
