import EngineIO
import OpenChat
import Scenario
import SocketIOClient
import Transport

/// What a virtual user reports to its run. Implemented by ``Runner``; confined to the loop thread.
protocol VirtualUserHost: AnyObject {
    var runID: String { get }
    var scenario: Scenario { get }
    var engineOptions: EngineIOClientOptions { get }
    var multi: CurlMulti { get }
    /// Monotonic ns of the run start.
    var startedAt: UInt64 { get }
    func record(_ record: ChatRecord)
    func recordMetric(_ name: MetricName, nanoseconds: UInt64)
    func count(_ counter: Counter, by amount: Int)
    func userFinished(_ user: VirtualUser, failed: Bool)
}

/// The latency metrics of a run.
enum MetricName: String, CaseIterable {
    case tcpConnect, engineOpen, socketConnect, connect, upgrade, nameConfirm, deliveryToSender, delivery, joinSeen, leaveSeen
}

/// The plain counters of a run.
enum Counter: String, CaseIterable {
    case usersStarted, usersCompleted, usersFailed, usersSkipped, connects, sends, sendsLate, deliveries, deliveriesToSender
    case foreignMessages, errors, violations, upgrades, upgradesFailed, emits, expects
}
