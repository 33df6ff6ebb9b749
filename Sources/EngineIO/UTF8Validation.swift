/// Strict UTF-8 validation (Unicode 15, table 3-7): no overlongs, surrogates or values beyond
/// U+10FFFF.
enum UTF8Validation {
    static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        while let lead = iterator.next() {
            if lead < 0x80 { continue }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: return false
            }
            guard let second = iterator.next(), secondRange.contains(second) else { return false }
            for _ in 2..<length {
                guard let next = iterator.next(), (0x80...0xBF).contains(next) else { return false }
            }
        }
        return true
    }
}
