import Dispatch
import EngineIO
import Foundation
import OpenChat
import ReportWriters
import Scenario
import SocketIOClient
import Transport

/// Runs a scenario: schedules phases, starts virtual users, feeds the checker and the metrics, and
/// builds the ``RunReport``. All state lives on the runtime's loop thread (`@unchecked Sendable`:
/// only `run`'s continuation and `interrupt()` cross threads, both through `loop.execute`).
public final class Runner: @unchecked Sendable, VirtualUserHost {
    let settings: RunSettings
    private let runtime: ClientRuntime
    private let onProgress: @Sendable (RunProgress) -> Void
    private var continuation: CheckedContinuation<RunReport, Never>?

    // Loop-confined state.
    private var users: [Int: VirtualUser] = [:]
    private var nextUserID = 1
    private var checker: OpenChatChecker
    private var recorders: [MetricName: MetricRecorder] = [:]
    private var counters: [Counter: Int] = [:]
    private var errorCounts: [ErrorKind: Int] = [:]
    private var errorExamples: [ErrorKind: [String]] = [:]
    private var timeSeries: [TimeSeriesPoint] = []
    private var secondRecorder = MetricRecorder()
    private var secondCounts = (sends: 0, deliveries: 0, errors: 0, violations: 0)
    private var currentSecond = 0
    private var phaseIndex = -1
    private var phaseName = "starting"
    private var phasesDone = false
    private var isFinishing = false
    /// Ctrl-C came before ``start()``.
    private var interruptedBeforeStart = false
    private var abortReason: String?
    private var tickTimer: TimerID?
    private var drainTimer: TimerID?
    private var lastDropAt: UInt64 = 0
    private var connectAttemptsResolved = 0
    private var firstConnectError: String?
    private(set) var startedAt: UInt64 = 0
    private var startedWallClock = Date()

    let runID: String
    var scenario: Scenario { settings.scenario }
    let engineOptions: EngineIOClientOptions
    var multi: CurlMulti { runtime.multi }
    private let graceNanoseconds: UInt64
    private let dropGraceNanoseconds: UInt64

    /// Runs `settings` to the end (or until interrupted) and returns the report.
    public static func run(_ settings: RunSettings, onProgress: @escaping @Sendable (RunProgress) -> Void,
                           interrupts: InterruptSource? = nil) async throws -> RunReport {
        let runtime = try ClientRuntime(name: "openchat-run")
        defer { runtime.shutdown() }
        let runner = Runner(settings: settings, runtime: runtime, onProgress: onProgress)
        interrupts?.whenInterrupted { [weak runner] in runner?.interrupt() }
        return await withCheckedContinuation { continuation in
            runtime.loop.execute {
                runner.continuation = continuation
                runner.start()
            }
        }
    }

    private init(settings: RunSettings, runtime: ClientRuntime, onProgress: @escaping @Sendable (RunProgress) -> Void) {
        self.settings = settings
        self.runtime = runtime
        self.onProgress = onProgress
        runID = settings.runID
        let connection = settings.scenario.connection
        engineOptions = EngineIOClientOptions(
            url: settings.target, path: connection.path, transport: EngineIOTransportMode(rawValue: connection.transport) ?? .pollingThenUpgrade,
            query: connection.query.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            headers: connection.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            tls: settings.tls, connectTimeoutMilliseconds: connection.connectTimeoutMilliseconds)
        graceNanoseconds = UInt64(settings.scenario.checks.graceMilliseconds) * 1_000_000
        // A dropped polling client is noticed only at the server's ping timeout (python: pingInterval +
        // pingTimeout, 45 s by default); a dropped WebSocket as soon as its TCP connection closes.
        let dropExtra: UInt64 = connection.transport == "polling" ? 50_000_000_000 : 1_000_000_000
        dropGraceNanoseconds = graceNanoseconds + dropExtra
        checker = OpenChatChecker(settings: CheckerSettings(
            enabled: Self.enabledChecks(settings.scenario.checks), graceNanoseconds: graceNanoseconds, dropGraceNanoseconds: dropGraceNanoseconds, runID: settings.runID))
    }

    /// Stops the run early (Ctrl-C): users are dropped and a partial report is written. Before the
    /// run has started, it stops as soon as it starts.
    public func interrupt() {
        runtime.loop.execute { [self] in
            guard continuation != nil else {
                interruptedBeforeStart = true
                return
            }
            guard !isFinishing else { return }
            abort(reason: "interrupted")
        }
    }

