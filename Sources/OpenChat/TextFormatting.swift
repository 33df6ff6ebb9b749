/// Small formatters for violation texts (no Foundation).
enum TextFormatting {
    /// "2000 ms", "1.5 ms", "0.012 ms".
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let whole = nanoseconds / 1_000_000
        let micros = (nanoseconds % 1_000_000) / 1_000
        guard micros != 0 else { return "\(whole) ms" }
        var fraction = String(micros)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction) ms"
    }

    /// The text in double quotes, cut after `limit` characters.
    static func quoted(_ text: String, limit: Int = 200) -> String {
        guard text.count > limit else { return "\"\(text)\"" }
        return "\"\(text.prefix(limit))…\" (\(text.count) characters)"
    }

    /// "4, 7 and 9"; past `limit` entries, "... and 12 more".
    static func list<T: CustomStringConvertible>(_ items: [T], limit: Int = 10) -> String {
        let shown = items.prefix(limit).map(\.description)
        if items.count > limit { return shown.joined(separator: ", ") + " and \(items.count - limit) more" }
        guard shown.count > 1 else { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " and " + shown[shown.count - 1]
    }

    /// The tag as shown in reports: "[oc:run:3:17]".
    static func tag(_ key: MessageKey, runID: String) -> String {
        "[oc:\(runID):\(key.sender):\(key.sequence)]"
    }

    /// Whether `received` is exactly `name + ": " + text`, byte for byte (String's `==` would also equate
    /// canonically equivalent Unicode, which a server must not be allowed to change).
    static func isMessage(_ received: String, from name: String, text: String) -> Bool {
        let fast: Bool?? = received.utf8.withContiguousStorageIfAvailable { bytes in
            name.utf8.withContiguousStorageIfAvailable { nameBytes in
                text.utf8.withContiguousStorageIfAvailable { textBytes in
                    let separator = nameBytes.count
                    guard bytes.count == separator + 2 + textBytes.count else { return false }
                    return UnsafeBufferPointer(rebasing: bytes[..<separator]).elementsEqual(nameBytes)
                        && bytes[separator] == UInt8(ascii: ":") && bytes[separator + 1] == UInt8(ascii: " ")
                        && UnsafeBufferPointer(rebasing: bytes[(separator + 2)...]).elementsEqual(textBytes)
                }
            } ?? nil
        } ?? nil
        if let fast, let result = fast { return result }
        let bytes = received.utf8
        let nameBytes = name.utf8
        let textBytes = text.utf8
        guard bytes.count == nameBytes.count + 2 + textBytes.count, bytes.starts(with: nameBytes) else { return false }
        let separator = bytes.index(bytes.startIndex, offsetBy: nameBytes.count)
        let body = bytes.index(separator, offsetBy: 2)
        return bytes[separator..<body].elementsEqual(": ".utf8) && bytes[body...].elementsEqual(textBytes)
    }
}
