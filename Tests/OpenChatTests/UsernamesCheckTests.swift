import OpenChat
import Testing

/// The usernames check: join and leave broadcasts, own name, last map.
struct UsernamesCheckTests {
    @Test func aUserWithoutAMapListingTheNewcomerIsAMissingJoinBroadcast() {
        var log = ChatLog()
        log.join([1, 2])
        log.connect(3, at: 10)
        log.map(to: 3, [1: "Guest", 2: "Guest", 3: "Guest"], at: 10)
        log.map(to: 1, [1: "Guest", 2: "Guest", 3: "Guest"], at: 25)
        log.map(to: 2, [1: "Guest", 2: "Guest"], at: 26)  // a map, but without the newcomer
        let run = check(log)
        #expect(run.violations(.missingJoinBroadcast).map(\.users) == [[2, 3]])
        #expect(run.violations(.missingJoinBroadcast)[0].expected == "a usernames map listing sid3 (user 3) within 100 ms of its connect")
        #expect(run.violations(.missingJoinBroadcast)[0].seen == "none; the last map (2 entries) came 16 ms after it")
        // User 1 saw user 2 join at once (`join`), then user 3 after 15 ms; the newcomer's own map is not a latency.
        #expect(run.joinLatencies == [0, ChatLog.ns(15)])
    }

