import Dispatch
import Foundation

/// A thread-safe FIFO of values with an async, time-bounded `next`.
///
/// `@unchecked Sendable`: every field is guarded by `lock`.
final class EventMailbox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer: [Value] = []
    private var head = 0
    private var isFinished = false
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Value?, Never>)?
    private var nextWaiterID: UInt64 = 0

    /// Adds a value, waking a waiter.
    func push(_ value: Value) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.continuation.resume(returning: value)
            return
        }
        buffer.append(value)
        lock.unlock()
    }

    /// No more values will come; a waiter gets nil once the buffer is drained.
    func finish() {
        lock.lock()
        isFinished = true
        let waiter = self.waiter
        self.waiter = nil
        lock.unlock()
        waiter?.continuation.resume(returning: nil)
    }

    /// The next value, or nil when finished or after `milliseconds`.
    func next(timeoutMilliseconds milliseconds: Int) async -> Value? {
        await withCheckedContinuation { continuation in
            lock.lock()
            if head < buffer.count {
                let value = buffer[head]
                head += 1
                if head > 1024, head * 2 > buffer.count {
                    buffer.removeFirst(head)
                    head = 0
                }
                lock.unlock()
                continuation.resume(returning: value)
                return
            }
            if isFinished {
                lock.unlock()
                continuation.resume(returning: nil)
                return
            }
            nextWaiterID += 1
            let id = nextWaiterID
            waiter = (id, continuation)
            lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(max(0, milliseconds))) { [self] in
                self.lock.lock()
                guard let waiter = self.waiter, waiter.id == id else {
                    self.lock.unlock()
                    return
                }
                self.waiter = nil
                self.lock.unlock()
                waiter.continuation.resume(returning: nil)
            }
        }
    }
}
