import OpenChat
import Testing

/// The errors check, disabled checks, the end of the run, and the check descriptions.
struct ErrorsAndSettingsTests {
    @Test func errorsAndUnexpectedDisconnectsAreCountedByKindWithExamples() {
        var log = ChatLog()
        log.join([1, 2])
        log.error(3, .connectFailed, "connection refused", at: 5)
        log.error(4, .connectFailed, "timed out", at: 6)
        log.error(1, .ackTimeout, "add_username", at: 7)
        log.disconnect(2, reason: "ping timeout", at: 8)
        log.map(to: 1, [1: "Guest"], at: 9)
        let run = check(log)
        #expect(run.violations == [])
        #expect(run.summary.errorCounts == [.connectFailed: 2, .ackTimeout: 1, .unexpectedDisconnect: 1])
        #expect(run.summary.errorExamples[.connectFailed] == ["user 3: connection refused", "user 4: timed out"])
        #expect(run.summary.errorExamples[.unexpectedDisconnect] == ["user 2: ping timeout"])
        #expect(run.summary.count(for: .errors) == 4)
    }

    @Test func aDisabledCheckReportsNothingButMeasurementsGoOn() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: 1, from: 1, name: "Mallory", at: 20)  // wrong content, and 2 never gets it
        log.connect(3, at: 30)  // nobody gets a map listing 3
        log.error(1, .protocolError, "bad packet", at: 40)
        let only = check(log, settings: CheckerSettings(enabled: [.delivery], graceNanoseconds: 100_000_000, runID: ChatLog.runID))
        #expect(only.kinds == [.missingDelivery])
        #expect(only.summary.errorCounts == [:])
        #expect(only.deliveryLatencies.count == 1)

        let none = check(log, settings: CheckerSettings(enabled: [], graceNanoseconds: 100_000_000, runID: ChatLog.runID))
        #expect(none.violations == [])
        #expect(none.summary == {
            var summary = CheckSummary()
            summary.messagesChecked = 1
            summary.deliveriesChecked = 1
            return summary
        }())
        #expect(none.deliveryLatencies.count == 1)

        let all = check(log)
        #expect(Set(all.kinds) == [.missingDelivery, .wrongContent, .missingJoinBroadcast, .staleUsernames])
        #expect(all.summary.count(for: .usernames) == all.violations(.missingJoinBroadcast).count + all.violations(.staleUsernames).count)
    }

    @Test func examplesAreCappedPerKindButEveryViolationIsCounted() {
        var log = ChatLog()
        log.join([1, 2])
        for index in 0..<5 {
            log.send(1, at: Double(10 + index))
            log.deliver(to: 1, from: 1, index, at: Double(20 + index))
        }
        var settings = ChatLog.settings
        settings.maxExamplesPerKind = 2
        let run = check(log, settings: settings)
        #expect(run.summary.violationCounts[.missingDelivery] == 5)
        #expect(run.summary.examples[.missingDelivery]?.map(\.message) == ["[oc:r1:1:0]", "[oc:r1:1:1]"])
    }

    @Test func finishJudgesClosedWindowsDropsOpenOnesAndChecksTheLastMaps() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, at: 10)
        log.deliver(to: 1, from: 1, at: 20)  // 2 never gets it, and the window closes at 110
        log.send(1, at: 190)                  // its window is still open at 200
        log.connect(3, at: 195)               // so is this join's
        log.map(to: 3, [1: "Guest", 2: "Guest", 3: "Guest"], at: 195)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 196)  // without 3, but 3 joined too recently for the last-map check
        var checker = OpenChatChecker(settings: ChatLog.settings)
        var found: [ViolationKind] = []
        for record in log.records {
            for case .violation(let violation) in checker.record(record) { found.append(violation.kind) }
        }
        #expect(found == [.missingDelivery])  // the first window closed at 110: the send at 190 reported it
        #expect(checker.summary.pendingMessages == 1)
        let final = checker.finish(at: ChatLog.ns(200))
        #expect(final.isEmpty)  // the open message and join windows are dropped unjudged
        #expect(checker.summary.pendingMessages == 0)
        #expect(checker.summary.unjudgedAtFinish == 2)
        #expect(checker.footprint == CheckerFootprint(pendingMessages: 0, retainedMessages: 0, users: 0, pendingJoins: 0,
                                                      pendingLeaves: 0, orderSlots: 0))
        #expect(checker.record(.tick(at: ChatLog.ns(10_000))).isEmpty)
        #expect(checker.finish(at: ChatLog.ns(10_000)).isEmpty)
    }

    @Test(arguments: CheckName.allCases)
    func everyCheckHasOneDescriptiveSentence(check: CheckName) {
        let text = OpenChatChecker.description(of: check)
        #expect(text.count > 80)
        #expect(text.hasSuffix("."))
        #expect(text.dropLast().firstIndex(of: ".") == nil, "one sentence")
    }

    @Test func theRecordTimeIsTheRecordsAt() {
        #expect(ChatRecord.tick(at: 5).time == 5)
        #expect(ChatRecord.message(user: 1, text: "x", at: 7).time == 7)
    }
}

extension ErrorsAndSettingsTests {
    @Test func aSessionEndingAfterTheUserStartedLeavingIsNotAnError() {
        var log = ChatLog()
        log.join([1, 2])
        log.leave(2, clean: false, at: 10)
        log.disconnect(2, reason: "aborted by the client", at: 11)
        log.map(to: 1, [1: "Guest"], at: 300)
        let run = check(log)
        #expect(run.summary.errorCounts == [:])
        #expect(run.violations == [])
    }
}

extension ErrorsAndSettingsTests {
    /// The runner records a failure, then the session it abandons: one error, of the failure's kind.
    @Test func aDisconnectRecordedWithAnErrorCountsOnceAsThatError() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.error(2, .expectTimeout, "no 'message' within 500 ms", at: 10)
        log.disconnect(2, reason: "no 'message' within 500 ms", at: 10)
        log.error(3, .unexpectedDisconnect, "the server sent DISCONNECT", at: 12)
        log.disconnect(3, reason: "the server sent DISCONNECT", at: 12)
        log.map(to: 1, [1: "Guest"], at: 300)
        let run = check(log)
        #expect(run.summary.errorCounts == [.expectTimeout: 1, .unexpectedDisconnect: 1])
        #expect(run.violations == [])
    }

    @Test func recordsSlightlyOutOfOrderDoNotWrapLatencies() {
        var log = ChatLog()
        log.join([1])
        log.connect(2, at: 10)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 9.999)  // read a hair before the newcomer's CONNECT reply was recorded
        log.map(to: 2, [1: "Guest", 2: "Guest"], at: 10)
        let run = check(log)
        #expect(run.violations == [])
        #expect(run.joinLatencies.allSatisfy { $0 < ChatLog.ns(1) })
    }
}