    // MARK: Phases

    private func start() {
        startedAt = MonotonicInstant.now().nanoseconds
        startedWallClock = Date()
        tickTimer = runtime.loop.schedule(afterMilliseconds: 100) { [weak self] in self?.tick() }
        guard !interruptedBeforeStart else { return abort(reason: "interrupted") }
        nextPhase()
    }

    private func nextPhase() {
        guard !isFinishing else { return }
        phaseIndex += 1
        guard phaseIndex < scenario.phases.count else {
            phasesDone = true
            phaseName = "finishing"
            drainTimer = runtime.loop.schedule(afterMilliseconds: scenario.drainTimeoutMilliseconds) { [weak self] in
                self?.drainTimedOut()
            }
            finishIfIdle()
            return
        }
        let phase = scenario.phases[phaseIndex]
        phaseName = ArrivalSchedule.name(of: phase)
        let phaseStart = MonotonicInstant.now().nanoseconds
        let offsets = ArrivalSchedule.offsets(for: phase)
        scheduleArrival(offsets, index: 0, phaseStart: phaseStart)
        let end = phaseStart + UInt64(ArrivalSchedule.duration(of: phase)) * 1_000_000
        runtime.loop.schedule(at: MonotonicInstant(nanoseconds: end)) { [weak self] in
            // A `users` phase with no spread ends as soon as its users started.
            self?.nextPhase()
        }
    }

    private func scheduleArrival(_ offsets: [UInt64], index: Int, phaseStart: UInt64) {
        guard index < offsets.count, !isFinishing else { return }
        runtime.loop.schedule(at: MonotonicInstant(nanoseconds: phaseStart + offsets[index])) { [weak self] in
            guard let self, !self.isFinishing else { return }
            // Everyone due by now starts now (a late timer must not thin out the arrivals).
            var next = index
            let now = MonotonicInstant.now().nanoseconds
            while next < offsets.count, phaseStart + offsets[next] <= now {
                self.arrive()
                next += 1
            }
            self.scheduleArrival(offsets, index: next, phaseStart: phaseStart)
        }
    }

    private func arrive() {
        if let maxUsers = scenario.maxUsers, users.count >= maxUsers {
            count(.usersSkipped, by: 1)
            return
        }
        let id = nextUserID
        nextUserID += 1
        var random = SeededRandom(seed: settings.seed, stream: id)
        let group = pickGroup(using: &random)
        let user = VirtualUser(id: id, group: group, host: self, random: random)
        users[id] = user
        count(.usersStarted, by: 1)
        user.start()
    }

    private func pickGroup(using random: inout SeededRandom) -> UserGroup {
        let total = scenario.groups.reduce(0) { $0 + $1.weight }
        var point = Double.random(in: 0..<total, using: &random)
        for group in scenario.groups {
            if point < group.weight { return group }
            point -= group.weight
        }
        return scenario.groups[scenario.groups.count - 1]
    }

    // MARK: VirtualUserHost

    func record(_ record: ChatRecord) {
        switch record {
        case .error(let user, let kind, let detail, _):
            count(.errors, by: 1)
            secondCounts.errors += 1
            errorCounts[kind, default: 0] += 1
            if errorExamples[kind, default: []].count < 5 { errorExamples[kind, default: []].append("user \(user): \(detail)") }
            if kind == .connectFailed, firstConnectError == nil { firstConnectError = detail }
        case .leaving(_, let clean, let at):
            if !clean { lastDropAt = at }
        case .sent:
            secondCounts.sends += 1
        default:
            break
        }
        handle(checker.record(record))
    }

    private func handle(_ observations: [CheckObservation]) {
        for observation in observations {
            switch observation {
            case .delivery(let toSender, let nanoseconds):
                count(toSender ? .deliveriesToSender : .deliveries, by: 1)
                recordMetric(toSender ? .deliveryToSender : .delivery, nanoseconds: nanoseconds)
                secondCounts.deliveries += 1
                if !toSender { secondRecorder.record(nanoseconds: nanoseconds) }
            case .joinSeen(let nanoseconds):
                recordMetric(.joinSeen, nanoseconds: nanoseconds)
            case .leaveSeen(let nanoseconds):
                recordMetric(.leaveSeen, nanoseconds: nanoseconds)
            case .foreignMessage:
                count(.foreignMessages, by: 1)
            case .violation:
                count(.violations, by: 1)
                secondCounts.violations += 1
            }
        }
    }

