#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole scenario file, refusing files above a size limit.
enum FileReader {
    /// Why a file could not be read.
    enum Failure: Error, Equatable {
        /// The system's reason, e.g. "No such file or directory".
        case system(String)
        /// The file is larger than the limit.
        case tooLarge(limit: Int)
    }

    /// The file's bytes.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        guard let file = fopen(path, "rb") else { return .failure(.system(systemReason())) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes += chunk[..<count]
            if bytes.count > limit { return .failure(.tooLarge(limit: limit)) }
            if count < chunk.count {
                if ferror(file) != 0 { return .failure(.system(systemReason())) }
                return .success(bytes)
            }
        }
    }

    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}
