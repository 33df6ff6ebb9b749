import JSON
import Testing
@testable import OpenChatServer

/// python's `str()` of what `json.loads` returns, for `f"{name}: {data}"`.
struct PythonTextTests {
    static let cases: [(String, String)] = [
        (#""hello""#, "hello"),
        ("42", "42"),
        ("-7", "-7"),
        ("0.5", "0.5"),
        ("2.5e-5", "2.5e-05"),
        ("0.0001", "0.0001"),
        ("1e21", "1e+21"),
        ("1e20", "100000000000000000000"),
        ("1234567890123456.7", "1234567890123456.8"),
        // Integral below 1e21: JavaScript would have sent digits, which python reads as an int.
        ("12345678901234567.5", "12345678901234568"),
        ("1.5e300", "1.5e+300"),
        ("-1.25e-7", "-1.25e-07"),
        ("true", "True"),
        ("null", "None"),
        (#"[1, "a", null, false]"#, "[1, 'a', None, False]"),
        (#"{"k": [1.5], "q": "it's"}"#, #"{'k': [1.5], 'q': "it's"}"#),
        (#"["both ' and \"", "tab\there", "\u0001", "é€😀", "\u2028"]"#,
         #"['both \' and "', 'tab\there', '\x01', 'é€😀', '\u2028']"#),
        ("[]", "[]"),
        ("{}", "{}"),
    ]

    @Test(arguments: cases)
    func str(_ testCase: (String, String)) throws {
        let value = try JSONValue(parsing: testCase.0)
        #expect(PythonText.str(value) == testCase.1)
    }

    @Test("bytes render as python's bytes repr")
    func bytes() {
        #expect(PythonText.str(.binary([0x01, 0x41, 0x27, 0x5C, 0x0A, 0xFF])) == #"b"\x01A'\\\n\xff""#)
        #expect(PythonText.str(.binary([0x61])) == "b'a'")
    }
}
