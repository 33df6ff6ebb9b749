import Testing

@testable import Scenario

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("rampto", "rampTo"), ("RampTo", "rampTo"), ("arivalRate", "arrivalRate"), ("arrvialRate", "arrivalRate"),
        ("treshold", "thresholds"), ("evry", "every"), ("timout", "timeout"),
    ])
    func suggestsCloseKeys(_ word: String, _ suggestion: String) {
        let keys = ["rampTo", "arrivalRate", "thresholds", "every", "timeout", "name"]
        #expect(Suggestion.closest(to: word, in: keys) == suggestion)
    }

    @Test(arguments: ["colour", "x", "period", "tiemout123"])
    func staysQuietForDistantWords(_ word: String) {
        #expect(Suggestion.closest(to: word, in: ["rampTo", "duration", "timeout", "name"]) == nil)
    }

    @Test(arguments: [("", "abc", 3), ("kitten", "sitting", 3), ("ab", "ba", 1), ("same", "same", 0)])
    func editDistance(_ a: String, _ b: String, _ distance: Int) {
        #expect(Suggestion.editDistance(Array(a), Array(b)) == distance)
    }

    @Test func pathsQuoteKeysThatAreNotIdentifiers() {
        let path = JSONPath.root.appending("connection").appending("headers").appending("X-Token").appending(0).appending("it's")
        #expect(path.description == #"$.connection.headers['X-Token'][0]['it\'s']"#)
    }
}
