import CCurl

/// One easy handle in flight, with its buffers and completion. Confined to the loop thread.
final class CurlTransfer {
    enum Kind {
        case http((Result<HTTPResponse, TransportError>) -> Void)
        case connectOnly((Result<CurlConnection, TransportError>) -> Void)
    }

    let easy: UnsafeMutableRawPointer
    let kind: Kind
    let maxResponseBytes: Int
    var body: [UInt8] = []
    var isBodyTooLarge = false
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var isFinished = false

    init(easy: UnsafeMutableRawPointer, kind: Kind, maxResponseBytes: Int) {
        self.easy = easy
        self.kind = kind
        self.maxResponseBytes = maxResponseBytes
        errorBuffer[0] = 0
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    func configureCommon(url: String, connectTimeoutMilliseconds: Int, tls: TLSOptions) {
        _ = occurl_easy_setopt_string(easy, CURLOPT_URL, url)
        _ = occurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = occurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMilliseconds)
        _ = occurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        _ = occurl_easy_setopt_string(easy, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1")
        if let caFile = tls.caFile { _ = occurl_easy_setopt_string(easy, CURLOPT_CAINFO, caFile) }
        _ = occurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, tls.verifyPeer ? 1 : 0)
        _ = occurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, tls.verifyPeer ? 2 : 0)
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = occurl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        _ = occurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
    }

    func setHeaders(_ headers: [(String, String)]) {
        for (name, value) in headers {
            // "Name;" sends an empty header; "Name:" with nothing after would remove it (libcurl rule).
            let line = value.isEmpty && name.lowercased() != "expect" ? "\(name);" : "\(name): \(value)"
            headerList = curl_slist_append(headerList, line)
        }
        if let headerList { _ = occurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList) }
    }

    func append(_ pointer: UnsafeRawPointer, count: Int) -> Bool {
        if body.count + count > maxResponseBytes {
            isBodyTooLarge = true
            return false
        }
        body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: count))
        return true
    }

    func timings() -> ConnectionTimings {
        var connect: curl_off_t = 0
        var tls: curl_off_t = 0
        var total: curl_off_t = 0
        _ = occurl_easy_getinfo_offset(easy, CURLINFO_CONNECT_TIME_T, &connect)
        _ = occurl_easy_getinfo_offset(easy, CURLINFO_APPCONNECT_TIME_T, &tls)
        _ = occurl_easy_getinfo_offset(easy, CURLINFO_TOTAL_TIME_T, &total)
        return ConnectionTimings(tcpConnectMicroseconds: Int64(connect), tlsHandshakeMicroseconds: Int64(tls), totalMicroseconds: Int64(total))
    }

    func error(for code: CURLcode) -> TransportError {
        if isBodyTooLarge { return TransportError(.responseTooLarge(limit: maxResponseBytes)) }
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return TransportError(.curl(code: Int32(code.rawValue), message: message))
    }

    func httpOutcome(result: CURLcode) -> Result<HTTPResponse, TransportError> {
        let receivedAt = MonotonicInstant.now()
        guard result == CURLE_OK else { return .failure(error(for: result)) }
        var status = 0
        _ = occurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, body: body, receivedAt: receivedAt, timings: timings()))
    }

    /// Clears per-request options so the handle can serve another request.
    func resetForReuse() {
        curl_easy_reset(easy)
    }

    func complete(_ outcome: Result<HTTPResponse, TransportError>) {
        guard !isFinished, case .http(let completion) = kind else { return }
        isFinished = true
        completion(outcome)
    }

    func connectOnlySucceeded(_ connection: CurlConnection) {
        guard !isFinished, case .connectOnly(let completion) = kind else { return }
        isFinished = true
        completion(.success(connection))
    }

    func fail(_ error: TransportError) {
        guard !isFinished else { return }
        isFinished = true
        switch kind {
        case .http(let completion): completion(.failure(error))
        case .connectOnly(let completion): completion(.failure(error))
        }
    }
}

private let curlWriteCallback: occurl_data_callback = { pointer, size, count, userdata in
    guard let pointer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let bytes = size * count
    return transfer.append(pointer, count: bytes) ? bytes : 0
}

/// A connected (and, for https, TLS-established) socket obtained with CONNECT_ONLY.
/// Read and write it with ``receive(into:)`` and ``send(_:)``, which go through libcurl for TLS.
public final class CurlConnection {
    let easy: UnsafeMutableRawPointer
    /// The socket, for readiness notifications only: never read or write it directly (TLS).
    public let socket: Int32
    /// TCP and TLS setup timings.
    public let timings: ConnectionTimings
    private weak var multi: CurlMulti?
    private var isReleased = false

    init(easy: UnsafeMutableRawPointer, socket: Int32, timings: ConnectionTimings, multi: CurlMulti) {
        self.easy = easy
        self.socket = socket
        self.timings = timings
        self.multi = multi
    }

    /// The outcome of a non-blocking read or write.
    public enum IOResult: Equatable {
        /// This many bytes were transferred.
        case transferred(Int)
        /// Nothing now: wait for readiness.
        case wouldBlock
        /// The peer closed the connection (reads only).
        case endOfFile
        /// The connection failed.
        case failed(code: Int32, message: String)
    }

    /// Reads what is available into `buffer`.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        guard !isReleased else { return .endOfFile }
        var count = 0
        let code = curl_easy_recv(easy, buffer.baseAddress, buffer.count, &count)
        switch code {
        case CURLE_OK: return count == 0 ? .endOfFile : .transferred(count)
        case CURLE_AGAIN: return .wouldBlock
        default: return .failed(code: Int32(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
    }

    /// Writes as much of `bytes` as the socket takes now.
    public func send(_ bytes: UnsafeRawBufferPointer) -> IOResult {
        guard !isReleased else { return .failed(code: -1, message: "connection released") }
        var count = 0
        let code = curl_easy_send(easy, bytes.baseAddress, bytes.count, &count)
        switch code {
        case CURLE_OK: return .transferred(count)
        case CURLE_AGAIN: return .wouldBlock
        default: return .failed(code: Int32(code.rawValue), message: String(cString: curl_easy_strerror(code)))
        }
    }

    /// Closes the socket and frees the handle. Unregister the fd from the loop first.
    public func release() {
        guard !isReleased else { return }
        isReleased = true
        multi?.release(self)
    }
}
