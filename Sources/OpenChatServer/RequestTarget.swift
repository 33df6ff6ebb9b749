/// The parts of a request target: the path and the query parameters.
struct RequestTarget: Hashable, Sendable {
    /// The path, percent-encoding left as is (e.g. `/socket.io/`).
    var path: String
    /// The query parameters, percent-decoded; a repeated name keeps its first value, as python's
    /// `parse_qs(...)[name][0]`.
    var query: [String: String]
    /// The names given more than once (python compares `EIO` as a whole list: `EIO=4&EIO=4` is refused).
    var repeatedNames: Set<String> = []

    /// The most query parameters read; later ones are ignored (the header limit bounds them anyway).
    static let maxQueryParameters = 64

    /// Splits `uri` (`/socket.io/?EIO=4&transport=polling`).
    init(uri: String) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts.first ?? "")
        query = [:]
        guard parts.count == 2 else { return }
        for pair in parts[1].split(separator: "&").prefix(Self.maxQueryParameters) {
            let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.percentDecoded(nameAndValue[0])
            guard !name.isEmpty else { continue }
            guard query[name] == nil else {
                repeatedNames.insert(name)
                continue
            }
            query[name] = nameAndValue.count == 2 ? Self.percentDecoded(nameAndValue[1]) : ""
        }
    }

    /// Decodes `%XX` and `+` (a space, as in form encoding); malformed escapes stay as they are.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                      let high = hexValue(iterator[iterator.startIndex]),
                      let low = hexValue(iterator[iterator.startIndex + 1]) {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
