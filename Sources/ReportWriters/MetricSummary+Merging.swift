extension MetricSummary {
    /// A summary of an empty metric.
    public static var empty: MetricSummary { MetricRecorder().summary() }

    /// The summary of both distributions together, recomputed from the merged histograms (no precision lost).
    /// Throws ``ReportError/Code/invalidHistogram`` when either histogram cannot be read.
    public func merged(with other: MetricSummary) throws -> MetricSummary {
        var recorder = try MetricRecorder(histogram)
        try recorder.merge(MetricRecorder(other.histogram))
        return recorder.summary()
    }
}
