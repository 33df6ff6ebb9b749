/// Bounds that the JSON parser enforces on untrusted input.
///
/// The defaults fit any Socket.IO payload a chat server sends (a 1,000-user map is ~40 KB and a
/// few levels deep) while keeping a hostile peer from exhausting memory or stack.
public struct JSONLimits: Sendable, Hashable {
    /// The deepest nesting of arrays and objects that the hard cap on depth allows.
    ///
    /// The parser itself never recurses, but comparing, hashing, serializing and releasing a
    /// `JSONValue` do, so values nested deeper than this could exhaust a thread's stack.
    public static let maximumDepth = 1_000

    /// The deepest nesting of arrays and objects accepted; `[[1]]` has depth 2, a scalar depth 0.
    ///
    /// Values above ``maximumDepth`` are treated as ``maximumDepth``.
    public var maxDepth: Int

    /// The largest input, in bytes, that the parser reads.
    public var maxBytes: Int

    /// Creates limits; the defaults are 64 levels and 64 MiB.
    public init(maxDepth: Int = 64, maxBytes: Int = 64 << 20) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// The depth the parser enforces: `maxDepth` clamped to `0...maximumDepth`.
    var effectiveMaxDepth: Int { min(max(maxDepth, 0), Self.maximumDepth) }
}
