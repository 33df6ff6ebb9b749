import OpenChat
import Testing

/// The content check: "<name>: <text>" with a name the sender could have had at the send.
struct ContentCheckTests {
    @Test func aDeliveryWithAnotherNameIsWrongContent() {
        var log = ChatLog()
        log.join([1, 2])
        log.send(1, "hello", at: 10)
        log.deliver(to: 1, from: 1, at: 20)
        log.deliver(to: 2, from: 1, name: "Mallory", at: 20)
        let run = check(log)
        #expect(run.kinds == [.wrongContent])
        #expect(run.violations[0].users == [2, 1])
        #expect(run.violations[0].expected == "\"Guest: hello [oc:r1:1:0]\"")
        #expect(run.violations[0].seen == "\"Mallory: hello [oc:r1:1:0]\"")
    }

    @Test(arguments: ["Guest:hello [oc:r1:1:0]", "Guest: hello  [oc:r1:1:0]", " Guest: hello [oc:r1:1:0]", "Guest: Hello [oc:r1:1:0]"])
    func anyByteOffIsWrongContent(received: String) {
        var log = ChatLog()
        log.join([1])
        log.send(1, "hello", at: 10)
        log.raw(1, received, at: 20)
        #expect(check(log).kinds == [.wrongContent])
    }

    @Test func canonicallyEquivalentButDifferentBytesAreWrongContent() {
        var log = ChatLog()
        log.join([1])
        log.rename(1, to: "Ren\u{E9}", at: 5)
        log.confirm(1, "Ren\u{E9}", at: 6)
        log.send(1, "hello", at: 10)
        log.raw(1, "Rene\u{301}: hello [oc:r1:1:0]", at: 20)
        #expect(check(log).kinds == [.wrongContent])
    }

    @Test func theOldNameRightAfterAnUnconfirmedRenameIsTolerated() {
        var log = ChatLog()
        log.join([1, 2, 3])
        log.rename(1, to: "alice", at: 5)
        log.send(1, at: 6)  // python may run the message handler before the rename handler
        log.deliver(to: [1, 2, 3], from: 1, name: "Guest", at: 15)
        log.send(1, at: 7)
        log.deliver(to: [1, 2, 3], from: 1, 1, name: "alice", at: 16)
        log.confirm(1, "alice", at: 20)
        #expect(check(log).violations == [])
    }

    @Test func theOldNameAfterTheConfirmationIsWrongContent() {
        var log = ChatLog()
        log.join([1, 2])
        log.rename(1, to: "alice", at: 5)
        log.confirm(1, "alice", at: 8)
        log.send(1, at: 10)
        log.deliver(to: 1, from: 1, name: "alice", at: 15)
        log.deliver(to: 2, from: 1, name: "Guest", at: 15)
        let run = check(log)
        #expect(run.kinds == [.wrongContent])
        #expect(run.violations[0].expected == "\"alice: hi [oc:r1:1:0]\"")
    }

    @Test func afterAConfirmationANewerPendingRequestIsAlsoAccepted() {
        var log = ChatLog()
        log.join([1, 2])
        log.rename(1, to: "alice", at: 5)
        log.confirm(1, "alice", at: 8)
        log.rename(1, to: "bob", at: 9)
        log.send(1, at: 10)
        log.deliver(to: 1, from: 1, name: "alice", at: 15)
        log.deliver(to: 2, from: 1, name: "bob", at: 15)
        #expect(check(log).violations == [])

        var guest = log
        guest.send(1, at: 11)
        guest.deliver(to: [1, 2], from: 1, 1, name: "Guest", at: 16)
        let run = check(guest)
        #expect(run.kinds == [.wrongContent, .wrongContent])
        #expect(run.violations[0].expected == "\"alice: hi [oc:r1:1:1]\" or \"bob: hi [oc:r1:1:1]\"")
    }

    /// A confirmation supersedes its own request and every older one.
    @Test func aConfirmationSupersedesOlderRequests() {
        var log = ChatLog()
        log.join([1])
        log.rename(1, to: "alice", at: 5)
        log.rename(1, to: "bob", at: 6)
        log.confirm(1, "bob", at: 8)
        log.send(1, at: 10)
        log.deliver(to: 1, from: 1, name: "alice", at: 15)
        #expect(check(log).kinds == [.wrongContent])
    }

    @Test func aReconnectedUserIsGuestAgain() {
        var log = ChatLog()
        log.join([1])
        log.rename(1, to: "alice", at: 5)
        log.confirm(1, "alice", at: 8)
        log.leave(1, at: 10)
        log.connect(1, at: 200)
        log.map(to: 1, [1: "Guest"], at: 200)
        log.send(1, at: 210)
        log.deliver(to: 1, from: 1, name: "Guest", at: 215)
        #expect(check(log).violations == [])
    }
}
