import OpenChat
import Testing

/// The correct scripted run with one fault injected: exactly the matching violations must appear.
struct MutationTests {
    enum Fault: String, CaseIterable, CustomTestStringConvertible {
        case loseACopy, duplicateACopy, wrongName, swapTwoSendersAtOneUser, loseALeaveBroadcast, loseAJoinBroadcast, forgetAnOwnRename
        var testDescription: String { rawValue }
    }

    static let grace: UInt64 = ChatLog.settings.graceNanoseconds

    static func sender(of text: String) -> Int? { MessageTag.find(in: text[...])?.user }

    static func inject(_ fault: Fault, into records: [ChatRecord]) -> [ChatRecord] {
        var records = records
        switch fault {
        case .loseACopy:
            let index = records.firstIndex { if case .message(let user, let text, _) = $0 { return sender(of: text) != user } else { return false } }!
            records.remove(at: index)
        case .duplicateACopy:
            let index = records.firstIndex { if case .message = $0 { return true } else { return false } }!
            records.insert(records[index], at: index + 1)
        case .wrongName:
            let index = records.firstIndex { if case .message = $0 { return true } else { return false } }!
            guard case .message(let user, let text, let at) = records[index] else { fatalError() }
            records[index] = .message(user: user, text: "Nobody" + text[text.firstIndex(of: ":")!...], at: at)
        case .swapTwoSendersAtOneUser:
            // User 1's first two copies from different senders trade places.
            let copies = records.indices.filter { if case .message(1, _, _) = records[$0] { return true } else { return false } }
            let pair = zip(copies, copies.dropFirst()).first { first, second in
                guard case .message(_, let a, _) = records[first], case .message(_, let b, _) = records[second] else { return false }
                return sender(of: a) != sender(of: b)
            }!
            guard case .message(_, let a, let aAt) = records[pair.0], case .message(_, let b, let bAt) = records[pair.1] else { fatalError() }
            records[pair.0] = .message(user: 1, text: b, at: aAt)
            records[pair.1] = .message(user: 1, text: a, at: bAt)
        case .loseALeaveBroadcast:
            // User 1 gets no map within the grace period after user 3's clean leave.
            let left = records.compactMap { if case .leaving(3, true, let at) = $0 { return at } else { return nil } }.first!
            records.removeAll { if case .usernames(1, _, let at) = $0 { return at > left && at <= left + grace } else { return false } }
        case .loseAJoinBroadcast:
            // User 1 gets no map listing user 4 until well after the grace period.
            let joined = records.compactMap { if case .connected(4, _, let at) = $0 { return at } else { return nil } }.first!
            records.removeAll {
                if case .usernames(1, let map, let at) = $0 { return at <= joined + grace && map.contains { $0.socketID == "sid4" } }
                return false
            }
        case .forgetAnOwnRename:
            // After user 5's rename is confirmed, the maps it gets show it as "Guest".
            let confirmed = records.compactMap { if case .nameConfirmed(5, _, let at) = $0 { return at } else { return nil } }.first!
            records = records.map { record in
                guard case .usernames(5, let map, let at) = record, at > confirmed else { return record }
                return .usernames(user: 5, map: map.map { $0.socketID == "sid5" ? UsernameEntry(socketID: "sid5", name: "Guest") : $0 }, at: at)
            }
        }
        return records
    }

    @Test(arguments: Fault.allCases)
    func aSingleFaultShowsAsItsOwnKind(fault: Fault) {
        let records = Self.inject(fault, into: CorrectRunTests.scriptedServer().records())
        let kinds = Set(check(records).kinds)
        switch fault {
        case .loseACopy: #expect(kinds == [.missingDelivery])
        case .duplicateACopy: #expect(kinds == [.duplicateDelivery])
        case .wrongName: #expect(kinds == [.wrongContent])
        case .swapTwoSendersAtOneUser: #expect(kinds == [.orderMismatch])
        case .loseALeaveBroadcast: #expect(kinds == [.missingLeaveBroadcast])
        case .loseAJoinBroadcast: #expect(kinds == [.missingJoinBroadcast])
        case .forgetAnOwnRename: #expect(kinds == [.wrongOwnName])
        }
    }
}
