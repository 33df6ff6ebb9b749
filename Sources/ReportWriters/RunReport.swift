import OpenChat

/// Everything a run produced, as written to `report.json` (schema ``RunReport/schema``, version ``RunReport/currentVersion``).
/// The writers (Markdown, HTML, JUnit) and `openchat-probe report` read only this.
public struct RunReport: Codable, Sendable, Equatable {
    /// The schema identifier written into every report.
    public static let schema = "openchat-probe/report"
    /// The current schema version; bumped on incompatible changes.
    public static let currentVersion = 1

    /// Always ``RunReport/schema``; readers reject other values.
    public var schema: String = RunReport.schema
    /// The schema version this report was written with.
    public var version: Int = RunReport.currentVersion
    /// What ran, against what, and how it ended.
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

    /// A report; `schema` and `version` are the current ones.
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
    /// How the run ended: every check and threshold passed, one failed, or the run stopped early.
    public enum Status: String, Codable, Sendable { case passed, failed, aborted }
    /// The run identifier, also tagged into every message the run sends.
    public var id: String
    /// The scenario name.
    public var scenario: String
    /// The scenario's description; empty when it has none.
    public var scenarioDescription: String
    /// The scenario file as given on the command line; nil for a built-in scenario.
    public var scenarioFile: String?
    /// The server URL.
    public var target: String
    /// True when the target was a server started inside the probe.
    public var targetEmbedded: Bool
    /// `polling`, `websocket` or `polling-then-upgrade`.
    public var transport: String
    /// ISO 8601 UTC start time.
    public var startedAt: String
    /// Wall-clock length of the run, seconds.
    public var durationSeconds: Double
    /// The seed of the run's random choices; the same seed repeats the run.
    public var seed: UInt64
    /// The openchat-probe version that ran it.
    public var probeVersion: String
    /// The command line that produced the run.
    public var commandLine: [String]
    /// Host facts for comparisons: `hostname`, `cores`, `os`.
    public var machine: [String: String]
    /// The outcome.
    public var status: Status
    /// Why the run was aborted, or nil.
    public var abortReason: String?
    /// The exit code the command line returned for this run.
    public var exitCode: Int32

    /// Run facts as the runner fills them.
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
    /// Always `ms`.
    public var unit: String = "ms"
    /// Number of samples; 0 means the metric has no data and the statistics are 0.
    public var count: UInt64
    /// Smallest sample, ms.
    public var min: Double
    /// Largest sample, ms.
    public var max: Double
    /// Mean, ms.
    public var mean: Double
    /// Median, ms.
    public var p50: Double
    /// 90th percentile, ms.
    public var p90: Double
    /// 95th percentile, ms.
    public var p95: Double
    /// 99th percentile, ms.
    public var p99: Double
    /// 99.9th percentile, ms.
    public var p999: Double
    /// The HDR histogram, mergeable without losing precision.
    public var histogram: EncodedHistogram

    /// A summary; normally made by ``MetricRecorder/summary()``.
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
    /// The histogram's lowest discernible value, µs.
    public var lowestDiscernibleValue: UInt64
    /// The histogram's highest trackable value, µs.
    public var highestTrackableValue: UInt64
    /// Decimal digits of precision.
    public var significantDigits: Int
    /// [value, count] pairs, ascending by value; each value is the highest equivalent value of its bucket.
    public var counts: [[UInt64]]
    /// An encoding; normally made by ``MetricRecorder/encoded()``.
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
    /// Users connected at the end of the second.
    public var users: Int
    /// Messages sent in this second.
    public var sends: Int
    /// Messages received by other users in this second.
    public var deliveries: Int
    /// Errors in this second.
    public var errors: Int
    /// Violations detected in this second.
    public var violations: Int
    /// Delivery latency (to other users) in this second, ms; nil when none.
    public var p50: Double?
    /// 99th percentile of the same deliveries, ms; nil when none.
    public var p99: Double?
    /// One second's point.
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
    /// Whether the check passed, failed, or was turned off by the scenario.
    public enum Status: String, Codable, Sendable { case passed, failed, skipped }
    /// Which check.
    public var name: CheckName
    /// The outcome.
    public var status: Status
    /// What the check verifies and what it tolerates, one sentence.
    public var description: String
    /// Violations by kind.
    public var counts: [String: Int]
    /// The first examples, in detection order (times converted to ms since the run start).
    public var examples: [ViolationExample]
    /// A check's outcome.
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
    /// What was violated.
    public var kind: ViolationKind
    /// Users involved, recipient first where there is one.
    public var users: [Int]
    /// The message's tag text, when a message is involved.
    public var message: String?
    /// What the contract required.
    public var expected: String
    /// What was observed instead (server text, escaped by every writer).
    public var seen: String
    /// Milliseconds since the run start.
    public var atMilliseconds: Double
    /// An example.
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
    /// The threshold as written in the scenario.
    public var expression: String
    /// The measured value in the threshold's unit; nil when the metric had no data.
    public var actual: Double?
    /// Whether it held; false when it could not be evaluated.
    public var passed: Bool
    /// Why it failed or could not be evaluated, or nil.
    public var note: String?
    /// A threshold's outcome; normally made by ``ThresholdEvaluator``.
    public init(expression: String, actual: Double?, passed: Bool, note: String?) {
        self.expression = expression
        self.actual = actual
        self.passed = passed
        self.note = note
    }
}

/// Errors of one kind.
public struct ErrorSummary: Codable, Sendable, Equatable {
    /// The kind of error.
    public var kind: ErrorKind
    /// How many occurred.
    public var count: Int
    /// The first examples: "user 3: <detail>".
    public var examples: [String]
    /// Errors of one kind.
    public init(kind: ErrorKind, count: Int, examples: [String]) {
        self.kind = kind
        self.count = count
        self.examples = examples
    }
}
