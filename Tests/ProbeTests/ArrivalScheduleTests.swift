@testable import Probe
import Scenario
import Testing

struct ArrivalScheduleTests {
    @Test func constantRateSpacesArrivalsEvenly() {
        let offsets = ArrivalSchedule.offsets(for: .arrivals(name: "a", durationMilliseconds: 2_000, rate: 5, rampTo: nil))
        #expect(offsets.count == 10)
        #expect(offsets.first == 0)
        #expect(offsets[1] == 200_000_000)
        #expect(offsets.last == 1_800_000_000)
    }

    @Test func rampIntegratesTheRate() {
        // 0 -> 10 users/s over 10 s: 50 users, arriving faster and faster.
        let offsets = ArrivalSchedule.offsets(for: .arrivals(name: "r", durationMilliseconds: 10_000, rate: 0, rampTo: 10))
        #expect(offsets.count == 50)
        #expect(offsets == offsets.sorted())
        let firstGap = offsets[1] - offsets[0]
        let lastGap = offsets[49] - offsets[48]
        #expect(firstGap > lastGap * 5)
        // Half the users (25) arrive when the ramp has run for 10/sqrt(2) s.
        let half = Double(offsets[25]) / 1e9
        #expect(abs(half - 10 / 2.0.squareRoot()) < 0.05)
    }

    @Test func usersPhaseSpreadsOverItsDuration() {
        let offsets = ArrivalSchedule.offsets(for: .users(name: "u", count: 5, spreadMilliseconds: 1_000))
        #expect(offsets == [0, 250_000_000, 500_000_000, 750_000_000, 1_000_000_000])
        #expect(ArrivalSchedule.offsets(for: .users(name: "u", count: 3, spreadMilliseconds: 0)) == [0, 0, 0])
        #expect(ArrivalSchedule.offsets(for: .pause(name: "p", durationMilliseconds: 500)).isEmpty)
    }

    @Test func tooLowARateYieldsNobody() {
        #expect(ArrivalSchedule.offsets(for: .arrivals(name: "a", durationMilliseconds: 500, rate: 1, rampTo: nil)).isEmpty)
    }
}

struct TemplateContextTests {
    let context = TemplateContext(user: 7, iteration: 3, name: "ann", runID: "r1", group: "chatters", sequence: 12)

    @Test(arguments: [
        ("hello {iteration} from {name}", "hello 3 from ann"),
        ("{user}/{run}/{group}/{seq}", "7/r1/chatters/12"),
        ("no placeholders", "no placeholders"),
        ("{unknown} stays, { too", "{unknown} stays, { too"),
        ("unclosed {name", "unclosed {name"),
    ])
    func renders(template: String, expected: String) {
        #expect(context.render(TextTemplate(template)) == expected)
    }
}

struct SeededRandomTests {
    @Test func sameSeedAndStreamRepeat() {
        var a = SeededRandom(seed: 42, stream: 3)
        var b = SeededRandom(seed: 42, stream: 3)
        var c = SeededRandom(seed: 42, stream: 4)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
    }
}
