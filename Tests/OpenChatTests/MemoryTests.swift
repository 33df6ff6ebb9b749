import OpenChat
import Testing

/// A long run must not grow: state is bounded by what is in flight.
struct MemoryTests {
    @Test func aHundredThousandMessagesWithChurnLeaveLittleTrackedState() {
        var settings = ChatLog.settings  // 100 ms grace, 1 s drop grace
        settings.retainedMessages = 1_000
        var checker = OpenChatChecker(settings: settings)
        let ms: UInt64 = 1_000_000
        var members = [1, 2, 3]
        var nextUser = 4
        var violations = 0
        var largest = CheckerFootprint(pendingMessages: 0, retainedMessages: 0, users: 0, pendingJoins: 0, pendingLeaves: 0, orderSlots: 0)
        func feed(_ record: ChatRecord) {
            for case .violation in checker.record(record) { violations += 1 }
        }
        func sendMap(at time: UInt64) {
            let map = members.map { UsernameEntry(socketID: "sid\($0)", name: "Guest") }
            for member in members { feed(.usernames(user: member, map: map, at: time)) }
        }
        for user in members {
            feed(.connected(user: user, socketID: "sid\(user)", at: 0))
        }
        sendMap(at: 0)
        var sequences: [Int: Int] = [:]
        let messageCount = 100_000
        for index in 0..<messageCount {
            let time = UInt64(index + 1) * ms  // one message per millisecond
            if index % 5_000 == 4_999 {
                // Churn: the oldest member leaves (alternately clean and dropped), a new one joins.
                let leaver = members.removeFirst()
                feed(.leaving(user: leaver, clean: index % 10_000 == 4_999, at: time))
                sendMap(at: time)
                members.append(nextUser)
                feed(.connected(user: nextUser, socketID: "sid\(nextUser)", at: time))
                sendMap(at: time)
                nextUser += 1
            }
            let sender = members[index % members.count]
            let sequence = sequences[sender, default: 0]
            sequences[sender] = sequence + 1
            let tag = MessageTag(runID: ChatLog.runID, user: sender, sequence: sequence)
            let text = "m" + tag.description
            feed(.sent(user: sender, tag: tag, text: text, intendedAt: time, at: time))
            for member in members { feed(.message(user: member, text: "Guest: " + text, at: time + ms / 2)) }
            if index % 100 == 0 {
                feed(.tick(at: time + ms))
                let now = checker.footprint
                largest = CheckerFootprint(
                    pendingMessages: max(largest.pendingMessages, now.pendingMessages),
                    retainedMessages: max(largest.retainedMessages, now.retainedMessages), users: max(largest.users, now.users),
                    pendingJoins: max(largest.pendingJoins, now.pendingJoins), pendingLeaves: max(largest.pendingLeaves, now.pendingLeaves),
                    orderSlots: max(largest.orderSlots, now.orderSlots))
            }
        }
        #expect(violations == 0)
        let footprint = checker.footprint
        #expect(footprint.pendingMessages <= 101)         // 100 ms of messages at one per ms
        #expect(footprint.retainedMessages == 1_000)      // the configured ring
        #expect(footprint.users <= members.count + 1)     // leavers are dropped after the drop grace + grace
        #expect(footprint.pendingJoins <= 1 && footprint.pendingLeaves <= 1)
        // Order slots: the live messages plus released slots waiting for a sweep (at most an eighth of
        // the capacity, or 8): 102 live ones need at most 127.
        #expect(largest.pendingMessages <= 102 && largest.orderSlots <= 127 && largest.users <= 5)
        #expect(checker.summary.pendingMessages == footprint.pendingMessages)
        #expect(checker.summary.messagesChecked + footprint.pendingMessages == messageCount)
        _ = checker.finish(at: UInt64(messageCount + 10_000) * ms)
        #expect(checker.summary.pendingMessages == 0)
        #expect(checker.summary.totalViolations == 0)
        #expect(checker.summary.deliveriesChecked == messageCount * 3)
    }
}