    func recordMetric(_ name: MetricName, nanoseconds: UInt64) {
        recorders[name, default: MetricRecorder()].record(nanoseconds: nanoseconds)
    }

    func count(_ counter: Counter, by amount: Int) {
        counters[counter, default: 0] += amount
    }

    func userFinished(_ user: VirtualUser, failed: Bool) {
        users[user.id] = nil
        count(failed ? .usersFailed : .usersCompleted, by: 1)
        noteConnectOutcome(failed: failed)
        finishIfIdle()
    }

    /// A target that refuses every one of the first connections is unreachable: stop instead of
    /// hammering it for the whole scenario.
    private func noteConnectOutcome(failed: Bool) {
        guard connectAttemptsResolved < 5 else { return }
        connectAttemptsResolved += 1
        let connects = counters[.connects, default: 0]
        let started = counters[.usersStarted, default: 0]
        if connects == 0, failed, firstConnectError != nil, connectAttemptsResolved >= min(3, max(started, 1)) {
            abort(reason: "target unreachable: \(firstConnectError ?? "connect failed")")
        }
    }

    // MARK: Ticks, progress, the end

    private func tick() {
        let now = MonotonicInstant.now().nanoseconds
        handle(checker.record(.tick(at: now)))
        let second = Int((now - startedAt) / 1_000_000_000)
        if second > currentSecond {
            closeSecond()
            currentSecond = second
        }
        guard !isFinishing || continuation != nil else { return }
        tickTimer = runtime.loop.schedule(afterMilliseconds: 100) { [weak self] in self?.tick() }
    }

    private func closeSecond() {
        let summary = secondRecorder.count > 0 ? secondRecorder.summary() : nil
        timeSeries.append(TimeSeriesPoint(
            second: currentSecond, users: users.count, sends: secondCounts.sends, deliveries: secondCounts.deliveries,
            errors: secondCounts.errors, violations: secondCounts.violations, p50: summary?.p50, p99: summary?.p99))
        onProgress(RunProgress(
            elapsedSeconds: Double(currentSecond + 1), phase: phaseName, activeUsers: users.count,
            usersStarted: counters[.usersStarted, default: 0], sendsPerSecond: secondCounts.sends,
            deliveriesPerSecond: secondCounts.deliveries,
            p99Milliseconds: recorders[.delivery].flatMap { $0.count > 0 ? Double($0.histogram.valueAtPercentile(99)) / 1000 : nil },
            violations: counters[.violations, default: 0], errors: counters[.errors, default: 0]))
        secondRecorder.reset()
        secondCounts = (0, 0, 0, 0)
    }

    private func drainTimedOut() {
        drainTimer = nil
        for user in Array(users.values) { user.stop() }
        finishIfIdle()
    }

    private func finishIfIdle() {
        guard phasesDone, users.isEmpty, !isFinishing else { return }
        if let drainTimer { runtime.loop.cancel(drainTimer) }
        isFinishing = true
        phaseName = "checking"
        // Let the last deliveries and broadcasts arrive: one grace period (longer after a recent drop).
        let now = MonotonicInstant.now().nanoseconds
        var until = now + graceNanoseconds + 200_000_000
        if lastDropAt > 0 { until = max(until, lastDropAt + dropGraceNanoseconds + 200_000_000) }
        runtime.loop.schedule(at: MonotonicInstant(nanoseconds: until)) { [weak self] in self?.complete() }
    }

    private func abort(reason: String) {
        guard abortReason == nil else { return }
        abortReason = reason
        isFinishing = true
        for user in Array(users.values) { user.abort() }
        users.removeAll()
        complete()
    }

    private func complete() {
        guard let continuation else { return }
        self.continuation = nil
        if let tickTimer { runtime.loop.cancel(tickTimer) }
        let now = MonotonicInstant.now().nanoseconds
        handle(checker.finish(at: now))
        closeSecond()
        let report = buildReport(endedAt: now)
        continuation.resume(returning: report)
    }

    // MARK: The report

