import COpenSSL

/// OpenSSL's in-memory BIOs, owned for the span of one call.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over `bytes` (no copy).
    static func reading<R>(_ bytes: some ContiguousBytes, _ operation: String, _ body: (OpaquePointer) throws -> R) throws -> R {
        try bytes.withUnsafeBytes { buffer in
            // BIO_new_mem_buf needs a non-null pointer even for zero bytes.
            let base = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            let bio = try OpenSSL.check(BIO_new_mem_buf(base, Int32(buffer.count)), "\(operation): BIO_new_mem_buf")
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }

    /// Runs `body` with a writable BIO and returns what it wrote.
    static func writing(_ operation: String, _ body: (OpaquePointer) throws -> Void) throws -> [UInt8] {
        let bio = try OpenSSL.check(BIO_new(BIO_s_mem()), "\(operation): BIO_new")
        defer { BIO_free(bio) }
        try body(bio)
        var data: UnsafeMutablePointer<CChar>?
        let count = mutualis_bio_mem_data(bio, &data)
        guard count > 0, let data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }
}
