import OpenChat

/// What every writer shows the same way: orders, labels and short texts derived from a report.
extension RunReport {
    /// Latency metrics in the order a connection and a message live through them; unknown names follow, sorted.
    static let metricOrder = ["tcpConnect", "engineOpen", "socketConnect", "connect", "upgrade", "nameConfirm",
                              "deliveryToSender", "delivery", "joinSeen", "leaveSeen"]
    /// Counters in reading order; unknown names follow, sorted.
    static let countOrder = ["usersStarted", "usersCompleted", "usersFailed", "usersSkipped", "connects", "sends", "sendsLate",
                             "deliveries", "deliveriesToSender", "foreignMessages", "errors", "violations"]

    /// The names of the metrics present, in ``metricOrder``.
    var orderedMetricNames: [String] { Self.ordered(metrics.keys, by: Self.metricOrder) }

    /// The counters present, in ``countOrder``.
    var orderedCounts: [(name: String, value: Int)] {
        Self.ordered(counts.keys, by: Self.countOrder).map { ($0, counts[$0] ?? 0) }
    }

    /// The number of contract violations over all checks (the `errors` check counts errors, not violations).
    var violationTotal: Int {
        checks.reduce(0) { $0 + $1.violationCount }
    }

    /// Every violation example of every check, in check order then detection order.
    var violationExamples: [(check: CheckName, example: ViolationExample)] {
        checks.flatMap { check in check.examples.map { (check.name, $0) } }
    }

    /// "PASSED", "FAILED" or "ABORTED".
    var statusWord: String { run.status.rawValue.uppercased() }

    /// The command line as one shell-quoted string.
    var commandLineText: String { run.commandLine.map(ShellQuoting.quote).joined(separator: " ") }

    private static func ordered(_ names: Dictionary<String, some Any>.Keys, by order: [String]) -> [String] {
        let known = order.filter { names.contains($0) }
        let rest = names.filter { !order.contains($0) }.sorted()
        return known + rest
    }
}

extension CheckResult {
    /// Violations by kind as "order-mismatch 1, sender-order 2", sorted by kind; empty when there are none.
    var countsText: String {
        counts.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// The number of findings over all kinds (violations, or errors for the `errors` check).
    var totalCount: Int { counts.values.reduce(0, +) }

    /// The number of findings whose kind is a contract violation.
    var violationCount: Int {
        counts.reduce(0) { $0 + (ViolationKind(rawValue: $1.key) == nil ? 0 : $1.value) }
    }
}

extension ViolationExample {
    /// Users as "3, 7".
    var usersText: String { users.map(String.init).joined(separator: ", ") }
}

/// POSIX shell quoting so a printed command line can be pasted back.
enum ShellQuoting {
    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")

    /// `argument` as is when it is plain, otherwise in single quotes (`it's` becomes `'it'\''s'`).
    static func quote(_ argument: String) -> String {
        if !argument.isEmpty, argument.allSatisfy(safe.contains) { return argument }
        return "'" + argument.replacing("'", with: #"'\''"#) + "'"
    }
}
