import CCurl
import CLinux

/// libcurl's multi interface driven by an ``EventLoop`` through `curl_multi_socket_action`.
///
/// Thousands of long-polls share one thread: libcurl tells us which sockets to watch (socket callback)
/// and when to wake it (timer callback); we feed readiness back. Confined to its loop's thread.
public final class CurlMulti {
    /// The loop this multi handle lives on.
    public let loop: EventLoop
    private let multi: UnsafeMutableRawPointer
    private var timer: TimerID?
    private var socketWatchers: [Int32: CurlSocketWatcher] = [:]
    private var transfers: [UInt: CurlTransfer] = [:]
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private var isDispatching = false

    /// A receive buffer shared by every connection on this loop (they run one at a time).
    public let scratchBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)

    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    /// Creates a multi handle on `loop`. Call only on the loop thread.
    public init(loop: EventLoop) throws(TransportError) {
        guard Self.globalInit, let multi = curl_multi_init() else {
            throw TransportError(.curl(code: -1, message: "curl_multi_init failed"))
        }
        self.loop = loop
        self.multi = multi
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = occurl_multi_setopt_socket_callback(multi, curlSocketCallback)
        _ = occurl_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, me)
        _ = occurl_multi_setopt_timer_callback(multi, curlTimerCallback)
        _ = occurl_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, me)
        // No caps: a cap queues transfers, and a POST could then wait behind parked GETs.
        _ = occurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0)
        _ = occurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0)
    }

    deinit {
        for (_, transfer) in transfers {
            curl_multi_remove_handle(multi, transfer.easy)
            curl_easy_cleanup(transfer.easy)
        }
        for easy in idleHandles { curl_easy_cleanup(easy) }
        curl_multi_cleanup(multi)
        scratchBuffer.deallocate()
    }

    // MARK: HTTP

    /// Performs `request`; `completion` runs on the loop with the response (any status) or an error.
    @discardableResult
    public func perform(
        _ request: HTTPRequest, completion: @escaping (Result<HTTPResponse, TransportError>) -> Void
    ) -> CurlTransferID {
        let easy = idleHandles.popLast() ?? curl_easy_init()!
        let transfer = CurlTransfer(easy: easy, kind: .http(completion), maxResponseBytes: request.maxResponseBytes)
        transfer.configureCommon(url: request.url, connectTimeoutMilliseconds: request.connectTimeoutMilliseconds, tls: request.tls)
        _ = occurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.timeoutMilliseconds)
        var headers = request.headers
        switch request.method {
        case .get:
            _ = occurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case .post(let body, let contentType):
            _ = occurl_easy_setopt_long(easy, CURLOPT_POST, 1)
            _ = occurl_easy_setopt_offset(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBufferPointer { buffer in
                // COPYPOSTFIELDS copies POSTFIELDSIZE bytes: no chunked encoding, no lifetime issue.
                _ = occurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!))
            }
            headers.append(("Content-Type", contentType))
            headers.append(("Expect", ""))
        }
        transfer.setHeaders(headers)
        return start(transfer)
    }

    // MARK: Raw connections (for WebSocket)

    /// Connects to `url` (http:// or https://) with CONNECT_ONLY: resolve, TCP, TLS, then stop.
    /// On success the completion gets a ``CurlConnection`` whose socket the caller drives itself.
    public func connect(
        url: String, connectTimeoutMilliseconds: Int, tls: TLSOptions,
        completion: @escaping (Result<CurlConnection, TransportError>) -> Void
    ) {
        // CONNECT_ONLY handles are never reused: a fresh handle (a reused one reports ACTIVESOCKET -1).
        let easy = curl_easy_init()!
        let transfer = CurlTransfer(easy: easy, kind: .connectOnly(completion), maxResponseBytes: 0)
        transfer.configureCommon(url: url, connectTimeoutMilliseconds: connectTimeoutMilliseconds, tls: tls)
        _ = occurl_easy_setopt_long(easy, CURLOPT_CONNECT_ONLY, 1)
        // A WebSocket needs its own TCP connection: never take an idle HTTP keep-alive connection from
        // the cache (its fd may still be known to libcurl) and never give this one back.
        _ = occurl_easy_setopt_long(easy, CURLOPT_FRESH_CONNECT, 1)
        // The receive buffer is unused in CONNECT_ONLY mode (we read into our own): keep it minimal.
        _ = occurl_easy_setopt_long(easy, CURLOPT_BUFFERSIZE, 1024)
        start(transfer)
    }

    /// Closes a connection obtained from ``connect(url:connectTimeoutMilliseconds:tls:completion:)``.
    func release(_ connection: CurlConnection) {
        transfers[UInt(bitPattern: connection.easy)] = nil
        curl_multi_remove_handle(multi, connection.easy)
        curl_easy_cleanup(connection.easy)
    }

    /// Aborts an HTTP transfer; its completion is not called.
    public func cancel(_ id: CurlTransferID) {
        guard let transfer = transfers.removeValue(forKey: id.rawValue) else { return }
        curl_multi_remove_handle(multi, transfer.easy)
        curl_easy_cleanup(transfer.easy)  // a cancelled handle may hold a half-read connection: don't pool
    }

    @discardableResult
    private func start(_ transfer: CurlTransfer) -> CurlTransferID {
        let key = UInt(bitPattern: transfer.easy)
        transfers[key] = transfer
        let code = curl_multi_add_handle(multi, transfer.easy)
        if code != CURLM_OK {
            transfers[key] = nil
            let message = String(cString: curl_multi_strerror(code))
            loop.schedule(afterMilliseconds: 0) { transfer.fail(TransportError(.curl(code: Int32(code.rawValue), message: message))) }
        }
        return CurlTransferID(rawValue: key)
    }

    // MARK: Callbacks from libcurl and the loop

    fileprivate func watch(fd: Int32, what: Int32) {
        if what == CURL_POLL_REMOVE {
            if let watcher = socketWatchers.removeValue(forKey: fd), loop.handler(for: fd) === watcher {
                loop.unregister(fd: fd)
            }
            return
        }
        var interest: IOInterest = []
        if what == CURL_POLL_IN || what == CURL_POLL_INOUT { interest.insert(.read) }
        if what == CURL_POLL_OUT || what == CURL_POLL_INOUT { interest.insert(.write) }
        let watcher: CurlSocketWatcher
        if let existing = socketWatchers[fd] {
            watcher = existing
        } else {
            watcher = CurlSocketWatcher(multi: self, fd: fd)
            socketWatchers[fd] = watcher
        }
        if let current = loop.handler(for: fd), current !== watcher {
            // The fd belongs to a connection we took over from libcurl; leave it alone.
            return
        }
        loop.register(fd: fd, interest: interest, handler: watcher)
    }

    fileprivate func setTimer(milliseconds: Int) {
        if let timer { loop.cancel(timer) }
        timer = nil
        guard milliseconds >= 0 else { return }
        timer = loop.schedule(afterMilliseconds: milliseconds) { [weak self] in
            guard let self else { return }
            self.timer = nil
            self.socketAction(fd: -1, flags: 0)  // CURL_SOCKET_TIMEOUT
        }
    }

    fileprivate func socketAction(fd: Int32, flags: Int32) {
        var running: Int32 = 0
        _ = curl_multi_socket_action(multi, curl_socket_t(fd), flags, &running)
        dispatchCompletions()
    }

    private func dispatchCompletions() {
        guard !isDispatching else { return }
        isDispatching = true
        defer { isDispatching = false }
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let result = occurl_msg_result(message)
            let key = UInt(bitPattern: easy)
            guard let transfer = transfers[key] else { continue }
            switch transfer.kind {
            case .http:
                transfers[key] = nil
                curl_multi_remove_handle(multi, easy)
                let outcome = transfer.httpOutcome(result: result)
                transfer.resetForReuse()
                if idleHandles.count < 256, result == CURLE_OK { idleHandles.append(easy) } else { curl_easy_cleanup(easy) }
                transfer.complete(outcome)
            case .connectOnly:
                if result == CURLE_OK {
                    var socket: curl_socket_t = -1
                    _ = occurl_easy_getinfo_socket(easy, CURLINFO_ACTIVESOCKET, &socket)
                    if socket >= 0 {
                        // The handle must stay added: curl_multi_remove_handle would close the socket.
                        transfer.connectOnlySucceeded(CurlConnection(easy: easy, socket: socket, timings: transfer.timings(), multi: self))
                        continue
                    }
                }
                transfers[key] = nil
                curl_multi_remove_handle(multi, easy)
                let error = transfer.error(for: result == CURLE_OK ? CURLE_COULDNT_CONNECT : result)
                curl_easy_cleanup(easy)
                transfer.fail(error)
            }
        }
    }
}

