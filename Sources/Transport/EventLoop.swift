import CLinux
import Foundation

/// Something that reacts to readiness of a file descriptor registered with an ``EventLoop``.
public protocol FileDescriptorHandler: AnyObject {
    /// Called on the loop thread with the epoll event bits (EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP).
    func handleEvents(_ events: UInt32)
}

/// Readiness interest for a registered file descriptor.
public struct IOInterest: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Wake when readable (EPOLLIN).
    public static let read = IOInterest(rawValue: UInt32(EPOLLIN.rawValue))
    /// Wake when writable (EPOLLOUT).
    public static let write = IOInterest(rawValue: UInt32(EPOLLOUT.rawValue))
}

/// A single-threaded epoll event loop with timers. Every connection lives on exactly one loop.
///
/// Thread safety: `execute(_:)` may be called from any thread (guarded by `lock`, woken through an
/// eventfd). Everything else (registrations, timers, handlers) is confined to the loop thread, which is
/// why the class is `@unchecked Sendable`.
public final class EventLoop: @unchecked Sendable {
    private struct Registration {
        var generation: UInt32
        var handler: FileDescriptorHandler
    }

    private let epollFD: Int32
    private let wakeFD: Int32
    private let lock = NSLock()
    private var pendingTasks: [@Sendable () -> Void] = []
    private var isStopRequested = false
    private var thread: Thread?
    private var threadID: pthread_t?
    private let stopped = DispatchSemaphore(value: 0)

    private var registrations: [Int32: Registration] = [:]
    private var nextGeneration: UInt32 = 1
    private var timers = TimerQueue()
    private static let wakeToken: UInt64 = UInt64.max

    /// Creates a loop; call ``start(name:)`` to run it on its own thread.
    public init() throws(TransportError) {
        oclinux_ignore_sigpipe()
        let epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw TransportError(.system(call: "epoll_create1", errno: oclinux_errno())) }
        let wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else {
            close(epollFD)
            throw TransportError(.system(call: "eventfd", errno: oclinux_errno()))
        }
        self.epollFD = epollFD
        self.wakeFD = wakeFD
        _ = oclinux_epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, UInt32(EPOLLIN.rawValue), Self.wakeToken)
    }

    deinit {
        close(epollFD)
        close(wakeFD)
    }

    /// Starts the loop thread.
    public func start(name: String = "openchat-loop") {
        let thread = Thread { [self] in
            self.threadID = pthread_self()
            self.run()
            self.stopped.signal()
        }
        thread.name = name
        thread.stackSize = 1 << 22
        self.thread = thread
        thread.start()
    }

    /// Whether the caller runs on this loop's thread.
    public var inEventLoop: Bool {
        guard let threadID else { return false }
        return pthread_equal(threadID, pthread_self()) != 0
    }

    /// Runs `work` on the loop thread, soon. Safe from any thread.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        lock.lock()
        pendingTasks.append(work)
        let needsWake = pendingTasks.count == 1
        lock.unlock()
        if needsWake { wake() }
    }

    /// Asks the loop to stop after the current iteration and waits until it has (unless called on the loop).
    public func shutdown() {
        lock.lock()
        let alreadyStopping = isStopRequested
        isStopRequested = true
        lock.unlock()
        guard !alreadyStopping, thread != nil else { return }
        wake()
        if !inEventLoop { stopped.wait() }
    }

    private func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(wakeFD, $0.baseAddress, 8) }
    }

    // MARK: Loop-confined API

    /// Registers `fd` with `handler` and `interest`, replacing any earlier registration of the same fd.
    public func register(fd: Int32, interest: IOInterest, handler: FileDescriptorHandler) {
        let generation = nextGeneration
        nextGeneration &+= 1
        let token = UInt64(generation) << 32 | UInt64(UInt32(bitPattern: fd))
        let op = registrations[fd] == nil ? EPOLL_CTL_ADD : EPOLL_CTL_MOD
        registrations[fd] = Registration(generation: generation, handler: handler)
        if oclinux_epoll_ctl(epollFD, op, fd, interest.rawValue, token) != 0 {
            // The kernel's view differs from ours (fd closed and reused): retry with the other op.
            let retry = op == EPOLL_CTL_ADD ? EPOLL_CTL_MOD : EPOLL_CTL_ADD
            _ = oclinux_epoll_ctl(epollFD, retry, fd, interest.rawValue, token)
        }
    }

    /// Changes the interest of an fd registered by `handler`.
    public func modify(fd: Int32, interest: IOInterest) {
        guard let registration = registrations[fd] else { return }
        let token = UInt64(registration.generation) << 32 | UInt64(UInt32(bitPattern: fd))
        _ = oclinux_epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, interest.rawValue, token)
    }

    /// Removes `fd` from the loop. Call before closing it.
    public func unregister(fd: Int32) {
        guard registrations.removeValue(forKey: fd) != nil else { return }
        _ = oclinux_epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, 0, 0)
    }

    /// The handler currently registered for `fd`.
    public func handler(for fd: Int32) -> FileDescriptorHandler? { registrations[fd]?.handler }

    /// Runs `callback` on the loop at `deadline`.
    @discardableResult
    public func schedule(at deadline: MonotonicInstant, _ callback: @escaping () -> Void) -> TimerID {
        timers.schedule(at: deadline, callback)
    }

    /// Runs `callback` on the loop after `milliseconds`.
    @discardableResult
    public func schedule(afterMilliseconds milliseconds: Int, _ callback: @escaping () -> Void) -> TimerID {
        timers.schedule(at: MonotonicInstant.now().advanced(byMilliseconds: milliseconds), callback)
    }

    /// Cancels a timer; cancelling a fired or cancelled timer does nothing.
    public func cancel(_ timer: TimerID) { timers.cancel(timer) }

    // MARK: The loop

    private func run() {
        let capacity = 512
        let events = UnsafeMutablePointer<oclinux_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while true {
            lock.lock()
            let stop = isStopRequested
            lock.unlock()
            if stop { return }

            var timeout: Int32 = -1
            if let deadline = timers.nextDeadline {
                let now = MonotonicInstant.now()
                if deadline <= now {
                    timeout = 0
                } else {
                    let ms = (deadline.nanoseconds - now.nanoseconds + 999_999) / 1_000_000
                    timeout = Int32(min(ms, 60_000))
                }
            }
            let count = oclinux_epoll_wait(epollFD, events, Int32(capacity), timeout)
            if count < 0 {
                if oclinux_errno() == EINTR { continue }
                fatalError("epoll_wait failed: errno \(oclinux_errno())")  // a bug in our use of epoll, not input
            }
            for index in 0..<Int(count) {
                let event = events[index]
                if event.token == Self.wakeToken {
                    var value: UInt64 = 0
                    _ = withUnsafeMutableBytes(of: &value) { read(wakeFD, $0.baseAddress, 8) }
                    continue
                }
                let fd = Int32(bitPattern: UInt32(truncatingIfNeeded: event.token))
                let generation = UInt32(truncatingIfNeeded: event.token >> 32)
                guard let registration = registrations[fd], registration.generation == generation else { continue }
                registration.handler.handleEvents(event.events)
            }
            runPendingTasks()
            let now = MonotonicInstant.now()
            var budget = timers.count
            while budget > 0, let callback = timers.popExpired(now: now) {
                callback()
                budget -= 1
            }
        }
    }

    private func runPendingTasks() {
        lock.lock()
        if pendingTasks.isEmpty {
            lock.unlock()
            return
        }
        let tasks = pendingTasks
        pendingTasks.removeAll(keepingCapacity: true)
        lock.unlock()
        for task in tasks { task() }
    }
}
