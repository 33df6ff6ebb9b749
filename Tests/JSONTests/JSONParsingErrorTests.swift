import JSON
import Testing

@Suite struct JSONParsingErrorTests {
    @Test(arguments: [
        ("", JSONError.Code.unexpectedEnd, 0),
        ("   ", .unexpectedEnd, 3),
        ("[1,", .unexpectedEnd, 3),
        ("{\"a\"", .unexpectedEnd, 4),
        ("{\"a\":", .unexpectedEnd, 5),
        ("\"abc", .unexpectedEnd, 4),
        ("\"ab\\", .unexpectedEnd, 4),
        ("tru", .unexpectedEnd, 3),
        ("nul", .unexpectedEnd, 3),
        ("[1 2]", .unexpectedByte, 3),
        ("[1,]", .unexpectedByte, 3),
        ("{\"a\":1,}", .unexpectedByte, 7),
        ("{a:1}", .unexpectedByte, 1),
        ("{\"a\" 1}", .unexpectedByte, 5),
        ("{\"a\":1]", .unexpectedByte, 6),
        ("[1}", .unexpectedByte, 2),
        ("truE", .unexpectedByte, 3),
        ("NaN", .unexpectedByte, 0),
        ("Infinity", .unexpectedByte, 0),
        ("'a'", .unexpectedByte, 0),
        ("+1", .unexpectedByte, 0),
        (".5", .unexpectedByte, 0),
        ("\u{FEFF}1", .unexpectedByte, 0),
        ("// c\n1", .unexpectedByte, 0),
        ("1 2", .trailingData, 2),
        ("{}}", .trailingData, 2),
        ("\"a\"x", .trailingData, 3),
        ("-", .invalidNumber, 0),
        ("-a", .invalidNumber, 0),
        ("01", .invalidNumber, 0),
        ("-01", .invalidNumber, 0),
        ("1.", .invalidNumber, 0),
        ("1.e5", .invalidNumber, 0),
        ("1e", .invalidNumber, 0),
        ("1e+", .invalidNumber, 0),
        ("[1,-]", .invalidNumber, 3),
        ("\"\\x\"", .invalidEscape, 1),
        ("\"\\U0041\"", .invalidEscape, 1),
        ("\"\\u12G4\"", .invalidUnicodeEscape, 1),
        ("\"\\u12\"", .invalidUnicodeEscape, 1),
        ("\"\\ud83d\"", .loneSurrogate, 1),
        ("\"\\ud83dx\"", .loneSurrogate, 1),
        ("\"\\ud83d\\n\"", .loneSurrogate, 1),
        ("\"\\ud83d\\u0041\"", .loneSurrogate, 1),
        ("\"\\ude00\"", .loneSurrogate, 1),
        ("\"\\ude00\\ud83d\"", .loneSurrogate, 1),
        ("\"a\tb\"", .controlCharacterInString, 2),
        ("\"a\nb\"", .controlCharacterInString, 2),
        ("\"\u{0}\"", .controlCharacterInString, 1),
    ] as [(String, JSONError.Code, Int)])
    func rejectsText(text: String, code: JSONError.Code, offset: Int) {
        #expect {
            _ = try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONError else { return false }
            return error.code == code && error.offset == offset
        }
    }

    @Test(arguments: [
        ([0x22, 0xFF, 0x22], 1),                    // never valid
        ([0x22, 0xC0, 0x80, 0x22], 1),              // overlong NUL
        ([0x22, 0xC3, 0x22], 1),                    // truncated 2-byte sequence
        ([0x22, 0xE0, 0x80, 0x80, 0x22], 1),        // overlong 3-byte
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),        // UTF-8 encoded surrogate U+D800
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // beyond U+10FFFF
        ([0x22, 0x61, 0xF0, 0x9F, 0x98], 2),        // truncated at end of input
        ([0x22, 0x80, 0x22], 1),                    // lone continuation byte
    ] as [([UInt8], Int)])
    func rejectsMalformedUTF8(bytes: [UInt8], offset: Int) {
        #expect {
            _ = try JSONValue(parsing: bytes)
        } throws: { error in
            (error as? JSONError)?.code == .invalidUTF8 && (error as? JSONError)?.offset == offset
        }
    }

    @Test func errorsDescribeTheProblem() {
        do {
            _ = try JSONValue(parsing: "[1 2]")
            Issue.record("parsed invalid JSON")
        } catch {
            #expect(error.description == "JSON error at byte 3: unexpected byte 0x32 '2', expected ',' or ']'")
        }
    }
}
