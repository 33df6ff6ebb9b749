import Foundation

/// The percentile spectrum of an encoded histogram, for the classic HDR plot: latency against percentile,
/// with the percentile axis logarithmic in 1/(1 - q) so 90%, 99%, 99.9% are evenly spaced.
struct PercentileSpectrum {
    /// Step points (position on the percentile axis, latency in ms); x is log10(1 / (1 - q)).
    var points: [(x: Double, y: Double)]
    /// The number of values in the histogram.
    var total: UInt64

    /// The spectrum of `histogram`, with the last step drawn out to `maxNines` (3 means 99.9%).
    init(_ histogram: EncodedHistogram, maxNines: Double) {
        let pairs = histogram.counts.filter { $0.count == 2 && $0[1] > 0 }
        total = pairs.reduce(0) { $0 &+ $1[1] }
        points = []
        guard total > 0 else { return }
        var cumulative: UInt64 = 0
        for pair in pairs {
            let milliseconds = Double(pair[0]) / 1_000
            let start = Self.position(Double(cumulative) / Double(total), maxNines: maxNines)
            cumulative &+= pair[1]
            let end = Self.position(Double(cumulative) / Double(total), maxNines: maxNines)
            points.append((start, milliseconds))
            points.append((end, milliseconds))
        }
    }

    /// log10(1 / (1 - q)), capped at `maxNines` (q = 1 has no finite position).
    static func position(_ quantile: Double, maxNines: Double) -> Double {
        guard quantile < 1 else { return maxNines }
        return min(maxNines, -log10(1 - quantile))
    }

    /// How far the axis should reach for `total` values: the resolution the data supports, at least 99%.
    static func nines(forTotal total: UInt64) -> Double {
        guard total > 1 else { return 2 }
        return max(2, log10(Double(total)).rounded(.up))
    }
}
