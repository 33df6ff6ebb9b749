extension MetricRecorder {
    /// The histogram as sparse `[value, count]` pairs, ascending, each value the top of its bucket.
    public func encoded() -> EncodedHistogram {
        var pairs: [[UInt64]] = []
        for bucket in histogram.recordedValues() {
            pairs.append([bucket.value, bucket.count])
        }
        return EncodedHistogram(lowestDiscernibleValue: Self.lowestDiscernibleValue,
                                highestTrackableValue: Self.highestTrackableValue,
                                significantDigits: Self.significantDigits,
                                counts: pairs)
    }

    /// Re-records an encoded histogram; throws ``ReportError/Code/invalidHistogram`` when its layout is not the
    /// one reports use, a pair is not `[value, count]`, a value is out of range or the counts overflow.
    public init(_ encoded: EncodedHistogram) throws {
        self.init()
        guard encoded.unit == "us" else {
            throw ReportError.invalidHistogram("unit is \"\(encoded.unit)\", expected \"us\"")
        }
        guard encoded.lowestDiscernibleValue == Self.lowestDiscernibleValue,
              encoded.highestTrackableValue == Self.highestTrackableValue,
              encoded.significantDigits == Self.significantDigits else {
            throw ReportError.invalidHistogram(
                "layout \(encoded.lowestDiscernibleValue)...\(encoded.highestTrackableValue) µs with \(encoded.significantDigits) digits, "
                    + "expected \(Self.lowestDiscernibleValue)...\(Self.highestTrackableValue) µs with \(Self.significantDigits)")
        }
        let ceiling = histogram.highestEquivalentForValue(Self.highestTrackableValue)
        var total: UInt64 = 0
        for (index, pair) in encoded.counts.enumerated() {
            guard pair.count == 2 else {
                throw ReportError.invalidHistogram("counts[\(index)] has \(pair.count) numbers, expected [value, count]")
            }
            guard pair[0] <= ceiling else {
                throw ReportError.invalidHistogram("counts[\(index)] value \(pair[0]) µs is above the highest trackable \(ceiling) µs")
            }
            let (sum, overflow) = total.addingReportingOverflow(pair[1])
            guard !overflow else {
                throw ReportError.invalidHistogram("counts overflow at counts[\(index)]")
            }
            total = sum
            if pair[1] > 0 {
                record(microseconds: pair[0], count: pair[1])
            }
        }
    }
}