    private func buildReport(endedAt: UInt64) -> RunReport {
        let summary = checker.summary
        var counts: [String: Int] = [:]
        for counter in Counter.allCases { counts[counter.rawValue] = counters[counter, default: 0] }
        counts["violations"] = CheckName.allCases.filter { $0 != .errors }.reduce(0) { $0 + summary.count(for: $1) }
        counts["messagesChecked"] = summary.messagesChecked
        counts["deliveriesChecked"] = summary.deliveriesChecked
        if summary.messagesNotOrderChecked > 0 { counts["messagesNotOrderChecked"] = summary.messagesNotOrderChecked }
        var metrics: [String: MetricSummary] = [:]
        for (name, recorder) in recorders where recorder.count > 0 { metrics[name.rawValue] = recorder.summary() }

        let enabled = Self.enabledChecks(scenario.checks)
        var checks: [CheckResult] = []
        for check in CheckName.allCases {
            let description = OpenChatChecker.description(of: check)
            guard enabled.contains(check) else {
                checks.append(CheckResult(name: check, status: .skipped, description: description, counts: [:], examples: []))
                continue
            }
            if check == .errors {
                let byKind = Dictionary(uniqueKeysWithValues: errorCounts.map { ($0.key.rawValue, $0.value) })
                let total = errorCounts.values.reduce(0, +)
                checks.append(CheckResult(name: check, status: total == 0 ? .passed : .failed, description: description, counts: byKind, examples: []))
                continue
            }
            var byKind: [String: Int] = [:]
            var examples: [ViolationExample] = []
            for kind in ViolationKind.allCases where kind.check == check {
                let number = summary.violationCounts[kind, default: 0]
                if number > 0 { byKind[kind.rawValue] = number }
                for violation in summary.examples[kind, default: []] {
                    examples.append(ViolationExample(
                        kind: violation.kind, users: violation.users, message: violation.message, expected: violation.expected,
                        seen: violation.seen, atMilliseconds: Double(violation.at &- startedAt) / 1_000_000))
                }
            }
            examples.sort { $0.atMilliseconds < $1.atMilliseconds }
            let total = byKind.values.reduce(0, +)
            checks.append(CheckResult(name: check, status: total == 0 ? .passed : .failed, description: description, counts: byKind, examples: examples))
        }
        let errors = ErrorKind.allCases.compactMap { kind -> ErrorSummary? in
            guard let number = errorCounts[kind] else { return nil }
            return ErrorSummary(kind: kind, count: number, examples: errorExamples[kind, default: []])
        }
        let formatter = ISO8601DateFormatter()
        let info = RunInfo(
            id: runID, scenario: scenario.name, scenarioDescription: scenario.description, scenarioFile: settings.scenarioFile,
            target: settings.target, targetEmbedded: settings.targetEmbedded, transport: scenario.connection.transport,
            startedAt: formatter.string(from: startedWallClock), durationSeconds: Double(endedAt - startedAt) / 1e9,
            seed: settings.seed, probeVersion: settings.probeVersion, commandLine: settings.commandLine,
            machine: Self.machineFacts(), status: .passed, abortReason: abortReason, exitCode: 0)
        var report = RunReport(run: info, counts: counts, metrics: metrics, timeSeries: timeSeries, checks: checks, thresholds: [], errors: errors)
        report.thresholds = ThresholdEvaluator.evaluate(scenario.thresholds, report: report)
        let failed = checks.contains { $0.status == .failed } || report.thresholds.contains { !$0.passed }
        if abortReason != nil {
            report.run.status = .aborted
            report.run.exitCode = abortReason == "interrupted" ? 130 : 3
        } else {
            report.run.status = failed ? .failed : .passed
            report.run.exitCode = failed ? 1 : 0
        }
        return report
    }

    private static func enabledChecks(_ checks: CheckSettings) -> Set<CheckName> {
        var enabled = Set<CheckName>()
        if checks.delivery { enabled.insert(.delivery) }
        if checks.content { enabled.insert(.content) }
        if checks.order { enabled.insert(.order) }
        if checks.usernames { enabled.insert(.usernames) }
        if checks.errors { enabled.insert(.errors) }
        return enabled
    }

    private static func machineFacts() -> [String: String] {
        let info = ProcessInfo.processInfo
        return ["hostname": info.hostName, "cores": String(info.activeProcessorCount), "os": info.operatingSystemVersionString]
    }
}
