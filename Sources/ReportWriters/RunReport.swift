import OpenChat

/// Everything a run produced, as written to `report.json` (schema ``RunReport/schema``, version ``RunReport/currentVersion``).
/// The writers (Markdown, HTML, JUnit) and `openchat-probe report` read only this.
public struct RunReport: Codable, Sendable, Equatable {
    /// The schema identifier written into every report.
    public static let schema = "openchat-probe/report"
    /// The current schema version; bumped on incompatible changes.
    public static let currentVersion = 1

    public var schema: String = RunReport.schema
    public var version: Int = RunReport.currentVersion
    public var run: RunInfo
    /// Plain counters: `usersStarted`, `usersCompleted`, `usersFailed`, `usersSkipped`, `connects`, `sends`,
    /// `sendsLate`, `deliveries`, `deliveriesToSender`, `foreignMessages`, `errors`, `violations`, ...
    public var counts: [String: Int]
    /// Latency metrics by name (`tcpConnect`, `engineOpen`, `socketConnect`, `connect`, `upgrade`, `nameConfirm`,
    /// `deliveryToSender`, `delivery`, `joinSeen`, `leaveSeen`), all in milliseconds.
    public var metrics: [String: MetricSummary]
    /// One point per second of the run.
    public var timeSeries: [TimeSeriesPoint]
    /// One entry per check of the OpenChat contract, in a fixed order.
    public var checks: [CheckResult]
    /// One entry per threshold of the scenario.
    public var thresholds: [ThresholdResult]
    /// Errors by kind with the first examples.
    public var errors: [ErrorSummary]

    public init(run: RunInfo, counts: [String: Int], metrics: [String: MetricSummary], timeSeries: [TimeSeriesPoint],
                checks: [CheckResult], thresholds: [ThresholdResult], errors: [ErrorSummary]) {
        self.run = run
        self.counts = counts
        self.metrics = metrics
        self.timeSeries = timeSeries
        self.checks = checks
        self.thresholds = thresholds
        self.errors = errors
    }

    /// Whether every check and threshold passed and the run was not aborted.
    public var passed: Bool {
        run.status == .passed
    }
}

/// Identification and outcome of a run.
public struct RunInfo: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case passed, failed, aborted }
    public var id: String
    public var scenario: String
    public var scenarioDescription: String
    public var scenarioFile: String?
    public var target: String
    /// True when the target was a server started inside the probe.
    public var targetEmbedded: Bool
    public var transport: String
    /// ISO 8601 UTC start time.
    public var startedAt: String
    public var durationSeconds: Double
    public var seed: UInt64
    public var probeVersion: String
    /// The command line that produced the run.
    public var commandLine: [String]
    /// Host facts for comparisons: `hostname`, `cores`, `os`.
    public var machine: [String: String]
    public var status: Status
    /// Why the run was aborted, or nil.
    public var abortReason: String?
    public var exitCode: Int32

    public init(id: String, scenario: String, scenarioDescription: String, scenarioFile: String?, target: String, targetEmbedded: Bool,
                transport: String, startedAt: String, durationSeconds: Double, seed: UInt64, probeVersion: String,
                commandLine: [String], machine: [String: String], status: Status, abortReason: String?, exitCode: Int32) {
        self.id = id
        self.scenario = scenario
        self.scenarioDescription = scenarioDescription
        self.scenarioFile = scenarioFile
        self.target = target
        self.targetEmbedded = targetEmbedded
        self.transport = transport
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.seed = seed
        self.probeVersion = probeVersion
        self.commandLine = commandLine
        self.machine = machine
        self.status = status
        self.abortReason = abortReason
        self.exitCode = exitCode
    }
}

/// A latency distribution in milliseconds, with its lossless histogram.
public struct MetricSummary: Codable, Sendable, Equatable {
    public var unit: String = "ms"
    public var count: UInt64
    public var min: Double
    public var max: Double
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var p999: Double
    /// The HDR histogram, mergeable without losing precision.
    public var histogram: EncodedHistogram

