/// A cancellable timer registered with an ``EventLoop``.
public struct TimerID: Hashable, Sendable {
    let rawValue: UInt64
}

/// A min-heap of deadlines with lazy cancellation. Confined to the loop thread.
struct TimerQueue {
    private struct Entry {
        var deadline: MonotonicInstant
        var id: UInt64
    }

    private var heap: [Entry] = []
    private var callbacks: [UInt64: () -> Void] = [:]
    private var nextID: UInt64 = 1

    var isEmpty: Bool { callbacks.isEmpty }
    var count: Int { callbacks.count }

    mutating func schedule(at deadline: MonotonicInstant, _ callback: @escaping () -> Void) -> TimerID {
        let id = nextID
        nextID += 1
        callbacks[id] = callback
        heap.append(Entry(deadline: deadline, id: id))
        siftUp(heap.count - 1)
        return TimerID(rawValue: id)
    }

    mutating func cancel(_ timer: TimerID) {
        callbacks[timer.rawValue] = nil
        // Drop cancelled entries from the top so the next deadline is accurate.
        while let top = heap.first, callbacks[top.id] == nil { popTop() }
    }

    /// The earliest live deadline.
    var nextDeadline: MonotonicInstant? {
        heap.first?.deadline
    }

    /// Removes and returns the earliest callback whose deadline is at or before `now`.
    /// Taking one at a time lets a callback cancel a timer that is also due.
    mutating func popExpired(now: MonotonicInstant) -> (() -> Void)? {
        while let top = heap.first, top.deadline <= now {
            popTop()
            if let callback = callbacks.removeValue(forKey: top.id) { return callback }
        }
        while let top = heap.first, callbacks[top.id] == nil { popTop() }
        return nil
    }

    private mutating func popTop() {
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            if !Self.precedes(heap[child], heap[parent]) { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < heap.count, Self.precedes(heap[left], heap[best]) { best = left }
            if right < heap.count, Self.precedes(heap[right], heap[best]) { best = right }
            if best == parent { return }
            heap.swapAt(parent, best)
            parent = best
        }
    }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.deadline == b.deadline ? a.id < b.id : a.deadline < b.deadline
    }
}