/// Identifies an HTTP transfer for cancellation.
public struct CurlTransferID: Hashable, Sendable {
    let rawValue: UInt
}

/// Watches one libcurl socket on the loop and reports readiness to the multi handle.
private final class CurlSocketWatcher: FileDescriptorHandler {
    unowned let multi: CurlMulti
    let fd: Int32

    init(multi: CurlMulti, fd: Int32) {
        self.multi = multi
        self.fd = fd
    }

    func handleEvents(_ events: UInt32) {
        var flags: Int32 = 0
        if events & UInt32(EPOLLIN.rawValue | EPOLLHUP.rawValue) != 0 { flags |= CURL_CSELECT_IN }
        if events & UInt32(EPOLLOUT.rawValue) != 0 { flags |= CURL_CSELECT_OUT }
        if events & UInt32(EPOLLERR.rawValue) != 0 { flags |= CURL_CSELECT_ERR }
        multi.socketAction(fd: fd, flags: flags)
    }
}

private let curlSocketCallback: occurl_socket_callback = { _, fd, what, userp, _ in
    guard let userp else { return 0 }
    Unmanaged<CurlMulti>.fromOpaque(userp).takeUnretainedValue().watch(fd: Int32(fd), what: what)
    return 0
}

private let curlTimerCallback: occurl_timer_callback = { _, timeout, userp in
    guard let userp else { return 0 }
    Unmanaged<CurlMulti>.fromOpaque(userp).takeUnretainedValue().setTimer(milliseconds: Int(timeout))
    return 0
}
