#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Routes process signals (SIGINT, SIGTERM) to Swift handlers without a window in which they are
/// lost.
///
/// A `DispatchSource` signal source is armed asynchronously after `resume()`, and the signal must be
/// ignored meanwhile, so a signal that comes right after a program announced it is ready (a script
/// that sends SIGTERM as soon as it reads the banner) could vanish: measured, 6 of 60 `openchat-server`
/// runs on a loaded machine never stopped. Here a plain C handler, installed synchronously by
/// ``route(_:to:)``, writes the signal number into a pipe (the self-pipe trick; `write` is
/// async-signal-safe), and a read source delivers it to the handler whenever it is armed: the byte
/// waits in the pipe until then.
public enum SignalRouter {
    private static let state = State()

    /// Sends `signals` to `handler` (on a global queue) from now on, replacing earlier handlers of them.
    public static func route(_ signals: [Int32], to handler: @escaping @Sendable (Int32) -> Void) {
        state.install(signals, handler: handler)
    }

    /// Drops the handlers of `signals`; the signals are then ignored (not the default action: a
    /// program that routed them once expects no sudden death afterwards).
    public static func unroute(_ signals: [Int32]) {
        state.remove(signals)
    }
}

/// The pipe's write end, for the C handler (set once, before any handler is installed).
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

private func forwardSignal(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnd, &byte, 1)
}

private final class State: @unchecked Sendable {  // guarded by `lock`
    private var lock = pthread_mutex_t()
    private var handlers: [Int32: @Sendable (Int32) -> Void] = [:]
    private var source: DispatchSourceRead?

    init() {
        pthread_mutex_init(&lock, nil)
    }

    func install(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        startIfNeeded()
        for number in signals {
            handlers[number] = handler
            signal(number, forwardSignal)
        }
    }

    func remove(_ signals: [Int32]) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        for number in signals { handlers[number] = nil }
    }

    private func handler(for number: Int32) -> (@Sendable (Int32) -> Void)? {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return handlers[number]
    }

    /// Creates the pipe and its read source once per process (called with the lock held).
    private func startIfNeeded() {
        guard source == nil else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { fatalError("SignalRouter: pipe() failed, errno \(errno)") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)  // a full pipe drops, never blocks a handler
        signalPipeWriteEnd = ends[1]
        let readEnd = ends[0]
        let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        source.setEventHandler { [unowned self] in
            var bytes = [UInt8](repeating: 0, count: 64)
            let count = read(readEnd, &bytes, bytes.count)
            guard count > 0 else { return }
            for byte in bytes.prefix(count) {
                let number = Int32(byte)
                self.handler(for: number)?(number)
            }
        }
        source.resume()
        self.source = source
    }
}
