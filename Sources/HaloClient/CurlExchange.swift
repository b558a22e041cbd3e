import Foundation
import CCurl

/// What libcurl's callbacks collect during one exchange: the body, and the headers of the last
/// status line (a `100 Continue` or a proxy's `200 Connection established` comes first, and its
/// headers are not the reply's). Passed to the callbacks as userdata; lives for one `perform`.
final class CurlExchange {
    var body = Data()
    /// The most body bytes accepted; the write callback aborts the transfer past it.
    let maxBody: Int
    /// Set when the body passed `maxBody` and the transfer was aborted.
    private(set) var overflowed = false

    init(maxBody: Int) {
        self.maxBody = maxBody
    }
    /// Names lower-cased; repeated names joined with ", " as HTTP allows.
    var headers: [String: String] = [:]
    private var lastName: String?

    /// Largest `Content-Length` reserved up front: a lying server must not make us allocate gigabytes.
    private static let maxReserve = 64 << 20

    /// `CURLOPT_WRITEFUNCTION`: appends the chunk, or returns 0 (which aborts the transfer with
    /// CURLE_WRITE_ERROR) once the body would pass `maxBody`: an endless reply must not grow memory.
    static let writeBody: halo_curl_data_fn = { data, size, count, userdata in
        let bytes = size * count
        guard let data, let userdata, bytes > 0 else { return bytes }
        let exchange = Unmanaged<CurlExchange>.fromOpaque(userdata).takeUnretainedValue()
        guard exchange.body.count + bytes <= exchange.maxBody else {
            exchange.overflowed = true
            return 0
        }
        UnsafeRawPointer(data).withMemoryRebound(to: UInt8.self, capacity: bytes) { exchange.body.append($0, count: bytes) }
        return bytes
    }

    /// `CURLOPT_HEADERFUNCTION`: called once per header line, status lines and the blank line included.
    static let readHeader: halo_curl_data_fn = { data, size, count, userdata in
        let bytes = size * count
        guard let data, let userdata, bytes > 0 else { return bytes }
        let exchange = Unmanaged<CurlExchange>.fromOpaque(userdata).takeUnretainedValue()
        exchange.header(line: String(decoding: UnsafeRawBufferPointer(start: data, count: bytes), as: UTF8.self))
        return bytes
    }

    func header(line raw: String) {
        let line = raw.trimmingCharacters(in: .newlines)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            lastName = nil
            return
        }
        if line.isEmpty { return }
        if line.first == " " || line.first == "\t" {
            // An obsolete folded continuation of the previous header.
            if let lastName { headers[lastName, default: ""] += " " + line.trimmingCharacters(in: .whitespaces) }
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if let existing = headers[name] { headers[name] = existing + ", " + value } else { headers[name] = value }
        lastName = name
        if name == "content-length", let length = Int(value), length > 0 {
            body.reserveCapacity(min(length, Self.maxReserve, maxBody))
        }
    }
}
