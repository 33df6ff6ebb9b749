import JSON
import Testing

@Suite struct JSONObjectTests {
    @Test func keepsInsertionOrder() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 4
        #expect(object.keys == ["b", "a", "c"])
        #expect(object.values == [4, 2, 3])
        #expect(object.count == 3)
        #expect(JSONValue.object(object).serialized == #"{"b":4,"a":2,"c":3}"#)
    }

    @Test func removesWithNil() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = nil
        object["missing"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["b"] == nil)
    }

    @Test func repeatedKeysKeepFirstPositionAndLastValue() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test func largeObjectsStayConsistentAcrossTheIndexThreshold() throws {
        var object = JSONObject()
        for i in 0..<40 { object["k\(i)"] = .number(Double(i)) }
        for i in stride(from: 0, to: 40, by: 3) { object["k\(i)"] = nil }
        #expect(object.count == 26)
        while object.count > 5 { object[object.keys[0]] = nil }
        object["k1"] = "one"
        #expect(object.keys == ["k32", "k34", "k35", "k37", "k38", "k1"])
        for (key, value) in object { #expect(object[key] == value) }

        let text = "{" + (0..<1_000).map { #""user\#($0)":"name \#($0)""# }.joined(separator: ",") + "}"
        let parsed = try #require(try JSONValue(parsing: text).objectValue)
        #expect(parsed.count == 1_000)
        #expect(parsed["user999"] == "name 999")
        #expect(parsed["user1000"] == nil)
        #expect(JSONValue.object(parsed).serialized == text)
    }

    @Test func largeParsedObjectsResolveRepeatedKeys() throws {
        let text = "{" + (0..<20).map { #""k\#($0 % 18)":\#($0)"# }.joined(separator: ",") + "}"
        let parsed = try #require(try JSONValue(parsing: text).objectValue)
        #expect(parsed.count == 18)
        #expect(parsed["k0"] == 18)
        #expect(parsed["k1"] == 19)
        #expect(parsed.keys.first == "k0")
    }

    @Test func equalityIgnoresOrderAndHashingAgrees() {
        let a: JSONObject = ["x": 1, "y": [1, 2]]
        let b: JSONObject = ["y": [1, 2], "x": 1]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != ["x": 1, "y": [2, 1]])
        #expect(a != ["x": 1])
        #expect(Set<JSONValue>([.object(a), .object(b)]).count == 1)
    }
}
