/// A scenario that cannot run, with every problem found in it.
///
/// Validation does not stop at the first problem: a file with a typo in a key, a negative
/// duration and a missing environment variable reports all three.
public struct ScenarioValidationError: Error, CustomStringConvertible {
    /// The file the scenario came from, when it came from a file.
    public var file: String?
    /// The problems, in the order the parser met them; never empty.
    public var issues: [ScenarioIssue]

    /// Creates an error for the issues found in `file`.
    public init(file: String?, issues: [ScenarioIssue]) {
        self.file = file
        self.issues = issues
    }

    /// A header naming the file and the count, then one issue per line.
    public var description: String {
        let source = file.map { "scenario \($0)" } ?? "scenario"
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return (["\(source) is invalid (\(count)):"] + issues.map { "  \($0)" }).joined(separator: "\n")
    }
}
