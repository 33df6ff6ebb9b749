/// Incremental, fail-fast UTF-8 validation for text messages split across frames (RFC 6455 §8.1).
///
/// Accepts exactly the well-formed sequences of Unicode §3.9 Table 3-7, so overlong forms,
/// surrogates (ED A0..BF) and code points above U+10FFFF fail at the first byte that rules them out:
/// `F4 90` fails on `90`, as Autobahn 6.4.x expects.
public struct UTF8StreamValidator: Sendable {
    /// Continuation bytes still owed by the current code point.
    private var pending: UInt8 = 0
    /// Allowed range for the next continuation byte (narrower than 80...BF after E0, ED, F0, F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var failed = false

    /// A validator at the start of a message.
    public init() {}

    /// Feeds more bytes; returns `false` as soon as the stream can no longer be valid, and from then on.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> Bool {
        if failed { return false }
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            feed(buffer: UnsafeRawBufferPointer(buffer))
        }
        if let result { return result }
        for byte in bytes where !step(byte) {
            failed = true
            return false
        }
        return true
    }

    /// Whether everything fed so far is valid and ends on a code point boundary (a message may end here).
    public var isAtCharacterBoundary: Bool { !failed && pending == 0 }

    /// Whether everything fed so far could still be the start of valid UTF-8.
    public var isValid: Bool { !failed }

    /// Starts over for a new message.
    public mutating func reset() {
        self = UTF8StreamValidator()
    }

    private mutating func feed(buffer: UnsafeRawBufferPointer) -> Bool {
        let count = buffer.count
        var index = 0
        while index < count {
            if pending == 0 {
                // Skip ASCII eight bytes at a time; text protocols are mostly ASCII.
                while index + 8 <= count,
                    buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                }
                if index == count { break }
            }
            if !step(buffer[index]) {
                failed = true
                return false
            }
            index += 1
        }
        return true
    }

    private mutating func step(_ byte: UInt8) -> Bool {
        if pending > 0 {
            guard byte >= lower && byte <= upper else { return false }
            pending -= 1
            lower = 0x80
            upper = 0xBF
            return true
        }
        switch byte {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: pending = 1
        case 0xE0: (pending, lower) = (2, 0xA0)  // no overlongs below U+0800
        case 0xE1...0xEC, 0xEE...0xEF: pending = 2
        case 0xED: (pending, upper) = (2, 0x9F)  // no surrogates U+D800...U+DFFF
        case 0xF0: (pending, lower) = (3, 0x90)  // no overlongs below U+10000
        case 0xF1...0xF3: pending = 3
        case 0xF4: (pending, upper) = (3, 0x8F)  // nothing above U+10FFFF
        default: return false  // 80...C1 (stray continuation, overlong lead) and F5...FF
        }
        return true
    }
}
