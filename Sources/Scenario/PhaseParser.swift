/// Parses one load phase: `{"users": 10, "spread": "1s"}`, `{"duration": "30s", "arrivalRate": 1, "rampTo": 5}`
/// or `{"pause": "2s"}`, each with an optional `name`.
enum PhaseParser {
    /// Every key a phase may have.
    static let keys = ["name", "users", "spread", "duration", "arrivalRate", "rampTo", "pause"]
    /// The most users one `users` phase may start, and the highest arrival rate per second.
    static let maximumUsers = 100_000
    static let maximumRate = 10_000.0

    /// The phase at `$.phases[index]`; nil after recording its problems.
    static func parse(_ field: Field, index: Int, _ issues: inout IssueList) -> Phase? {
        guard let phase = field.object(&issues, keys: keys, expected: #"an object such as {"users": 10, "spread": "1s"}"#) else {
            return nil
        }
        let name = phase["name"]?.nonEmptyString(&issues) ?? "phase-\(index + 1)"
        let kinds = ["users", "arrivalRate", "pause"].filter(phase.contains)
        if kinds.count > 1 {
            issues.add(phase.path.appending(kinds[1]), found: "both \"\(kinds[0])\" and \"\(kinds[1])\"",
                       expected: #"one kind per phase: "users", "arrivalRate" or "pause""#)
            return nil
        }
        let misplaced = reportMisplacedKeys(phase, kind: kinds.first, &issues)
        switch kinds.first {
        case "users":
            let count = phase["users"]?.integer(in: 1...maximumUsers, &issues)
            let spread = phase["spread"]?.duration(&issues, allowsZero: true) ?? 0
            return count.map { .users(name: name, count: $0, spreadMilliseconds: spread) }
        case "arrivalRate":
            let rate = readRate(phase["arrivalRate"], expected: "a number > 0", allowsZero: false, &issues)
            let rampTo = phase["rampTo"].flatMap { readRate($0, expected: "a number >= 0", allowsZero: true, &issues) }
            let duration = phase.required("duration", &issues, expected: #"a duration > 0 such as "30s""#)?
                .duration(&issues, allowsZero: false)
            guard let rate, let duration else { return nil }
            return .arrivals(name: name, durationMilliseconds: duration, rate: rate, rampTo: rampTo)
        case "pause":
            return phase["pause"]?.duration(&issues, allowsZero: false).map { .pause(name: name, durationMilliseconds: $0) }
        default:
            if !misplaced {
                issues.add(phase.path, found: #"no "users", "arrivalRate" or "pause""#,
                           expected: #"one of "users" (start N users), "arrivalRate" (arrivals per second) or "pause" (a quiet time)"#)
            }
            return nil
        }
    }

    /// Records keys that belong to another kind of phase; returns whether there were any.
    private static func reportMisplacedKeys(_ phase: Fields, kind: String?, _ issues: inout IssueList) -> Bool {
        var found = false
        let rules: [(key: String, kind: String, expected: String)] = [
            ("spread", "users", #""spread" only together with "users""#),
            ("rampTo", "arrivalRate", #""rampTo" only together with "arrivalRate""#),
            ("duration", "arrivalRate", #""duration" only together with "arrivalRate" (a quiet time is {"pause": "2s"})"#),
        ]
        for rule in rules where kind != rule.kind {
            if let field = phase[rule.key] {
                issues.add(field.path, value: field.value, expected: rule.expected)
                found = true
            }
        }
        return found
    }

    private static func readRate(_ field: Field?, expected: String, allowsZero: Bool, _ issues: inout IssueList) -> Double? {
        guard let field else { return nil }
        guard let rate = field.number(&issues, expected: expected, where: { $0 > 0 || (allowsZero && $0 == 0) }) else { return nil }
        guard rate <= maximumRate else {
            issues.add(field.path, value: field.value, expected: "at most \(Int(maximumRate)) users per second")
            return nil
        }
        return rate
    }
}
