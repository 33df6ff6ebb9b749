import ReportWriters
import Testing

@Suite struct MetricRecorderTests {
    /// Microsecond values spread over six decades, some repeated, in a fixed pseudo-random order.
    static func values(count: Int, salt: UInt64) -> [UInt64] {
        var state = salt &+ 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let decade = (state >> 33) % 7
            var scale: UInt64 = 1
            for _ in 0..<decade { scale *= 10 }
            return ((state >> 40) % 1_000) * scale
        }
    }

    private func recorder(_ values: [UInt64]) -> MetricRecorder {
        var recorder = MetricRecorder()
        for value in values { recorder.record(microseconds: value) }
        return recorder
    }

    @Test(arguments: [0, 1, 2, 17, 1_000, 25_000])
    func decodingTheEncodingGivesTheSameHistogram(count: Int) throws {
        let original = recorder(Self.values(count: count, salt: UInt64(count)))
        let decoded = try MetricRecorder(original.encoded())
        #expect(decoded.histogram == original.histogram)
        #expect(decoded.count == original.count)
        #expect(decoded.summary() == original.summary())
        for percentile in [0, 0.1, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100] {
            #expect(decoded.histogram.valueAtPercentile(percentile) == original.histogram.valueAtPercentile(percentile))
        }
        #expect(decoded.histogram.min == original.histogram.min)
        #expect(decoded.histogram.maxRecorded == original.histogram.maxRecorded)
        #expect(decoded.histogram.mean == original.histogram.mean)
        #expect(decoded.encoded() == original.encoded())
    }

    @Test func encodingIsSparseAscendingAndCountsEveryValue() {
        let original = recorder([5, 5, 5, 1_234_567, 80, 80])
        let encoded = original.encoded()
        #expect(encoded.counts.count == 3)
        #expect(encoded.counts.map { $0[0] } == encoded.counts.map { $0[0] }.sorted())
        #expect(encoded.counts.reduce(0) { $0 + $1[1] } == 6)
        #expect(encoded.counts[0] == [5, 3])
        #expect(encoded.lowestDiscernibleValue == 1)
        #expect(encoded.highestTrackableValue == 3_600_000_000)
        #expect(encoded.significantDigits == 3)
    }

    @Test func mergingEqualsRecordingEverythingIntoOne() throws {
        let first = Self.values(count: 3_000, salt: 1)
        let second = Self.values(count: 500, salt: 2)
        var merged = recorder(first)
        merged.merge(recorder(second))
        let together = recorder(first + second)
        #expect(merged.histogram == together.histogram)
        #expect(merged.summary() == together.summary())
    }

    @Test func summariesMergeLosslesslyThroughTheirHistograms() throws {
        let first = Self.values(count: 2_000, salt: 3)
        let second = Self.values(count: 700, salt: 4)
        let merged = try recorder(first).summary().merged(with: recorder(second).summary())
        #expect(merged == recorder(first + second).summary())
        #expect(merged.count == 2_700)
        #expect(try MetricSummary.empty.merged(with: merged) == merged)
    }

    @Test func summaryIsInMillisecondsWithinThreeSignificantDigits() {
        var recorder = MetricRecorder()
        for milliseconds in 1...1_000 {
            recorder.record(nanoseconds: UInt64(milliseconds) * 1_000_000)
        }
        let summary = recorder.summary()
        #expect(summary.unit == "ms")
        #expect(summary.count == 1_000)
        #expect(abs(summary.min - 1) <= 0.001)
        #expect(abs(summary.p50 - 500) <= 0.5)
        #expect(abs(summary.p90 - 900) <= 0.9)
        #expect(abs(summary.p99 - 990) <= 1)
        #expect(abs(summary.p999 - 999) <= 1)
        #expect(abs(summary.max - 1_000) <= 1)
        #expect(abs(summary.mean - 500.5) <= 0.5)
    }

    @Test func nanosecondsRoundToTheNearestMicrosecond() {
        var recorder = MetricRecorder()
        recorder.record(nanoseconds: 1_499)
        recorder.record(nanoseconds: 1_500)
        #expect(recorder.encoded().counts == [[1, 1], [2, 1]])
    }

    @Test func valuesAboveOneHourAreClampedAndCounted() {
        var recorder = MetricRecorder()
        recorder.record(microseconds: 10)
        recorder.record(microseconds: 7_200_000_000)
        recorder.record(nanoseconds: .max)
        #expect(recorder.clampedCount == 2)
        #expect(recorder.count == 3)
        let summary = recorder.summary()
        #expect(summary.max >= 3_600_000 && summary.max <= 3_600_000 * 1.001)
        var other = MetricRecorder()
        other.record(microseconds: .max)
        recorder.merge(other)
        #expect(recorder.clampedCount == 3)
    }

    @Test func emptySummaryIsAllZero() throws {
        let summary = MetricRecorder().summary()
        #expect(summary.count == 0)
        #expect(summary.max == 0 && summary.p99 == 0 && summary.mean == 0)
        #expect(summary.histogram.counts.isEmpty)
        #expect(try MetricRecorder(summary.histogram).count == 0)
    }

    static let invalidEncodings: [EncodedHistogram] = [
        EncodedHistogram(lowestDiscernibleValue: 1_000, highestTrackableValue: 3_600_000_000, significantDigits: 3, counts: []),
        EncodedHistogram(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, significantDigits: 3, counts: []),
        EncodedHistogram(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, significantDigits: 2, counts: []),
        EncodedHistogram(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, significantDigits: 3, counts: [[5]]),
        EncodedHistogram(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, significantDigits: 3, counts: [[5, 1, 2]]),
        EncodedHistogram(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, significantDigits: 3, counts: [[.max, 1]]),
        EncodedHistogram(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, significantDigits: 3,
                         counts: [[5, .max], [6, 1]]),
    ]

    @Test(arguments: invalidEncodings)
    func invalidEncodingsThrowInsteadOfTrapping(encoded: EncodedHistogram) {
        #expect {
            _ = try MetricRecorder(encoded)
        } throws: { error in
            (error as? ReportError)?.code == .invalidHistogram
        }
    }

    @Test func wrongUnitIsRejected() {
        var encoded = MetricRecorder().encoded()
        encoded.unit = "ms"
        #expect(throws: ReportError.self) { try MetricRecorder(encoded) }
    }
}
