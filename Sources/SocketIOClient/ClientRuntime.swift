import Dispatch
import Transport

/// An event loop thread with its libcurl multi handle: the home of many client connections.
///
/// `@unchecked Sendable`: `multiStorage` is written once on the loop thread before `init` returns
/// (the semaphore orders it) and afterwards only read on the loop thread.
public final class ClientRuntime: @unchecked Sendable {
    /// The loop every connection of this runtime lives on.
    public let loop: EventLoop
    private var multiStorage: CurlMulti?

    /// Starts a loop thread and creates its multi handle.
    public init(name: String = "openchat-client") throws {
        loop = try EventLoop()
        loop.start(name: name)
        let ready = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: (any Error)?
        loop.execute { [self] in
            do {
                self.multiStorage = try CurlMulti(loop: self.loop)
            } catch {
                failure = error
            }
            ready.signal()
        }
        ready.wait()
        if let failure {
            loop.shutdown()
            throw failure
        }
    }

    /// The multi handle; only on the loop thread.
    public var multi: CurlMulti {
        precondition(loop.inEventLoop, "ClientRuntime.multi used off its loop")
        return multiStorage!
    }

    /// Runs `body` on the loop and returns its result.
    public func onLoop<T: Sendable>(_ body: @escaping @Sendable (CurlMulti) -> T) async -> T {
        await withCheckedContinuation { continuation in
            loop.execute { [self] in continuation.resume(returning: body(self.multi)) }
        }
    }

    /// Stops the loop thread. Connections still open are dropped.
    public func shutdown() {
        let done = DispatchSemaphore(value: 0)
        loop.execute { [self] in
            self.multiStorage = nil
            done.signal()
        }
        done.wait()
        loop.shutdown()
    }
}
