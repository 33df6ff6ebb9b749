/// Checks that an `expect` regular expression compiles, with the syntax of Swift's `Regex`.
enum RegexValidator {
    /// Whether `pattern` compiles; records an issue with the compiler's message when it does not.
    static func validate(_ pattern: String, at path: JSONPath, _ issues: inout IssueList) -> Bool {
        do {
            _ = try Regex(pattern)
            return true
        } catch {
            var reason = "\(error)"
            if reason.count > 80 { reason = String(reason.prefix(80)) + "…" }
            issues.add(path, found: IssueList.quote(pattern), expected: "a valid regular expression (\(reason))")
            return false
        }
    }
}
