import OpenChat
import ReportWriters
import Scenario

/// A realistic report built by simulating a small run: 10 users join over 2 s, each sends a message every 3.4-4.3 s,
/// the others receive it 6-30 ms later (a few slow outliers); user 7 drops at 14.3 s; one delivery goes missing
/// and one arrives mangled by the server (with hostile HTML in it). 20 s in all.
enum SampleReport {
    static let hostile = "<img src=x onerror=alert(1)>"
    static let userCount = 10
    static let duration = 20_000.0
    static let droppedUser = 7
    static let dropAt = 14_300.0

    static let thresholds = [
        Threshold(expression: "delivery.p99 < 250ms", metric: "delivery", statistic: "p99", comparison: .less, limit: 250),
        Threshold(expression: "connect.p95 < 500ms", metric: "connect", statistic: "p95", comparison: .less, limit: 500),
        Threshold(expression: "errors.rate < 1%", metric: "errors", statistic: "rate", comparison: .less, limit: 0.01),
        Threshold(expression: "violations == 0", metric: "violations", statistic: nil, comparison: .equal, limit: 0),
    ]

    private static func joinTime(_ user: Int) -> Double { 150 + 220 * Double(user) }
    private static func leaveTime(_ user: Int) -> Double { user == droppedUser ? dropAt : 19_400 + 40 * Double(user) }
    private static func nanoseconds(_ milliseconds: Double) -> UInt64 { UInt64(milliseconds * 1_000_000) }

    /// The sample run, failed (checks and thresholds fail) unless `status` says otherwise.
    static func make(status: RunInfo.Status = .failed, abortReason: String? = nil) -> RunReport {
        var report = failed
        report.run.status = status
        report.run.abortReason = abortReason
        report.run.exitCode = status == .passed ? 0 : (status == .failed ? 1 : 3)
        return report
    }

    /// Simulated once: the histograms take a moment in a debug build.
    private static let failed = simulate()

