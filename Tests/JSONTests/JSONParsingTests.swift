import JSON
import Testing

@Suite struct JSONParsingTests {
    @Test(arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .number(0)),
        ("-0", .number(-0.0)),
        ("42", .number(42)),
        ("-17", .number(-17)),
        ("3.25", .number(3.25)),
        ("1e3", .number(1000)),
        ("1E+3", .number(1000)),
        ("25e-1", .number(2.5)),
        ("0.000001", .number(0.000001)),
        ("123456789012345678", .number(123456789012345680)),
        ("1e400", .number(.infinity)),
        ("-1e400", .number(-.infinity)),
        ("1e-400", .number(0)),
        ("\"\"", .string("")),
        ("\"hello\"", .string("hello")),
        ("[]", .array([])),
        ("{}", .object(JSONObject())),
        (" \t\r\n[ 1 , \"a\" ]\n ", .array([1, "a"])),
        (#"{"a":{"b":[null,true,{"c":"d"}]}}"#, ["a": ["b": [nil, true, ["c": "d"]]]]),
    ] as [(String, JSONValue)])
    func parsesValues(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsing: text) == expected)
        #expect(try JSONValue(parsing: Array(text.utf8)) == expected)
    }

    @Test(arguments: [
        // Decimal text that needs the correctly rounded slow path.
        "0.1", "0.30000000000000004", "2.2250738585072011e-308", "1.7976931348623157e308",
        "5e-324", "123456789012345678901234567890", "9007199254740993", "1.00000000000000011102230246251565",
        "4.35", "0.1e1", "1234567.890123456789",
    ])
    func numbersRoundLikeTheStandardLibrary(text: String) throws {
        #expect(try JSONValue(parsing: text) == .number(Double(text)!))
    }

    @Test func decodesPythonEscapesAndRawUTF8Alike() throws {
        // python's json.dumps(["café", "😀"]) with ensure_ascii (the default) ...
        let python = try JSONValue(parsing: #"["caf\u00e9","\ud83d\ude00","\uD83D\uDE00"]"#)
        // ... and Node's JSON.stringify of the same array.
        let node = try JSONValue(parsing: "[\"café\",\"😀\",\"😀\"]")
        #expect(python == ["café", "😀", "😀"])
        #expect(python == node)
    }

    @Test func decodesEveryEscape() throws {
        let value = try JSONValue(parsing: #""\"\\\/\b\f\n\r\t\u0000\u001F\u20AC""#)
        #expect(value == .string("\"\\/\u{08}\u{0C}\n\r\t\u{00}\u{1F}€"))
    }

    @Test func keepsWireOrderAndResolvesRepeatedKeysLikeJavaScript() throws {
        let value = try JSONValue(parsing: #"{"b":1,"a":2,"b":3}"#)
        #expect(value.objectValue?.keys == ["b", "a"])
        #expect(value["b"] == 3)
        #expect(value.serialized == #"{"b":3,"a":2}"#)
    }

    @Test func parsesSubstringsAndNonContiguousCollections() throws {
        let packet = #"42["message",{"text":"hi"}]"#
        let tail = packet.dropFirst(2)
        #expect(try JSONValue(parsing: tail) == ["message", ["text": "hi"]])
        #expect(try JSONValue(parsing: Array(tail.utf8).lazy.map { $0 }) == ["message", ["text": "hi"]])
    }

    @Test func accessorsNeverTrap() throws {
        let value: JSONValue = ["n": 1e300, "i": 7, "f": 1.5, "s": "x", "b": false, "z": nil, "a": [1]]
        #expect(value["n"]?.intValue == nil)
        #expect(value["i"]?.intValue == 7)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.numberValue == 1.5)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == false)
        #expect(value["z"]?.isNull == true)
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["missing"] == nil)
        #expect(JSONValue.number(.nan).intValue == nil)
    }
}
