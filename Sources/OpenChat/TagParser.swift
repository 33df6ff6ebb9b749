/// Finds this run's tag in a received text without the allocations and grapheme breaking of
/// ``MessageTag/find(in:)``, and always agrees with it: the byte-level path decides only when the
/// tag region is ASCII (where characters and bytes coincide); anything else goes through `find`.
enum TagParser {
    /// The message a text carries when it is tagged with `runID`; nil for untagged and other-run texts.
    static func key(in text: String, runID: String) -> MessageKey? {
        let fast: MessageKey?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            decide(bytes, runID: runID)
        } ?? nil
        if let fast { return fast }
        guard let tag = MessageTag.find(in: text[...]), tag.runID == runID else { return nil }
        return MessageKey(tag)
    }

    /// `.some(key)` or `.some(nil)` when the bytes decide, nil to fall back to `MessageTag.find`.
    private static func decide(_ bytes: UnsafeBufferPointer<UInt8>, runID: String) -> MessageKey?? {
        let count = bytes.count
        guard count > 0, bytes[count - 1] == UInt8(ascii: "]") else {
            // The last byte is not "]", so the last character cannot be "]" either.
            return .some(nil)
        }
        // The last " [oc:" whose "[" is not the first byte, as `find` searches.
        var bracket = count - 1
        var found = -1
        while bracket > 0 {
            if bytes[bracket] == UInt8(ascii: "["), bytes[bracket - 1] == UInt8(ascii: " "), bracket + 3 < count,
               bytes[bracket + 1] == UInt8(ascii: "o"), bytes[bracket + 2] == UInt8(ascii: "c"), bytes[bracket + 3] == UInt8(ascii: ":") {
                found = bracket + 4
                break
            }
            bracket -= 1
        }
        guard found >= 0 else { return .some(nil) }
        guard runID.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var colons: [Int] = []
        for index in found..<(count - 1) {
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: ":") {
                colons.append(index)
                if colons.count > 2 { return .some(nil) }
            }
        }
        guard colons.count == 2, colons[0] > found else { return .some(nil) }
        let run = UnsafeBufferPointer(rebasing: bytes[found..<colons[0]])
        guard let user = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[(colons[0] + 1)..<colons[1]]), as: UTF8.self)),
              let sequence = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[(colons[1] + 1)..<(count - 1)]), as: UTF8.self))
        else { return .some(nil) }
        guard run.elementsEqual(runID.utf8) else { return .some(nil) }
        return .some(MessageKey(sender: user, sequence: sequence))
    }
}
