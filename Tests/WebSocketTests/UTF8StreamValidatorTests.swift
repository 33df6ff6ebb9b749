import Testing

import WebSocket
import TestSupport

@Suite("UTF8StreamValidator")
struct UTF8StreamValidatorTests {
    static let validSamples: [[UInt8]] = [
        [],
        Array("plain ASCII that is longer than eight bytes".utf8),
        Array("κόσμε".utf8),
        Array("Hello-µ@ßöäüàá-UTF-8!!".utf8),
        [0xF0, 0x9F, 0x98, 0x80],  // U+1F600
        [0xF4, 0x8F, 0xBF, 0xBF],  // U+10FFFF, the last code point
        [0xED, 0x9F, 0xBF],  // U+D7FF, just below the surrogates
        [0xEE, 0x80, 0x80],  // U+E000, just above them
        [0xE0, 0xA0, 0x80],  // U+0800, the first 3-byte form
        [0xC2, 0x80],  // U+0080, the first 2-byte form
        [0xEF, 0xBF, 0xBF],  // U+FFFF (a noncharacter, but valid UTF-8)
    ]

    @Test(arguments: validSamples)
    func acceptsValidTextWholeAndBytewise(_ bytes: [UInt8]) {
        var whole = UTF8StreamValidator()
        let acceptedWhole = whole.feed(bytes)
        #expect(acceptedWhole)
        #expect(whole.isAtCharacterBoundary)
        var bytewise = UTF8StreamValidator()
        for byte in bytes {
            let accepted = bytewise.feed([byte])
            #expect(accepted)
        }
        #expect(bytewise.isAtCharacterBoundary)
    }

    /// Invalid sequences and the index of the first byte that must be rejected (fail-fast).
    @Test(arguments: [
        ([0xF4, 0x90, 0x80, 0x80], 1),  // above U+10FFFF: fails at the 2nd byte
        ([0xC0, 0x80], 0), ([0xC1, 0xBF], 0),  // overlong 2-byte leads
        ([0xE0, 0x80, 0x80], 1), ([0xE0, 0x9F, 0xBF], 1),  // overlong 3-byte
        ([0xF0, 0x80, 0x80, 0x80], 1), ([0xF0, 0x8F, 0xBF, 0xBF], 1),  // overlong 4-byte
        ([0xED, 0xA0, 0x80], 1), ([0xED, 0xBF, 0xBF], 1),  // surrogates
        ([0xF5, 0x80, 0x80, 0x80], 0), ([0xFE], 0), ([0xFF], 0),
        ([0x80], 0), ([0x41, 0xBF], 1),  // stray continuation bytes
        ([0xC2, 0x41], 1), ([0xE1, 0x80, 0x41], 2), ([0xF1, 0x80, 0x80, 0xC0], 3),  // truncated sequences
        // Autobahn 6.4.1/6.4.2 payloads: κόσμε then F4 90 80 80, or then ED A0 80.
        ([0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xF4, 0x90, 0x80, 0x80], 12),
        ([0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0, 0x80, 0x65], 12),
        (Array("0123456789abcdef".utf8) + [0xFF], 16),  // after the ASCII fast path
    ] as [([UInt8], Int)])
    func rejectsAtTheFirstImpossibleByte(_ bytes: [UInt8], failingIndex: Int) {
        var validator = UTF8StreamValidator()
        for (index, byte) in bytes.enumerated() {
            let accepted = validator.feed([byte])
            #expect(accepted == (index < failingIndex), "byte \(index)")
            if !accepted { break }
        }
        var whole = UTF8StreamValidator()
        let acceptedWhole = whole.feed(bytes)
        #expect(!acceptedWhole)
        var prefix = UTF8StreamValidator()
        let acceptedPrefix = prefix.feed(bytes[..<failingIndex])
        #expect(acceptedPrefix)
    }

    @Test func tracksCodePointsSplitAcrossFeeds() {
        var validator = UTF8StreamValidator()
        let lead = validator.feed([0xE2])
        #expect(lead)
        #expect(!validator.isAtCharacterBoundary)
        let second = validator.feed([0x82])
        #expect(second)
        #expect(!validator.isAtCharacterBoundary)
        let last = validator.feed([0xAC])  // "€"
        #expect(last)
        #expect(validator.isAtCharacterBoundary)
    }

    @Test func staysFailedUntilReset() {
        var validator = UTF8StreamValidator()
        let invalid = validator.feed([0xFF])
        #expect(!invalid)
        let afterFailure = validator.feed(Array("fine".utf8))
        #expect(!afterFailure)
        #expect(!validator.isAtCharacterBoundary)
        #expect(!validator.isValid)
        validator.reset()
        let afterReset = validator.feed(Array("fine".utf8))
        #expect(afterReset)
        #expect(validator.isAtCharacterBoundary)
    }

    @Test func acceptsNonContiguousCollections() {
        var validator = UTF8StreamValidator()
        let accepted = validator.feed("κόσμε".utf8.lazy.map { $0 })
        #expect(accepted)
        #expect(validator.isAtCharacterBoundary)
    }

    @Test func agreesWithTheStandardLibraryOnAllTwoByteStrings() {
        for first in 0...255 {
            for second in 0...255 {
                let bytes = [UInt8(first), UInt8(second)]
                var validator = UTF8StreamValidator()
                let valid = validator.feed(bytes) && validator.isAtCharacterBoundary
                #expect(valid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            }
        }
    }

    @Test func agreesWithTheStandardLibraryOnRandomStrings() {
        var random = SeededGenerator(seed: 0x5EED)
        // Bytes drawn mostly from lead and continuation ranges so multi-byte edge cases come up often.
        let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...6, using: &random)
            let bytes = (0..<length).map { _ in interesting.randomElement(using: &random)! }
            var validator = UTF8StreamValidator()
            let valid = validator.feed(bytes) && validator.isAtCharacterBoundary
            #expect(valid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
