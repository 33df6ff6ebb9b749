import Histogram

/// Records one latency metric into an HDR histogram of microseconds (1 µs to 1 hour, 3 significant digits).
///
/// Every value is stored at the top of its histogram bucket (at most 0.1% above what was measured).
/// That is what makes a report's histogram exact: the sparse pairs in ``EncodedHistogram`` re-record
/// into a histogram with the same counts, minimum, maximum, mean and percentiles as this one.
///
/// A recorder holds about 190 KB of counters whatever it records; for one-second windows, ``reset()`` one recorder
/// after taking its ``summary()`` rather than keeping one per second.
public struct MetricRecorder: Sendable, Equatable {
    /// The lowest discernible value, µs.
    public static let lowestDiscernibleValue: UInt64 = 1
    /// The highest trackable value, µs (one hour); larger values are clamped to it and counted in ``clampedCount``.
    public static let highestTrackableValue: UInt64 = 3_600_000_000
    /// Decimal digits of precision kept across the whole range.
    public static let significantDigits = 3

    /// The histogram of microsecond values.
    public private(set) var histogram: Histogram<UInt64>
    /// How many values were above ``highestTrackableValue`` and recorded as that value instead.
    /// Not part of ``EncodedHistogram``: a decoded recorder starts at 0.
    public private(set) var clampedCount: UInt64 = 0

    /// An empty recorder.
    public init() {
        histogram = Histogram(lowestDiscernibleValue: Self.lowestDiscernibleValue,
                              highestTrackableValue: Self.highestTrackableValue,
                              numberOfSignificantValueDigits: .three)
    }

    /// The number of recorded values.
    public var count: UInt64 { histogram.totalCount }

    /// Records a duration given in nanoseconds, rounded to the nearest microsecond.
    public mutating func record(nanoseconds: UInt64) {
        let roundUp: UInt64 = nanoseconds % 1_000 >= 500 ? 1 : 0
        record(microseconds: nanoseconds / 1_000 + roundUp)
    }

    /// Records a duration given in microseconds.
    public mutating func record(microseconds: UInt64) {
        record(microseconds: microseconds, count: 1)
    }

    /// Records `count` occurrences of a duration in microseconds.
    mutating func record(microseconds: UInt64, count: UInt64) {
        var value = microseconds
        if value > Self.highestTrackableValue {
            value = Self.highestTrackableValue
            clampedCount &+= count
        }
        // Storing the bucket's top keeps `min`/`max` (which the histogram keeps exact) on values an encoding can carry.
        histogram.record(histogram.highestEquivalentForValue(value), count: count)
    }

    /// Adds every value recorded in `other`.
    public mutating func merge(_ other: MetricRecorder) {
        // Both have the one fixed layout, so `add` neither traps nor loses counts.
        histogram.add(other.histogram)
        clampedCount &+= other.clampedCount
    }

    /// Forgets every value, keeping the allocated counters.
    public mutating func reset() {
        histogram.reset()
        clampedCount = 0
    }

    /// Count, extremes, mean and percentiles in milliseconds, with the histogram attached.
    public func summary() -> MetricSummary {
        guard count > 0 else {
            return MetricSummary(count: 0, min: 0, max: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, histogram: encoded())
        }
        func milliseconds(_ microseconds: UInt64) -> Double { Double(microseconds) / 1_000 }
        func percentile(_ p: Double) -> Double { milliseconds(histogram.valueAtPercentile(p)) }
        return MetricSummary(count: count,
                             min: milliseconds(histogram.min),
                             max: milliseconds(histogram.maxRecorded),
                             mean: histogram.mean / 1_000,
                             p50: percentile(50), p90: percentile(90), p95: percentile(95), p99: percentile(99),
                             p999: percentile(99.9),
                             histogram: encoded())
    }
}
