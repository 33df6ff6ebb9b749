import OpenChat
import Testing

/// Runs a correct server (simulated, with its races) must pass with zero violations.
struct CorrectRunTests {
    /// Five users with joins during traffic, renames, a message right after a rename, a leave and a drop.
    static func scriptedServer() -> SimulatedServer {
        var server = SimulatedServer(latency: [1: 3, 2: 17, 3: 8, 4: 30, 5: 1])
        server.at(0, 1, .connect)
        server.at(2, 2, .connect)
        server.at(4, 3, .connect)
        server.at(50, 1, .rename("alice"))
        server.at(51, 1, .send("right after the rename"))
        server.at(60, 2, .rename("bob"))
        server.at(300, 2, .send("hello"))
        server.at(301, 3, .send("hi all"))
        server.at(302, 1, .send("and me"))
        server.at(305, 4, .connect)  // joins while those messages are in flight
        server.at(400, 5, .connect)
        server.at(500, 4, .send("late joiner here"))
        server.at(520, 5, .rename("eve"))
        server.at(700, 5, .send("bye soon"))
        server.at(701, 3, .send("see you"))
        server.at(720, 3, .leave(clean: true))
        server.at(900, 2, .leave(clean: false))  // a drop, noticed 300 ms later
        server.at(1000, 1, .send("after the drop"))
        server.at(2000, 1, .leave(clean: true))
        return server
    }

    @Test func severalUsersWithJoinsRenamesMessagesLeavesAndADropHaveNoViolations() {
        let records = Self.scriptedServer().records()
        let run = check(records)
        #expect(run.violations == [])
        #expect(run.summary.totalViolations == 0)
        #expect(run.summary.messagesChecked == 8)
        #expect(run.summary.pendingMessages == 0)
        #expect(run.summary.foreignMessages == 0)
        #expect(run.deliveryLatencies.count == run.summary.deliveriesChecked)
        #expect(run.deliveryLatencies.filter(\.toSender).count == 8)
        #expect(!run.joinLatencies.isEmpty)
        #expect(!run.leaveLatencies.isEmpty)
    }

    /// Random scripts against the simulated server, with latencies up to a third of the grace period.
    @Test(arguments: 1...40)
    func randomCorrectRunsHaveNoViolations(seed: UInt64) {
        var random = SplitMix(state: seed)
        let userCount = Int.random(in: 2...8, using: &random)
        var latency: [Int: Double] = [:]
        for user in 1...userCount { latency[user] = Double(Int.random(in: 1...30, using: &random)) }
        var server = SimulatedServer(latency: latency)
        var time = 0.0
        var connected: [Int] = []
        var gone: Set<Int> = []
        for _ in 0..<120 {
            time += Double(Int.random(in: 0...40, using: &random))
            let candidates = (1...userCount).filter { !connected.contains($0) && !gone.contains($0) }
            switch Int.random(in: 0..<10, using: &random) {
            case 0 where !candidates.isEmpty:
                let user = candidates.randomElement(using: &random)!
                server.at(time, user, .connect)
                connected.append(user)
                time += 70  // its CONNECT reply comes back before it acts
            case 1 where connected.count > 1:
                let user = connected.randomElement(using: &random)!
                server.at(time, user, .leave(clean: Bool.random(using: &random)))
                connected.removeAll { $0 == user }
                gone.insert(user)
            case 2 where !connected.isEmpty:
                server.at(time, connected.randomElement(using: &random)!, .rename("n\(Int.random(in: 0..<5, using: &random))"))
            default:
                guard !connected.isEmpty else { continue }
                server.at(time, connected.randomElement(using: &random)!, .send("m\(Int.random(in: 0..<1000, using: &random))"))
            }
        }
        let run = check(server.records(tickEvery: 37))
        #expect(run.violations == [], "seed \(seed)")
        #expect(run.summary.deliveriesChecked > 0)
        #expect(run.summary.pendingMessages == 0)
    }

    /// Extra ticks must not change what is found: windows close on time, whichever record closes them.
    @Test func findingsDoNotDependOnHowOftenTicksCome() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.send(1, at: 10)
        log.deliver(to: [1, 2], from: 1, at: 20)  // 3 never gets it
        log.send(2, at: 30)
        log.deliver(to: [2, 1], from: 2, at: 40)
        log.deliver(to: 1, from: 2, at: 250)  // a second copy, after the window
        log.leave(3, at: 400)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 410)
        log.map(to: 2, [1: "Guest", 2: "Guest"], at: 420)
        let sparse = check(log)
        var dense: [ChatRecord] = []
        var tick: UInt64 = 0
        for record in log.records {
            while tick < record.time {
                dense.append(.tick(at: tick))
                tick += 1_000_000
            }
            dense.append(record)
        }
        let denseRun = check(dense)
        #expect(sparse.kinds.sorted { $0.rawValue < $1.rawValue } == [.duplicateDelivery, .missingDelivery, .missingDelivery])
        #expect(denseRun.violations.map(\.kind) == sparse.violations.map(\.kind))
        #expect(denseRun.violations.map(\.users) == sparse.violations.map(\.users))
    }
}