    @Test func theNewcomerMustGetItsOwnMapToo() {
        var log = ChatLog()
        log.join([1])
        log.connect(2, at: 10)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 11)
        #expect(check(log).violations(.missingJoinBroadcast).map(\.users) == [[2, 2]])
    }

    /// The server broadcasts from its connect handler before the CONNECT reply: others, and the newcomer
    /// itself, may hold a map listing it before its `connected` record.
    @Test func aMapListingTheNewcomerBeforeItsConnectRecordCounts() {
        var log = ChatLog()
        log.join([1])
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 5)
        log.map(to: 2, [1: "Guest", 2: "Guest"], at: 7)
        log.connect(2, at: 8)
        let run = check(log)
        #expect(run.violations == [])
        #expect(run.joinLatencies == [])  // satisfied before the connect: no latency to measure
    }

    @Test func aUserWithoutAMapDroppingTheLeaverIsAMissingLeaveBroadcast() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.leave(3, at: 50)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 60)
        let run = check(log)
        #expect(run.violations(.missingLeaveBroadcast).map(\.users) == [[2, 3]])
        #expect(run.violations(.missingLeaveBroadcast)[0].expected == "a usernames map without sid3 (user 3) within 100 ms of its leave")
        #expect(run.leaveLatencies == [ChatLog.ns(10)])
        // User 2's last map still lists user 3 at the end: that is stale too.
        #expect(run.violations(.staleUsernames).map(\.users) == [[2]])
    }

    @Test func aDropGetsTheLongerWindow() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.leave(3, clean: false, at: 50)
        log.tick(at: 300)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 550)  // the server noticed at its ping timeout
        log.map(to: 2, [1: "Guest", 2: "Guest"], at: 560)
        let run = check(log)
        #expect(run.violations == [])
        #expect(run.leaveLatencies == [ChatLog.ns(500), ChatLog.ns(510)])

        var never = ChatLog()
        never.join([1, 2, 3])
        never.leave(3, clean: false, at: 50)
        never.map(to: 1, [1: "Guest", 2: "Guest"], at: 550)
        never.tick(at: 1_050)
        never.tick(at: 1_051)
        let late = check(never)
        #expect(late.violations(.missingLeaveBroadcast).map(\.users) == [[2, 3]])
        #expect(late.violations(.missingLeaveBroadcast)[0].expected.hasSuffix("within 1000 ms of its drop"))
        #expect(late.violations(.missingLeaveBroadcast)[0].at == ChatLog.ns(1_051))
    }

    @Test func anUnexpectedDisconnectGetsTheDropWindowAndMayAlreadyBeShown() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 40)  // the server removed 3 before its client noticed
        log.disconnect(3, reason: "server close", at: 45)
        log.map(to: 2, [1: "Guest", 2: "Guest"], at: 700)
        let run = check(log)
        #expect(run.violations == [])
        #expect(run.leaveLatencies == [ChatLog.ns(655)])
        #expect(run.summary.errorCounts == [.unexpectedDisconnect: 1])
    }

    @Test func aLastMapMissingAUserWhoJoinedLongAgoIsStale() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.map(to: 1, [1: "Guest", 3: "Guest"], foreign: ["real-user"], at: 300)  // lost user 2
        log.leave(1, at: 400)
        log.map(to: 2, [2: "Guest", 3: "Guest"], at: 410)
        log.map(to: 3, [2: "Guest", 3: "Guest"], at: 410)
        let run = check(log)
        #expect(run.kinds == [.staleUsernames])
        #expect(run.violations[0].users == [1])
        #expect(run.violations[0].seen == "missing user 2 (last map: 3 entries, 100 ms old)")
        #expect(run.violations[0].at == ChatLog.ns(400))
    }

    @Test func aLastMapStillListingAUserWhoLeftLongAgoIsStale() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.leave(3, at: 50)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 55)
        log.map(to: 2, [1: "Guest", 2: "Guest"], at: 55)
        log.map(to: 1, [1: "Guest", 2: "Guest", 3: "Guest"], at: 500)  // user 3 is back on the server's list
        let run = check(log)
        #expect(run.kinds == [.staleUsernames])
        #expect(run.violations[0].users == [1])
        #expect(run.violations[0].seen.hasPrefix("listing user 3 who left"))
    }

    @Test func recentJoinsAndLeavesAndForeignUsersAreIgnoredByTheLastMapCheck() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.leave(2, clean: false, at: 200)  // a drop: may stay on maps for the drop grace
        log.connect(4, at: 950)               // joined 50 ms before user 1 leaves
        log.map(to: 4, [1: "Guest", 2: "Guest", 3: "Guest", 4: "Guest"], at: 950)
        log.map(to: 3, [1: "Guest", 2: "Guest", 3: "Guest", 4: "Guest"], at: 951)
        log.leave(1, at: 1_000)               // its last map is from the start and lists 2, not 4
        log.map(to: 3, [3: "Guest", 4: "Guest"], foreign: ["someone-else"], at: 1_010)
        log.map(to: 4, [3: "Guest", 4: "Guest"], foreign: ["someone-else"], at: 1_010)
        #expect(check(log).violations == [])
    }

    @Test func anOwnEntryWithoutTheConfirmedNameIsWrongOwnName() {
        var log = ChatLog()
        log.join([1, 2])
        log.rename(1, to: "alice", at: 10)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 11)  // before the confirmation: fine
        log.confirm(1, "alice", at: 12)
        log.connect(3, at: 20)
        log.map(to: 3, [1: "alice", 2: "Guest", 3: "Guest"], at: 20)
        log.map(to: 1, [1: "Guest", 2: "Guest", 3: "Guest"], at: 21)
        log.map(to: 2, [1: "alice", 2: "Guest", 3: "Guest"], at: 21)
        let run = check(log)
        #expect(run.kinds == [.wrongOwnName])
        #expect(run.violations[0].users == [1])
        #expect(run.violations[0].expected == "\"alice\" (its confirmed name)")
        #expect(run.violations[0].seen == "\"Guest\"")
    }

    @Test func aNewerRenameRequestSuspendsTheOwnNameCheck() {
        var log = ChatLog()
        log.join([1, 2])
        log.rename(1, to: "alice", at: 10)
        log.confirm(1, "alice", at: 12)
        log.rename(1, to: "bob", at: 15)
        log.connect(3, at: 20)
        log.map(to: 3, [1: "alice", 2: "Guest", 3: "Guest"], at: 20)
        log.map(to: 1, [1: "alice", 2: "Guest", 3: "Guest"], at: 21)
        log.map(to: 2, [1: "alice", 2: "Guest", 3: "Guest"], at: 21)
        #expect(check(log).violations == [])
    }

    @Test func anOwnEntryThatIsMissingOrNotAStringIsWrongOwnName() {
        var log = ChatLog()
        log.join([1, 2])
        log.rename(1, to: "alice", at: 10)
        log.confirm(1, "alice", at: 12)
        log.append(.usernames(user: 1, map: [UsernameEntry(socketID: "sid1", name: nil), UsernameEntry(socketID: "sid2", name: "Guest")],
                              at: ChatLog.ns(20)))
        log.map(to: 1, [2: "Guest"], at: 21)
        let run = check(log, finishAt: ChatLog.ns(50))
        #expect(run.kinds == [.wrongOwnName, .wrongOwnName])
        #expect(run.violations.map(\.seen) == ["a value that is not a string", "no entry for its socket id sid1"])
    }

    /// A rename triggers no broadcast: other users' maps may show the old name for ever.
    @Test func anotherUsersOldNameIsTolerated() {
        var log = ChatLog()
        log.join([1, 2])
        log.rename(2, to: "bob", at: 10)
        log.confirm(2, "bob", at: 12)
        log.connect(3, at: 500)
        log.map(to: 3, [1: "Guest", 2: "Guest", 3: "Guest"], at: 500)
        log.map(to: 1, [1: "Guest", 2: "Guest", 3: "Guest"], at: 501)
        log.map(to: 2, [1: "Guest", 2: "bob", 3: "Guest"], at: 501)
        log.leave(1, at: 900)
        log.map(to: 2, [2: "bob", 3: "Guest"], at: 910)
        log.map(to: 3, [2: "Guest", 3: "Guest"], at: 910)
        #expect(check(log).violations == [])
    }

    @Test func aUserJoiningInsideTheJoinWindowIsNotRequiredToShowTheEarlierNewcomer() {
        var log = ChatLog()
        log.join([1])
        log.connect(2, at: 10)
        log.map(to: 2, [1: "Guest", 2: "Guest"], at: 10)
        log.map(to: 1, [1: "Guest", 2: "Guest"], at: 11)
        log.connect(3, at: 20)  // after 2's connect: not required to see 2's broadcast (its own map lists 2 anyway)
        log.map(to: 3, [1: "Guest", 2: "Guest", 3: "Guest"], at: 20)
        log.map(to: 1, [1: "Guest", 2: "Guest", 3: "Guest"], at: 21)
        log.map(to: 2, [1: "Guest", 2: "Guest", 3: "Guest"], at: 21)
        #expect(check(log).violations == [])
    }

    @Test func usersLeavingInsideAWindowAreNoLongerAwaited() {
        var log = ChatLog()
        log.join([1, 2])
        log.connect(3, at: 10)
        log.map(to: 3, [1: "Guest", 2: "Guest", 3: "Guest"], at: 10)
        log.map(to: 1, [1: "Guest", 2: "Guest", 3: "Guest"], at: 11)
        log.leave(2, at: 12)  // never showed 3, but left inside the join window
        log.map(to: 1, [1: "Guest", 3: "Guest"], at: 20)
        log.map(to: 3, [1: "Guest", 3: "Guest"], at: 20)
        #expect(check(log).violations == [])
    }
}