    private static func simulate() -> RunReport {
        var metrics: [String: MetricRecorder] = [:]
        func record(_ name: String, _ milliseconds: Double) {
            metrics[name, default: MetricRecorder()].record(nanoseconds: nanoseconds(milliseconds))
        }
        var perSecond = Array(repeating: (sends: 0, deliveries: 0, errors: 0, violations: 0, latency: MetricRecorder()),
                              count: Int(duration / 1_000))
        func second(_ milliseconds: Double) -> Int { min(perSecond.count - 1, Int(milliseconds / 1_000)) }

        for user in 0..<userCount {
            let tcp = 0.4 + Double(user % 3) * 0.1
            let engine = 3.5 + Double((user * 7) % 5) * 0.6
            let socket = 2.1 + Double((user * 3) % 4) * 0.4
            record("tcpConnect", tcp)
            record("engineOpen", engine)
            record("socketConnect", socket)
            record("connect", tcp + engine + socket + 1.2)
            record("nameConfirm", 1.8 + Double(user % 4) * 0.3)
            for other in 0..<userCount where other != user && joinTime(other) < joinTime(user) {
                record("joinSeen", 2.5 + Double((user + other) % 6) * 0.7)
            }
        }
        for other in 0..<userCount where other != droppedUser && leaveTime(other) > dropAt {
            record("leaveSeen", 3 + Double(other % 5) * 0.9)
        }

        var sends = 0
        var deliveries = 0
        var deliveriesToSender = 0
        let missing = (sender: 4, sequence: 2, recipient: 2)
        var missingAt = 0.0
        for sender in 0..<userCount {
            var sequence = 0
            // Senders keep their own pace, so sends spread over each second instead of arriving in waves.
            let interval = 3_400 + Double(sender % 4) * 300
            var at = joinTime(sender) + 600 + Double((sender * 370) % 1_900)
            while at < min(leaveTime(sender), 19_000) {
                sends += 1
                perSecond[second(at)].sends += 1
                let echo = 4 + Double((sender * 17 + sequence * 5) % 13) * 0.5
                record("deliveryToSender", echo)
                deliveriesToSender += 1
                for recipient in 0..<userCount where recipient != sender && joinTime(recipient) < at && leaveTime(recipient) > at {
                    if (sender, sequence, recipient) == missing {
                        missingAt = at + 5_000  // found when the grace period ends
                        continue
                    }
                    let hash = (sender * 131 + sequence * 71 + recipient * 29) % 97
                    let latency = 6 + Double(hash) * 0.25 + (hash % 41 == 0 ? 150 : 0)
                    record("delivery", latency)
                    perSecond[second(at + latency)].deliveries += 1
                    perSecond[second(at + latency)].latency.record(nanoseconds: nanoseconds(latency))
                    deliveries += 1
                }
                sequence += 1
                at += interval
            }
        }

        let mangledAt = 9_412.0
        perSecond[second(missingAt)].violations += 1
        perSecond[second(mangledAt)].violations += 1
        perSecond[second(dropAt)].errors += 1

        let timeSeries = perSecond.enumerated().map { index, point in
            let end = Double(index + 1) * 1_000
            let users = (0..<userCount).filter { joinTime($0) < end && leaveTime($0) > end }.count
            let latency = point.latency.count > 0 ? point.latency.summary() : nil
            return TimeSeriesPoint(second: index, users: users, sends: point.sends, deliveries: point.deliveries, errors: point.errors,
                                   violations: point.violations, p50: latency?.p50, p99: latency?.p99)
        }

        let checks = [
            CheckResult(name: .delivery, status: .failed,
                        description: "Every message reaches every user connected while it was sent, once, within the 5000 ms grace period.",
                        counts: ["missing-delivery": 1],
                        examples: [ViolationExample(kind: .missingDelivery, users: [missing.recipient, missing.sender],
                                                    message: "hello from 4 #2 [oc:r7f3:4:2]",
                                                    expected: "a delivery to user 2 within 5000 ms",
                                                    seen: "nothing", atMilliseconds: missingAt)]),
            CheckResult(name: .content, status: .failed,
                        description: "Each delivery reads \"name: text\" with a name its sender could have had.",
                        counts: ["wrong-content": 1],
                        examples: [ViolationExample(kind: .wrongContent, users: [5, 3], message: "hi | there [oc:r7f3:3:1]",
                                                    expected: "user-3: hi | there [oc:r7f3:3:1]",
                                                    seen: "\(hostile) user-3: hi | there [oc:r7f3:3:1]", atMilliseconds: mangledAt)]),
            CheckResult(name: .order, status: .passed,
                        description: "Users see messages in one order, and each sender's in sending order.", counts: [:], examples: []),
            CheckResult(name: .usernames, status: .skipped,
                        description: "The usernames map follows joins and leaves (turned off in this scenario).", counts: [:], examples: []),
            CheckResult(name: .errors, status: .failed,
                        description: "No connection fails or drops and no expected event times out.",
                        counts: ["unexpected-disconnect": 1], examples: []),
        ]

        var report = RunReport(
            run: RunInfo(id: "r7f3", scenario: "chat-basic", scenarioDescription: "Ten users chatting, a message every 3.4 to 4.3 s each.",
                         scenarioFile: "Scenarios/chat-basic.json", target: "http://127.0.0.1:8000", targetEmbedded: false,
                         transport: "websocket", startedAt: "2025-05-14T09:30:00Z", durationSeconds: duration / 1_000, seed: 42,
                         probeVersion: "0.4.0", commandLine: ["openchat-probe", "run", "Scenarios/chat-basic.json",
                                                              "--target", "http://127.0.0.1:8000", "--seed", "42", "--note", "it's a test"],
                         machine: ["hostname": "ci-runner-3", "cores": "2", "os": "Debian 12"],
                         status: .failed, abortReason: nil, exitCode: 1),
            counts: ["usersStarted": userCount, "usersCompleted": userCount - 1, "usersFailed": 1, "usersSkipped": 0,
                     "connects": userCount, "sends": sends, "sendsLate": 2, "deliveries": deliveries,
                     "deliveriesToSender": deliveriesToSender, "foreignMessages": 0, "errors": 1, "violations": 2],
            metrics: metrics.mapValues { $0.summary() },
            timeSeries: timeSeries,
            checks: checks,
            thresholds: [],
            errors: [ErrorSummary(kind: .unexpectedDisconnect, count: 1,
                                  examples: ["user 7: transport closed (EOF) after 14.1 s & no close frame"])])
        report.thresholds = ThresholdEvaluator.evaluate(thresholds, report: report)
        return report
    }
}
