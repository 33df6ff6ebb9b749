extension Threshold {
    /// Metrics measured as durations (milliseconds); a threshold on one names a statistic, e.g. `delivery.p99`.
    public static let durationMetrics = [
        "tcpConnect", "engineOpen", "socketConnect", "connect", "upgrade", "nameConfirm",
        "deliveryToSender", "delivery", "joinSeen", "leaveSeen",
    ]
    /// Statistics of a duration metric; all are milliseconds except `count`.
    public static let durationStatistics = ["p50", "p90", "p95", "p99", "p99.9", "max", "min", "mean", "count"]
    /// Counters; a threshold on one has no statistic (`violations == 0`) or, for ``rateMetrics``, `.rate`.
    public static let counterMetrics = ["violations", "errors", "usersFailed", "sendsLate", "foreignMessages"]
    /// Counters that also have a `.rate`: a fraction of users (`errors`, `usersFailed`) or of sends (`sendsLate`).
    public static let rateMetrics = ["errors", "usersFailed", "sendsLate"]
}
