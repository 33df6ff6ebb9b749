import JSON
import Testing

@Suite struct JSONLimitTests {
    private func nested(_ depth: Int, open: String = "[", close: String = "]") -> String {
        String(repeating: open, count: depth) + String(repeating: close, count: depth)
    }

    @Test func acceptsNestingUpToMaxDepth() throws {
        let limits = JSONLimits(maxDepth: 5)
        #expect(throws: Never.self) { try JSONValue(parsing: nested(5), limits: limits) }
        let objects = String(repeating: #"{"a":"#, count: 5) + "1" + String(repeating: "}", count: 5)
        #expect(throws: Never.self) { try JSONValue(parsing: objects, limits: limits) }
    }

    @Test(arguments: [
        "[[[[[[]]]]]]",
        #"{"a":{"a":{"a":{"a":{"a":{"a":1}}}}}}"#,
        #"[{"a":[{"a":[[]]}]}]"#,
    ])
    func rejectsNestingBeyondMaxDepth(text: String) {
        #expect {
            _ = try JSONValue(parsing: text, limits: JSONLimits(maxDepth: 5))
        } throws: { error in
            (error as? JSONError)?.code == .nestingTooDeep
        }
    }

    @Test func deepInputThrowsInsteadOfOverflowingTheStack() {
        // A million open brackets: a recursive parser would overflow the stack long before this.
        for limits in [JSONLimits(), JSONLimits(maxDepth: .max)] {
            #expect {
                _ = try JSONValue(parsing: String(repeating: "[", count: 1_000_000), limits: limits)
            } throws: { error in
                (error as? JSONError)?.code == .nestingTooDeep
            }
        }
    }

    @Test func maxDepthIsClampedToTheHardLimit() throws {
        let limits = JSONLimits(maxDepth: .max)
        #expect(throws: Never.self) { try JSONValue(parsing: nested(JSONLimits.maximumDepth), limits: limits) }
        #expect(throws: JSONError.self) { try JSONValue(parsing: nested(JSONLimits.maximumDepth + 1), limits: limits) }
    }

    @Test func rejectsInputOverMaxBytes() throws {
        let limits = JSONLimits(maxBytes: 8)
        #expect(throws: Never.self) { try JSONValue(parsing: "[1,2,30]", limits: limits) }
        #expect {
            _ = try JSONValue(parsing: "[1,2,300]", limits: limits)
        } throws: { error in
            (error as? JSONError)?.code == .inputTooLarge
        }
    }
}
