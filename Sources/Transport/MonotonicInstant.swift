import CLinux

/// A point on the monotonic clock (CLOCK_MONOTONIC), in nanoseconds. Never goes backwards.
public struct MonotonicInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since an arbitrary, fixed origin (boot).
    public var nanoseconds: UInt64

    /// Creates an instant from raw nanoseconds.
    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// The current instant.
    public static func now() -> MonotonicInstant { MonotonicInstant(nanoseconds: oclinux_monotonic_nanoseconds()) }

    /// This instant moved forward by `milliseconds` (negative values move it back, never below zero).
    public func advanced(byMilliseconds milliseconds: Int) -> MonotonicInstant {
        advanced(byNanoseconds: Int64(milliseconds) * 1_000_000)
    }

    /// This instant moved by `delta` nanoseconds, saturating at zero.
    public func advanced(byNanoseconds delta: Int64) -> MonotonicInstant {
        if delta >= 0 { return MonotonicInstant(nanoseconds: nanoseconds &+ UInt64(delta)) }
        let back = UInt64(-delta)
        return MonotonicInstant(nanoseconds: back > nanoseconds ? 0 : nanoseconds - back)
    }

    /// Signed nanoseconds from `earlier` to `self`.
    public func nanoseconds(since earlier: MonotonicInstant) -> Int64 {
        Int64(bitPattern: nanoseconds &- earlier.nanoseconds)
    }

    /// Milliseconds (fractional) from `earlier` to `self`.
    public func milliseconds(since earlier: MonotonicInstant) -> Double {
        Double(nanoseconds(since: earlier)) / 1_000_000
    }

    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public var description: String { "\(nanoseconds)ns" }
}
