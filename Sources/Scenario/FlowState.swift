/// Whether a virtual user is connected at a point of its flow, tracked while the flow is parsed,
/// so that `send` after `leave` or `setName` before `connect` are reported before anything runs.
struct FlowState: Equatable {
    private enum Connection: Equatable {
        /// No `connect` yet.
        case neverConnected
        case connected
        /// Closed by the `leave` or `drop` step at `path`.
        case closed(step: String, path: String)
        /// After a step that could not be parsed: nothing is reported until a `connect`, `leave` or `drop`.
        case unknown
    }

    private var connection = Connection.neverConnected

    /// Whether the flow connected at least once (or may have, after an unparsable step).
    private(set) var hasConnected = false

    /// The flow opens the connection at `path`.
    mutating func connect(at path: JSONPath, _ issues: inout IssueList) {
        if connection == .connected {
            issues.add(path, found: #""connect" while already connected"#, expected: #"a "leave" or "drop" step before connecting again"#)
        }
        connection = .connected
        hasConnected = true
    }

    /// The flow closes the connection at `path` with `step` (`leave` or `drop`).
    mutating func close(_ step: String, at path: JSONPath, _ issues: inout IssueList) {
        requireConnection(for: step, at: path, &issues)
        connection = .closed(step: step, path: path.description)
    }

    /// The `step` at `path` needs an open connection.
    func requireConnection(for step: String, at path: JSONPath, _ issues: inout IssueList) {
        switch connection {
        case .connected, .unknown:
            break
        case .neverConnected:
            issues.add(path, found: "\"\(step)\" before any \"connect\"", expected: #"a "connect" step earlier in the flow"#)
        case .closed(let closingStep, let closingPath):
            issues.add(path, found: "\"\(step)\" after the \"\(closingStep)\" at \(closingPath)",
                       expected: #"a "connect" step between them"#)
        }
    }

    /// A step whose kind is unknown: stop reporting until the state is known again.
    mutating func forget() {
        connection = .unknown
        hasConnected = true
    }
}
