/// Parses `checks`: which OpenChat checks run, and their grace period.
enum CheckSettingsParser {
    /// Every key `checks` may have.
    static let keys = ["delivery", "content", "order", "usernames", "errors", "grace"]

    /// The settings; defaults (every check on, 2 s grace) for whatever is missing or invalid.
    static func parse(_ field: Field, _ issues: inout IssueList) -> CheckSettings {
        var settings = CheckSettings()
        guard let checks = field.object(&issues, keys: keys) else { return settings }
        let flags: [(String, WritableKeyPath<CheckSettings, Bool>)] = [
            ("delivery", \.delivery), ("content", \.content), ("order", \.order), ("usernames", \.usernames), ("errors", \.errors),
        ]
        for (key, keyPath) in flags {
            if let flag = checks[key]?.bool(&issues) { settings[keyPath: keyPath] = flag }
        }
        if let grace = checks["grace"]?.duration(&issues, allowsZero: true) {
            settings.graceMilliseconds = grace
        }
        return settings
    }
}
