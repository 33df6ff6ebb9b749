extension Substring {
    /// Whether the text is an unsigned decimal: `digits` or `digits.digits`, nothing else.
    var isUnsignedDecimal: Bool {
        let parts = split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
