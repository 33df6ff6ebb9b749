import JSON

/// A declarative load scenario: who connects, when, and what each virtual user does.
/// Parsed and validated from JSON by ``ScenarioParser``; see `Scenarios/README.md` for the format.
public struct Scenario: Sendable, Equatable {
    /// Short name, used in report folder names.
    public var name: String
    /// What the scenario exercises.
    public var description: String
    /// Default target URL; the `--target` flag wins.
    public var target: String?
    /// How virtual users reach the server.
    public var connection: ConnectionSettings
    /// Load phases, run one after another.
    public var phases: [Phase]
    /// At most this many users at once (arrivals beyond it are counted as skipped).
    public var maxUsers: Int?
    /// User groups; each arriving user picks one by weight.
    public var groups: [UserGroup]
    /// Which checks run and their grace period.
    public var checks: CheckSettings
    /// Pass/fail limits evaluated on the report.
    public var thresholds: [Threshold]
    /// Seed for the run's random choices (the `--seed` flag wins); nil picks one and reports it.
    public var seed: UInt64?
    /// After the last phase, how long users may take to finish before they are stopped (ms).
    public var drainTimeoutMilliseconds: Int

    /// Creates a scenario; ``ScenarioParser`` makes validated ones from JSON.
    public init(name: String, description: String = "", target: String? = nil, connection: ConnectionSettings = ConnectionSettings(),
                phases: [Phase], maxUsers: Int? = nil, groups: [UserGroup], checks: CheckSettings = CheckSettings(),
                thresholds: [Threshold] = [], seed: UInt64? = nil, drainTimeoutMilliseconds: Int = 30_000) {
        self.name = name
        self.description = description
        self.target = target
        self.connection = connection
        self.phases = phases
        self.maxUsers = maxUsers
        self.groups = groups
        self.checks = checks
        self.thresholds = thresholds
        self.seed = seed
        self.drainTimeoutMilliseconds = drainTimeoutMilliseconds
    }
}

/// Connection settings shared by every virtual user.
public struct ConnectionSettings: Sendable, Equatable {
    /// Engine.IO path, e.g. `/socket.io/`.
    public var path: String = "/socket.io/"
    /// Socket.IO namespace.
    public var namespace: String = "/"
    /// `polling`, `websocket` or `polling-then-upgrade`.
    public var transport: String = "polling-then-upgrade"
    /// Extra headers, values already expanded from `${ENV}`.
    public var headers: [String: String] = [:]
    /// Extra query parameters, values already expanded.
    public var query: [String: String] = [:]
    /// CONNECT auth payload (strings expanded from `${ENV}`), or nil.
    public var auth: JSONValue?
    /// Limit for connecting (TCP + Engine.IO open + Socket.IO CONNECT), ms.
    public var connectTimeoutMilliseconds: Int = 10_000
    /// The defaults: `/socket.io/`, namespace `/`, `polling-then-upgrade`, 10 s to connect.
    public init() {}
}

/// One load phase.
public enum Phase: Sendable, Equatable {
    /// Open model: users arrive at `rate` per second, ramping linearly to `rampTo`, for `durationMilliseconds`.
    case arrivals(name: String, durationMilliseconds: Int, rate: Double, rampTo: Double?)
    /// Closed start: `count` users start, spread evenly over `spreadMilliseconds` (0 = all at once).
    case users(name: String, count: Int, spreadMilliseconds: Int)
    /// Nobody new arrives for `durationMilliseconds`.
    case pause(name: String, durationMilliseconds: Int)
}

/// A group of virtual users sharing a flow.
public struct UserGroup: Sendable, Equatable {
    /// Group name (reported per user).
    public var name: String
    /// Relative weight for picking the group of an arriving user (> 0).
    public var weight: Double
    /// The steps each user of the group runs, in order.
    public var flow: [Step]
    /// Creates a group.
    public init(name: String, weight: Double = 1, flow: [Step]) {
        self.name = name
        self.weight = weight
        self.flow = flow
    }
}

