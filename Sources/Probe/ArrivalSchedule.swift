import Scenario

/// When users arrive in a phase, as offsets from the phase start (ns). Deterministic, like k6's
/// arrival-rate executors: with rate r0 ramping linearly to r1 over D, the k-th user arrives when the
/// cumulative arrivals r0·t + (r1 − r0)·t²/(2D) reach k.
enum ArrivalSchedule {
    /// Offsets for `phase`; empty for pauses.
    static func offsets(for phase: Phase) -> [UInt64] {
        switch phase {
        case .pause:
            return []
        case .users(_, let count, let spread):
            guard count > 0 else { return [] }
            let step = count > 1 ? Double(spread) / Double(count - 1) : 0
            return (0..<count).map { UInt64(Double($0) * step * 1_000_000) }
        case .arrivals(_, let durationMilliseconds, let rate, let rampTo):
            let duration = Double(durationMilliseconds) / 1000
            let start = rate
            let end = rampTo ?? rate
            let total = (start + end) / 2 * duration
            guard total >= 1, duration > 0 else { return [] }
            var offsets: [UInt64] = []
            offsets.reserveCapacity(Int(total))
            let slope = (end - start) / duration
            for k in 0..<Int(total.rounded(.down)) {
                // Solve start·t + slope·t²/2 = k for t ≥ 0.
                let target = Double(k)
                let t: Double
                if abs(slope) < 1e-12 {
                    t = target / start
                } else {
                    let discriminant = max(0, start * start + 2 * slope * target)
                    t = (-start + discriminant.squareRoot()) / slope
                }
                guard t.isFinite, t >= 0, t < duration else { continue }
                offsets.append(UInt64(t * 1_000_000_000))
            }
            return offsets
        }
    }

    /// The phase's length in ms.
    static func duration(of phase: Phase) -> Int {
        switch phase {
        case .pause(_, let duration): return duration
        case .users(_, _, let spread): return spread
        case .arrivals(_, let duration, _, _): return duration
        }
    }

    /// The phase's name.
    static func name(of phase: Phase) -> String {
        switch phase {
        case .pause(let name, _), .users(let name, _, _), .arrivals(let name, _, _, _): return name
        }
    }
}
