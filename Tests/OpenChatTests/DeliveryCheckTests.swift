import OpenChat
import Testing

/// The delivery check: every required recipient exactly once, unknown and foreign messages, latencies.
struct DeliveryCheckTests {
    @Test func aRecipientThatNeverGetsAMessageIsMissingOncePerRecipientAndMessage() {
        var log = ChatLog()
        log.join([1, 2, 3, 4])
        log.send(1, at: 10)
        log.send(2, at: 11)
        log.deliver(to: [1, 2], from: 1, at: 20)
        log.deliver(to: [2, 1], from: 2, at: 21)
        let run = check(log)
        let missing = run.violations(.missingDelivery)
        #expect(missing.map(\.users) == [[3, 1], [4, 1], [3, 2], [4, 2]])
        #expect(missing.map(\.message) == ["[oc:r1:1:0]", "[oc:r1:1:0]", "[oc:r1:2:0]", "[oc:r1:2:0]"])
        #expect(missing[0].expected == "a copy within 100 ms of the send")
        #expect(run.violations.count == 4)
        #expect(run.summary.violationCounts == [.missingDelivery: 4])
        #expect(run.summary.count(for: .delivery) == 4)
        #expect(run.summary.messagesChecked == 2)
    }

    /// Streaming: nothing is reported before the grace period ends; the first record after it reports.
    @Test func aMissingDeliveryIsReportedByTheFirstRecordAfterTheGracePeriod() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: 1, from: 1, at: 20)
        var checker = OpenChatChecker(settings: ChatLog.settings)
        for record in log.records { _ = checker.record(record) }
        #expect(checker.record(.tick(at: ChatLog.ns(110))).isEmpty)  // the window ends at 110 ms: a copy may still come at 110
        let found = checker.record(.tick(at: ChatLog.ns(110.001)))
        #expect(found.count == 1)
        guard case .violation(let violation) = found.first else { Issue.record("no violation"); return }
        #expect(violation.kind == .missingDelivery && violation.users == [2, 1] && violation.at == ChatLog.ns(110.001))
        #expect(checker.summary.pendingMessages == 0)
    }

    @Test func aCopyExactlyAtTheEndOfTheGracePeriodIsInTime() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: [1, 2], from: 1, at: 110)
        #expect(check(log).violations == [])
    }

    @Test func aSecondCopyIsADuplicate() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: [1, 2], from: 1, at: 20)
        log.deliver(to: 2, from: 1, at: 30)
        let run = check(log)
        #expect(run.kinds == [.duplicateDelivery])
        #expect(run.violations[0].users == [2, 1])
        #expect(run.violations[0].seen == "another copy 20 ms after the send")
        #expect(run.deliveryLatencies.count == 2)  // latency only for first copies
        #expect(run.summary.deliveriesChecked == 3)
    }

    @Test func aSecondCopyAfterTheWindowClosedIsStillADuplicate() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: [1, 2], from: 1, at: 20)
        log.tick(at: 500)  // finalized
        log.deliver(to: 2, from: 1, at: 5_000)
        let run = check(log)
        #expect(run.kinds == [.duplicateDelivery])
        #expect(run.violations[0].seen == "another copy 4990 ms after the send (after the delivery window closed)")
    }

    @Test func aLateFirstCopyIsNotADuplicateButItsLatencyIsMeasured() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: 1, from: 1, at: 20)
        log.deliver(to: 2, from: 1, at: 300)
        log.deliver(to: 2, from: 1, at: 400)
        let run = check(log)
        #expect(run.kinds == [.missingDelivery, .duplicateDelivery])
        #expect(run.deliveryLatencies.map(\.nanoseconds) == [ChatLog.ns(10), ChatLog.ns(290)])
    }

    @Test func aTaggedMessageNobodySentIsUnknown() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: [1, 2], from: 1, at: 20)
        log.raw(2, "Guest: forged [oc:r1:1:7]", at: 30)  // a sequence user 1 never sent
        log.raw(2, "Guest: forged [oc:r1:99:0]", at: 31)  // a user that does not exist
        let run = check(log)
        #expect(run.kinds == [.unknownMessage, .unknownMessage])
        #expect(run.violations.map(\.users) == [[2, 1], [2, 99]])
        #expect(run.violations[0].message == "[oc:r1:1:7]")
        #expect(run.violations[0].seen == "\"Guest: forged [oc:r1:1:7]\"")
    }

    @Test func untaggedAndOtherRunMessagesAreForeignNotViolations() {
        var log = ChatLog()
        log.join([1, 2])
        log.raw(1, "Bob: hello", at: 10)
        log.raw(2, "Bob: hello [oc:other-run:1:0]", at: 11)
        log.raw(2, "Bob: not quite a tag [oc:r1:x:0]", at: 12)
        let run = check(log)
        #expect(run.violations == [])
        #expect(run.summary.foreignMessages == 3)
        #expect(run.observations.filter { $0 == .foreignMessage }.count == 3)
        #expect(run.summary.deliveriesChecked == 0)
    }

    @Test func copiesOfMessagesForgottenLongAgoAreExpiredNotJudged() {
        var log = ChatLog()
        log.join([1, 2])
        for index in 0..<5 {
            log.send(1, at: Double(10 + index))
            log.deliver(to: [1, 2], from: 1, index, at: Double(20 + index))
        }
        log.tick(at: 500)
        log.deliver(to: 2, from: 1, 0, at: 600)  // forgotten: only the last 2 are retained
        log.deliver(to: 2, from: 1, 4, at: 601)  // retained: a duplicate
        var settings = ChatLog.settings
        settings.retainedMessages = 2
        let run = check(log, settings: settings)
        #expect(run.kinds == [.duplicateDelivery])
        #expect(run.summary.expiredReceipts == 1)
    }

    @Test func latenciesAreMeasuredFromTheIntendedSendTime() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10, intendedAt: 4)  // the schedule wanted it at 4 ms; the writer got to it at 10 ms
        log.deliver(to: 1, from: 1, at: 12)
        log.deliver(to: 2, from: 1, at: 30)
        let run = check(log)
        #expect(run.violations == [])
        #expect(run.deliveryLatencies.map(\.toSender) == [true, false])
        #expect(run.deliveryLatencies.map(\.nanoseconds) == [ChatLog.ns(8), ChatLog.ns(26)])
    }

    @Test func usersJoiningOrLeavingInsideTheWindowAreNotRequiredButMayNotGetTwoCopies() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.send(1, at: 10)
        log.connect(4, at: 20)  // joins inside the window: may get it or not
        log.map(to: 4, [1: "Guest", 2: "Guest", 3: "Guest", 4: "Guest"], at: 20)
        log.map(to: 1, [1: "Guest", 2: "Guest", 3: "Guest", 4: "Guest"], at: 21)
        log.map(to: 2, [1: "Guest", 2: "Guest", 3: "Guest", 4: "Guest"], at: 21)
        log.map(to: 3, [1: "Guest", 2: "Guest", 3: "Guest", 4: "Guest"], at: 21)
        log.deliver(to: [1, 2], from: 1, at: 30)
        log.leave(3, at: 50)  // leaves inside the window without it: not required
        log.map(to: 1, [1: "Guest", 2: "Guest", 4: "Guest"], at: 55)
        log.map(to: 2, [1: "Guest", 2: "Guest", 4: "Guest"], at: 55)
        log.map(to: 4, [1: "Guest", 2: "Guest", 4: "Guest"], at: 55)
        #expect(check(log).violations == [])

        var twice = log
        twice.deliver(to: 4, from: 1, at: 60)
        twice.deliver(to: 4, from: 1, at: 61)
        #expect(check(twice).kinds == [.duplicateDelivery])
    }

    @Test func aUserLeavingAfterTheWindowWasRequired() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: 1, from: 1, at: 20)
        log.leave(2, at: 111)
        log.map(to: 1, [1: "Guest"], at: 115)
        #expect(check(log).kinds == [.missingDelivery])
    }
}
