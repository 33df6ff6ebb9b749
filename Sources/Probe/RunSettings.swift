import Scenario
import Transport

/// Everything a run needs besides the scenario's own content.
public struct RunSettings: Sendable {
    public var scenario: Scenario
    /// The scenario file, for the report.
    public var scenarioFile: String?
    /// The server's base URL.
    public var target: String
    /// Whether `target` is a server the probe started itself.
    public var targetEmbedded: Bool
    public var seed: UInt64
    /// Identifies this run's messages (`[oc:<runID>:...]`).
    public var runID: String
    public var tls: TLSOptions
    public var commandLine: [String]
    public var probeVersion: String

    public init(scenario: Scenario, scenarioFile: String?, target: String, targetEmbedded: Bool = false, seed: UInt64,
                runID: String, tls: TLSOptions = TLSOptions(), commandLine: [String], probeVersion: String) {
        self.scenario = scenario
        self.scenarioFile = scenarioFile
        self.target = target
        self.targetEmbedded = targetEmbedded
        self.seed = seed
        self.runID = runID
        self.tls = tls
        self.commandLine = commandLine
        self.probeVersion = probeVersion
    }
}

/// A snapshot of a run in progress, for the terminal.
public struct RunProgress: Sendable {
    public var elapsedSeconds: Double
    public var phase: String
    public var activeUsers: Int
    public var usersStarted: Int
    public var sendsPerSecond: Int
    public var deliveriesPerSecond: Int
    /// Delivery p99 so far (ms), nil before the first delivery.
    public var p99Milliseconds: Double?
    public var violations: Int
    public var errors: Int
}
