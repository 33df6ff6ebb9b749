import Foundation
import Signals

/// Delivers Ctrl-C (SIGINT) to a running ``Runner`` (through ``SignalRouter``, so a Ctrl-C right at
/// the start is not lost; one that comes before the runner listens is kept for it).
public final class InterruptSource: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var action: (() -> Void)?
    private var isPending = false
    private var interrupts = 0

    /// How many interrupts arrived.
    public var count: Int { lock.withLock { interrupts } }

    /// Starts listening for SIGINT (the default action is disabled while this exists).
    public init() {
        SignalRouter.route([SIGINT]) { [weak self] _ in self?.interrupted() }
    }

    deinit { SignalRouter.unroute([SIGINT]) }

    /// Runs `action` on the first Ctrl-C, at once if one already came.
    func whenInterrupted(_ action: @escaping () -> Void) {
        let fireNow = lock.withLock {
            self.action = action
            return isPending
        }
        if fireNow { action() }
    }

    private func interrupted() {
        let (number, action) = lock.withLock {
            interrupts += 1
            if self.action == nil { isPending = true }
            return (interrupts, self.action)
        }
        if number > 1 { exit(130) }  // a second Ctrl-C stops at once
        action?()
    }
}
