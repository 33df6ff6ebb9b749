/// One problem in a scenario file: where it is, what was there and what is accepted.
///
/// The description reads like `$.phases[1].arrivalRate: found -3, expected a number > 0`.
public struct ScenarioIssue: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is: a JSON path such as `$.groups[0].flow[2].loop.every`, or
    /// `line 3, column 5` for a JSON syntax error.
    public var path: String
    /// What was there, short: a JSON literal (`"5x"`, `-3`), `an object`, `an array` or `missing`.
    public var found: String
    /// What is accepted there, possibly with a suggestion ("did you mean 'rampTo'?").
    public var expected: String

    /// Creates an issue.
    public init(path: String, found: String, expected: String) {
        self.path = path
        self.found = found
        self.expected = expected
    }

    /// `<path>: found <found>, expected <expected>`.
    public var description: String { "\(path): found \(found), expected \(expected)" }
}
