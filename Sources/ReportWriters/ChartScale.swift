/// A linear axis from 0 to a "nice" maximum, with ticks every 1, 2 or 5 times a power of ten.
struct ChartScale: Equatable {
    /// The axis end (the data maximum rounded up to a tick).
    var upperBound: Double
    /// Tick values from 0 to ``upperBound``.
    var ticks: [Double]

    /// The axis from 0 that holds `maximum` with the least empty room, in 2 to `tickCount + 2` intervals
    /// (ties go to the count nearest `tickCount`).
    init(maximum: Double, tickCount: Int = 4) {
        guard maximum.isFinite, maximum > 0 else {
            upperBound = 1
            ticks = [0, 0.5, 1]
            return
        }
        var magnitude = 1.0
        while magnitude > maximum { magnitude /= 10 }
        while magnitude * 10 <= maximum { magnitude *= 10 }
        var best: (step: Double, intervals: Int)?
        for scale in [magnitude / 100, magnitude / 10, magnitude] {
            for factor in [1.0, 2, 5] {
                let step = scale * factor
                // The small tolerance keeps 0.3 / 0.1 from rounding up to 4 intervals.
                let intervals = Int((maximum / step - 1e-9).rounded(.up))
                guard (2...tickCount + 2).contains(intervals) else { continue }
                if let current = best {
                    let upper = step * Double(intervals)
                    let currentUpper = current.step * Double(current.intervals)
                    let nearer = abs(intervals - tickCount) < abs(current.intervals - tickCount)
                    guard upper < currentUpper - 1e-12 * currentUpper || (abs(upper - currentUpper) <= 1e-12 * currentUpper && nearer) else {
                        continue
                    }
                }
                best = (step, intervals)
            }
        }
        let (step, intervals) = best ?? (magnitude, Int((maximum / magnitude).rounded(.up)))
        upperBound = step * Double(intervals)
        ticks = (0...intervals).map { Double($0) * step }
    }
}
