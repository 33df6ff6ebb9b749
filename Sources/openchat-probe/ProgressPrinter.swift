import Foundation
import Probe

/// Live progress on a terminal (one line rewritten in place), or a plain line every 5 s when the
/// output is a file or a CI log. Called on the runner's loop thread; `@unchecked Sendable` because
/// only that thread touches `lastPrinted`.
final class ProgressPrinter: @unchecked Sendable {
    enum Mode { case off, live, periodic }

    private let mode: Mode
    private var lastPrinted = 0.0
    private var wroteLiveLine = false

    init(mode: Mode) { self.mode = mode }

    func show(_ progress: RunProgress) {
        let p99 = progress.p99Milliseconds.map { String(format: "%.1f ms", $0) } ?? "-"
        let line = String(format: "%5.0fs  ", progress.elapsedSeconds) + progress.phase.padding(toLength: 10, withPad: " ", startingAt: 0)
            + String(format: " users %4d (started %d)  sends/s %5d  deliveries/s %6d  ", progress.activeUsers, progress.usersStarted,
                     progress.sendsPerSecond, progress.deliveriesPerSecond)
            + "p99 \(p99)  violations \(progress.violations)  errors \(progress.errors)"
        switch mode {
        case .off:
            return
        case .live:
            FileHandle.standardOutput.write(Data("\r\u{1B}[K\(line)".utf8))
            wroteLiveLine = true
        case .periodic:
            guard progress.elapsedSeconds - lastPrinted >= 5 else { return }
            lastPrinted = progress.elapsedSeconds
            print(line)
        }
    }

    /// Ends the live line.
    func finish() {
        if wroteLiveLine { print("") }
    }
}
