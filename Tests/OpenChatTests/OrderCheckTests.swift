import OpenChat
import Testing

/// The order check: per sender, and across users.
struct OrderCheckTests {
    @Test func aSendersMessagesOutOfSequenceAtOneRecipientAreSenderOrder() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.send(1, at: 11)
        log.deliver(to: 1, from: 1, 0, at: 20)
        log.deliver(to: 1, from: 1, 1, at: 21)
        log.deliver(to: 2, from: 1, 1, at: 20)
        log.deliver(to: 2, from: 1, 0, at: 21)
        let run = check(log)
        // Users 1 and 2 also disagree on the pair, but that is the same fault: reported once, as sender order.
        #expect(run.kinds == [.senderOrder])
        #expect(run.violations[0].users == [2, 1])
        #expect(run.violations[0].message == "[oc:r1:1:0]")
        #expect(run.violations[0].expected == "sequence 0 before 1 (the order they were sent in)")
    }

    @Test func aLateCopyAfterTheWindowIsStillComparedWithTheSendersRetainedMessages() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.send(1, at: 11)
        log.deliver(to: 1, from: 1, 0, at: 20)
        log.deliver(to: 1, from: 1, 1, at: 21)
        log.deliver(to: 2, from: 1, 1, at: 20)
        log.tick(at: 300)
        log.deliver(to: 2, from: 1, 0, at: 400)
        #expect(check(log).kinds == [.missingDelivery, .senderOrder])
    }

    @Test func twoUsersSeeingTwoMessagesInOppositeOrdersIsOneOrderMismatch() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.send(1, at: 10)
        log.send(2, at: 11)
        log.deliver(to: 1, from: 1, at: 20)
        log.deliver(to: 1, from: 2, at: 21)
        log.deliver(to: 2, from: 1, at: 22)
        log.deliver(to: 2, from: 2, at: 23)
        log.deliver(to: 3, from: 2, at: 24)
        log.deliver(to: 3, from: 1, at: 25)
        let run = check(log)
        #expect(run.kinds == [.orderMismatch])  // users 1 and 2 both disagree with 3: one inverted pair
        #expect(run.violations[0].users == [3, 1])
        #expect(run.violations[0].message == "[oc:r1:1:0]")
        #expect(run.violations[0].expected == "[oc:r1:1:0] before [oc:r1:2:0], as user 1 got them")
        #expect(run.violations[0].seen == "[oc:r1:2:0] before [oc:r1:1:0]")
    }

    @Test func theInversionIsFoundWhicheverUserCompletesThePairFirst() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.send(1, at: 10)
        log.send(2, at: 11)
        log.deliver(to: 3, from: 2, at: 20)
        log.deliver(to: 3, from: 1, at: 21)
        log.deliver(to: 1, from: 1, at: 22)
        log.deliver(to: 1, from: 2, at: 23)
        log.deliver(to: 2, from: 1, at: 24)
        log.deliver(to: 2, from: 2, at: 25)
        let run = check(log)
        #expect(run.kinds == [.orderMismatch])
        #expect(run.violations[0].users == [1, 3])
        #expect(run.violations[0].expected == "[oc:r1:2:0] before [oc:r1:1:0], as user 3 got them")
    }

    @Test func pairsSeparatedByOtherMessagesAreCompared() {
        // User 1: a b c. User 2: c a (never got b). The pair (a, c) is inverted though not adjacent for user 1.
        var log = ChatLog()
        log.join([1, 2, 3])
        log.send(1, at: 10)
        log.send(2, at: 11)
        log.send(3, at: 12)
        log.deliver(to: 1, from: 1, at: 20)
        log.deliver(to: 1, from: 2, at: 21)
        log.deliver(to: 1, from: 3, at: 22)
        log.deliver(to: 2, from: 3, at: 23)
        log.deliver(to: 2, from: 1, at: 24)
        let run = check(log, settings: CheckerSettings(enabled: [.order], graceNanoseconds: 100_000_000, runID: ChatLog.runID))
        #expect(run.kinds == [.orderMismatch])
        #expect(run.violations[0].users == [2, 1])
    }

    /// The cross-user check holds at most `maxOrderTrackedMessages` messages in flight: a message sent beyond
    /// that is counted and left to the other checks; an inversion between tracked messages is still found.
    @Test func messagesOverTheInFlightLimitSkipOnlyTheCrossUserCheck() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.send(1, at: 10)
        log.send(2, at: 11)
        log.send(3, at: 12)  // over the limit of 2: not tracked across users
        log.deliver(to: 1, from: 1, at: 20)
        log.deliver(to: 1, from: 2, at: 21)
        log.deliver(to: 1, from: 3, at: 22)
        log.deliver(to: 2, from: 3, at: 23)
        log.deliver(to: 2, from: 2, at: 24)
        log.deliver(to: 2, from: 1, at: 25)
        var settings = CheckerSettings(enabled: [.order], graceNanoseconds: 100_000_000, runID: ChatLog.runID)
        settings.maxOrderTrackedMessages = 2
        let run = check(log, settings: settings)
        #expect(run.summary.messagesNotOrderChecked == 1)
        // Only the pair of the two tracked messages (1, 2) is judged: one mismatch, not three.
        #expect(run.kinds == [.orderMismatch])
        #expect(run.footprint.orderSlots <= 2)
    }

    /// A long stream with more messages in flight than the limit: the tracker's capacity never passes it.
    @Test func theOrderCapacityStaysWithinTheLimitOnALongStream() {
        var log = ChatLog()
        log.join([1, 2, 3])
        // One message every 0.1 ms from user 1 with a 100 ms grace: about 1,000 in flight.
        for index in 0..<5_000 {
            let at = 10 + Double(index) * 0.1
            let sequence = log.send(1, at: at)
            log.deliver(to: [1, 2, 3], from: 1, sequence, at: at + 0.05)
        }
        var settings = CheckerSettings(enabled: [.order], graceNanoseconds: 100_000_000, runID: ChatLog.runID)
        settings.maxOrderTrackedMessages = 256
        let run = check(log, settings: settings)
        #expect(run.violations == [])
        #expect(run.summary.messagesNotOrderChecked > 0)
        #expect(run.footprint.orderSlots <= 256)
    }

    /// Pairwise and exact: three users whose orders form a cycle, no two of them disagreeing, is no violation.
    @Test func aCycleWithoutAnyPairwiseDisagreementIsNotAViolation() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.send(1, at: 10)
        log.send(2, at: 11)
        log.send(3, at: 12)
        log.deliver(to: 1, from: 1, at: 20)  // user 1: a b
        log.deliver(to: 1, from: 2, at: 21)
        log.deliver(to: 2, from: 2, at: 22)  // user 2: b c
        log.deliver(to: 2, from: 3, at: 23)
        log.deliver(to: 3, from: 3, at: 24)  // user 3: c a
        log.deliver(to: 3, from: 1, at: 25)
        let run = check(log, settings: CheckerSettings(enabled: [.order], graceNanoseconds: 100_000_000, runID: ChatLog.runID))
        #expect(run.violations == [])
    }

    @Test func manyUsersAndMessagesInOneConsistentOrderHaveNoViolations() {
        var log = ChatLog()
        let users = Array(1...12)
        log.join(users)
        for sender in users { log.send(sender, at: 20 + Double(sender)) }
        // Each user gets a different subset, all in the same global order.
        var random = SplitMix(state: 7)
        for user in users {
            for (offset, sender) in users.enumerated() where sender == user || Bool.random(using: &random) {
                log.deliver(to: user, from: sender, at: 40 + Double(offset))
            }
        }
        let run = check(log, settings: CheckerSettings(enabled: [.order], graceNanoseconds: 100_000_000, runID: ChatLog.runID))
        #expect(run.violations == [])
    }
}