/// How a `setName` step waits for the server.
public enum NameConfirmation: String, Sendable, Equatable {
    /// Emit `add_username` with an ack and wait for it: after the ack only the new name is correct.
    case ack
    /// Fire and forget: until the run ends, the old or the new name is correct.
    case none
}

/// A text with placeholders `{user}`, `{iteration}`, `{name}`, `{run}`, `{group}`, `{seq}`.
public struct TextTemplate: Sendable, Equatable {
    /// The text as written, placeholders included.
    public var source: String
    /// Wraps `source`; ``ScenarioParser`` rejects unknown placeholders, this initializer does not.
    public init(_ source: String) { self.source = source }
}

/// One step of a virtual user's flow.
public indirect enum Step: Sendable, Equatable {
    /// Open the session and Socket.IO CONNECT to the namespace.
    case connect
    /// Emit `add_username` with the rendered name.
    case setName(TextTemplate, confirm: NameConfirmation, timeoutMilliseconds: Int)
    /// Emit `my_mssg` with the rendered text (the probe appends a tag that identifies the message).
    case send(TextTemplate)
    /// Wait a fixed time (min == max) or a uniformly random time in [min, max].
    case think(minMilliseconds: Int, maxMilliseconds: Int)
    /// Repeat `steps` `count` times, or for `durationMilliseconds`, or both (whichever ends first).
    /// With `everyMilliseconds`, iteration i starts at loopStart + i*every (a fixed schedule: late starts
    /// are counted, and latency is measured from the intended time).
    case loop(count: Int?, durationMilliseconds: Int?, everyMilliseconds: Int?, steps: [Step])
    /// Wait for an event named `event` whose first argument matches `match` within the timeout; the user fails otherwise.
    case expect(event: String, match: EventPattern?, timeoutMilliseconds: Int)
    /// Emit any event with JSON arguments (strings rendered as templates); with `ack`, wait for the ack.
    case emit(event: String, arguments: [JSONValue], ack: Bool, timeoutMilliseconds: Int)
    /// Clean disconnect (Socket.IO DISCONNECT, Engine.IO close).
    case leave
    /// Abrupt close: drop the connection without any packet.
    case drop
}

/// Matches the first argument of an event.
public enum EventPattern: Sendable, Equatable {
    /// Equal JSON value.
    case equals(JSONValue)
    /// A string argument containing this text (rendered as a template).
    case contains(TextTemplate)
    /// A string argument matching this regular expression.
    case regex(String)
}

/// Which checks run.
public struct CheckSettings: Sendable, Equatable {
    /// Every message reaches every user connected while it was sent.
    public var delivery = true
    /// A delivered message reads `<name>: <text>` with the sender's name at the time.
    public var content = true
    /// Each receiver sees one sender's messages in order.
    public var order = true
    /// `usernames` maps follow joins, name changes and leaves.
    public var usernames = true
    /// No connect errors, timeouts or unexpected disconnects.
    public var errors = true
    /// How long after a send (or a join/leave) deliveries may take before they count as missing, ms.
    public var graceMilliseconds = 2_000
    /// Every check on, 2 s grace.
    public init() {}
}

/// A pass/fail limit such as `delivery.p99 < 250ms` or `errors.rate < 1%`.
public struct Threshold: Sendable, Equatable {
    /// Comparison operators.
    public enum Comparison: String, Sendable, Equatable, CaseIterable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    }
    /// The text as written.
    public var expression: String
    /// Metric or counter name, e.g. `delivery`, `connect`, `violations`, `errors`.
    public var metric: String
    /// Statistic: `p50` `p90` `p95` `p99` `p99.9` `max` `min` `mean` `count` `rate`; nil for plain counters.
    public var statistic: String?
    /// How the measured value is compared with ``limit``.
    public var comparison: Comparison
    /// Limit in the metric's unit: milliseconds for durations, a fraction (0.01) for percentages, a plain number otherwise.
    public var limit: Double
    /// Creates a threshold; ``ScenarioParser`` makes them from expressions.
    public init(expression: String, metric: String, statistic: String?, comparison: Comparison, limit: Double) {
        self.expression = expression
        self.metric = metric
        self.statistic = statistic
        self.comparison = comparison
        self.limit = limit
    }
}
