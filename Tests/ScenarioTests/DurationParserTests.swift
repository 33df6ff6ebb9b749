import JSON
import Testing

@testable import Scenario

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("500ms", 500), ("2s", 2_000), ("1.5m", 90_000), ("0s", 0), ("0.5s", 500), ("0.0004s", 0),
        ("1440m", 86_400_000), ("86400000ms", 86_400_000), ("10.25s", 10_250), ("-0s", 0),
    ] as [(String, Int)])
    func parsesText(_ text: String, _ milliseconds: Int) {
        #expect(DurationParser.milliseconds(from: JSONValue.string(text)) == .success(milliseconds))
    }

    @Test(arguments: [(250, 250), (0, 0), (86_400_000, 86_400_000)] as [(Double, Int)])
    func parsesPlainMilliseconds(_ number: Double, _ milliseconds: Int) {
        #expect(DurationParser.milliseconds(from: JSONValue.number(number)) == .success(milliseconds))
    }

    @Test(arguments: [
        (JSONValue.string("5x"), DurationParser.Problem.notADuration),
        ("5", .notADuration), ("s", .notADuration), ("1.s", .notADuration), (".5s", .notADuration),
        ("1 s", .notADuration), ("1S", .notADuration), ("1h", .notADuration), ("1e3ms", .notADuration),
        ("", .notADuration), (1.5, .notADuration), (true, .notADuration), (nil, .notADuration), (["1s"], .notADuration),
        ("-1s", .negative), ("-250ms", .negative), (-1, .negative),
        ("1441m", .tooLong), ("86400001ms", .tooLong), (86_400_001, .tooLong), ("99999999999999999999999m", .tooLong),
    ] as [(JSONValue, DurationParser.Problem)])
    func rejects(_ value: JSONValue, _ problem: DurationParser.Problem) {
        #expect(DurationParser.milliseconds(from: value) == .failure(problem))
    }
}