    public init(count: UInt64, min: Double, max: Double, mean: Double, p50: Double, p90: Double, p95: Double, p99: Double,
                p999: Double, histogram: EncodedHistogram) {
        self.count = count
        self.min = min
        self.max = max
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.p999 = p999
        self.histogram = histogram
    }
}

/// An HDR histogram of microsecond values as sparse (value, count) pairs plus its configuration:
/// re-recording the pairs into a histogram of the same configuration reproduces it exactly.
public struct EncodedHistogram: Codable, Sendable, Equatable {
    /// Unit of the recorded values.
    public var unit: String = "us"
    public var lowestDiscernibleValue: UInt64
    public var highestTrackableValue: UInt64
    public var significantDigits: Int
    /// [value, count] pairs, ascending by value; each value is the highest equivalent value of its bucket.
    public var counts: [[UInt64]]
    public init(lowestDiscernibleValue: UInt64, highestTrackableValue: UInt64, significantDigits: Int, counts: [[UInt64]]) {
        self.lowestDiscernibleValue = lowestDiscernibleValue
        self.highestTrackableValue = highestTrackableValue
        self.significantDigits = significantDigits
        self.counts = counts
    }
}

/// One second of the run.
public struct TimeSeriesPoint: Codable, Sendable, Equatable {
    /// Seconds since the start.
    public var second: Int
    public var users: Int
    public var sends: Int
    public var deliveries: Int
    public var errors: Int
    public var violations: Int
    /// Delivery latency (to other users) in this second, ms; nil when none.
    public var p50: Double?
    public var p99: Double?
    public init(second: Int, users: Int, sends: Int, deliveries: Int, errors: Int, violations: Int, p50: Double?, p99: Double?) {
        self.second = second
        self.users = users
        self.sends = sends
        self.deliveries = deliveries
        self.errors = errors
        self.violations = violations
        self.p50 = p50
        self.p99 = p99
    }
}

/// The outcome of one check.
public struct CheckResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case passed, failed, skipped }
    public var name: CheckName
    public var status: Status
    /// What the check verifies and what it tolerates, one sentence.
    public var description: String
    /// Violations by kind.
    public var counts: [String: Int]
    /// The first examples, in detection order (times converted to ms since the run start).
    public var examples: [ViolationExample]
    public init(name: CheckName, status: Status, description: String, counts: [String: Int], examples: [ViolationExample]) {
        self.name = name
        self.status = status
        self.description = description
        self.counts = counts
        self.examples = examples
    }
}

/// A violation as shown in reports.
public struct ViolationExample: Codable, Sendable, Equatable {
    public var kind: ViolationKind
    public var users: [Int]
    public var message: String?
    public var expected: String
    public var seen: String
    /// Milliseconds since the run start.
    public var atMilliseconds: Double
    public init(kind: ViolationKind, users: [Int], message: String?, expected: String, seen: String, atMilliseconds: Double) {
        self.kind = kind
        self.users = users
        self.message = message
        self.expected = expected
        self.seen = seen
        self.atMilliseconds = atMilliseconds
    }
}

/// The outcome of one threshold.
public struct ThresholdResult: Codable, Sendable, Equatable {
    public var expression: String
    /// The measured value in the threshold's unit; nil when the metric had no data.
    public var actual: Double?
    public var passed: Bool
    /// Why it failed or could not be evaluated, or nil.
    public var note: String?
    public init(expression: String, actual: Double?, passed: Bool, note: String?) {
        self.expression = expression
        self.actual = actual
        self.passed = passed
        self.note = note
    }
}

/// Errors of one kind.
public struct ErrorSummary: Codable, Sendable, Equatable {
    public var kind: ErrorKind
    public var count: Int
    /// The first examples: "user 3: <detail>".
    public var examples: [String]
    public init(kind: ErrorKind, count: Int, examples: [String]) {
        self.kind = kind
        self.count = count
        self.examples = examples
    }
}
