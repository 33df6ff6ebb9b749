import JSON
import Testing

@Suite struct JSONSerializationTests {
    /// Expected strings are what Node 20's JSON.stringify printed for the same numbers.
    @Test(arguments: [
        (0.1, "0.1"), (1e21, "1e+21"), (1e-7, "1e-7"), (123e-20, "1.23e-18"), (1.5, "1.5"),
        (-2.5e-6, "-0.0000025"), (9_007_199_254_740_992, "9007199254740992"),
        (1_152_921_504_606_846_976, "1152921504606847000"), (1.5e300, "1.5e+300"), (.leastNonzeroMagnitude, "5e-324"),
        (0.000001, "0.000001"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (123456789.125, "123456789.125"), (100, "100"), (-0.0, "0"), (1e20, "100000000000000000000"),
        (0.30000000000000004, "0.30000000000000004"), (-1234.5678, "-1234.5678"), (4.35, "4.35"),
        (1.0 / 3, "0.3333333333333333"), (9_007_199_254_740_994, "9007199254740994"),
        (-9_007_199_254_740_992, "-9007199254740992"), (0.0000012, "0.0000012"), (25000, "25000"),
        (999999999999999.9, "999999999999999.9"), (.nan, "null"), (.infinity, "null"), (-.infinity, "null"),
    ] as [(Double, String)])
    func formatsNumbersLikeJavaScript(number: Double, expected: String) {
        #expect(JSONValue.number(number).serialized == expected)
    }

    @Test func escapesLikeJSONStringify() {
        // Node: JSON.stringify({a:"\u0001\u001f\b\f\n\r\t\"\\/\u007f\u2028é😀"})
        let value: JSONValue = ["a": "\u{01}\u{1F}\u{08}\u{0C}\n\r\t\"\\/\u{7F}\u{2028}é😀"]
        #expect(value.serialized == "{\"a\":\"\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u{7F}\u{2028}é😀\"}")
    }

    @Test func pythonStyleEscapesLikeJSONDumps() {
        // python3 -c 'import json; print(json.dumps(["é","😀","a\"b\\c\n\t","\x01\x7f","plain",{"ключ":"zoë"}], separators=(",",":")))'
        let value: JSONValue = ["é", "😀", "a\"b\\c\n\t", "\u{01}\u{7f}", "plain", ["ключ": "zoë"]]
        #expect(value.serialized(style: .python) ==
                #"["\u00e9","\ud83d\ude00","a\"b\\c\n\t","\u0001\u007f","plain",{"\u043a\u043b\u044e\u0447":"zo\u00eb"}]"#)
        // The JavaScript style keeps UTF-8 and DEL raw, as JSON.stringify does.
        #expect(value.serialized == "[\"é\",\"😀\",\"a\\\"b\\\\c\\n\\t\",\"\\u0001\u{7f}\",\"plain\",{\"ключ\":\"zoë\"}]")
    }

    @Test func writesBinaryLikeANodeBuffer() {
        #expect(JSONValue.binary([1, 2, 255]).serialized == #"{"type":"Buffer","data":[1,2,255]}"#)
        #expect(JSONValue.binary([]).serialized == #"{"type":"Buffer","data":[]}"#)
    }

    @Test(arguments: [
        #"{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#,
        #"{"pingTimeout":20000,"sid":"abc","upgrades":[],"pingInterval":25000,"maxPayload":1000000}"#,
        #"["foo","bar"]"#,
        #"["baz",{"_placeholder":true,"num":0}]"#,
        #"{"message":"nope","data":{"x":1}}"#,
        #"[1,-2.5,1e+21,0.000001,1e-7,true,false,null,"",[],{}]"#,
        #"{"z":1,"a":{"y":[{"b":"é😀\n"}]}}"#,
    ])
    func roundTripsByteForByte(text: String) throws {
        #expect(try JSONValue(parsing: text).serialized == text)
    }

    @Test func pythonEscapesReserializeAsRawUTF8() throws {
        #expect(try JSONValue(parsing: #""caf\u00e9 \ud83d\ude00""#).serialized == "\"café 😀\"")
    }
}
