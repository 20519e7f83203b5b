import CLibZ

/// zlib (RFC 1950) compression, as PDF's `/FlateDecode` uses it. The only module that imports
/// `CLibZ` (the zlib system library; not `CZlib`, which ZIPFoundation already names a module):
/// bytes in, bytes out, no C type leaves it.
public enum Zlib {
    /// Decompresses a zlib stream. Stops at the end of the stream (trailing bytes are ignored, as
    /// PDF streams often carry an end-of-line after it); a truncated or corrupt stream throws, and
    /// so does an output larger than `limit` bytes (a decompression bomb).
    public static func inflate(_ bytes: some Collection<UInt8>, limit: Int) throws(ZlibError) -> [UInt8] {
        let input = Array(bytes)
        guard input.count <= Int(UInt32.max) else {
            throw ZlibError(operation: "inflate", message: "input larger than 4 GiB")
        }
        let result = input.withUnsafeBufferPointer { buffer in
            run(buffer, operation: "inflate", limit: limit,
                start: { inflateInit_($0, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) },
                step: { CLibZ.inflate($0, Z_NO_FLUSH) },
                end: { CLibZ.inflateEnd($0) })
        }
        return try result.get()
    }

    /// Compresses into a zlib stream (default level).
    public static func deflate(_ bytes: [UInt8]) throws(ZlibError) -> [UInt8] {
        guard bytes.count <= Int(UInt32.max) else {
            throw ZlibError(operation: "deflate", message: "input larger than 4 GiB")
        }
        let result = bytes.withUnsafeBufferPointer { buffer in
            run(buffer, operation: "deflate", limit: Int.max,
                start: { deflateInit_($0, Z_DEFAULT_COMPRESSION, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) },
                step: { CLibZ.deflate($0, Z_FINISH) },
                end: { CLibZ.deflateEnd($0) })
        }
        return try result.get()
    }

    /// Drives one zlib stream over the whole input, 64 KiB of output at a time. The `z_stream` is
    /// heap-allocated: zlib keeps a pointer back to it and checks it on every call.
    private static func run(
        _ input: UnsafeBufferPointer<UInt8>, operation: String, limit: Int,
        start: (UnsafeMutablePointer<z_stream>) -> Int32,
        step: (UnsafeMutablePointer<z_stream>) -> Int32,
        end: (UnsafeMutablePointer<z_stream>) -> Int32
    ) -> Result<[UInt8], ZlibError> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        let initCode = start(stream)
        guard initCode == Z_OK else { return .failure(error(initCode, stream, "\(operation) (init)")) }
        defer { _ = end(stream) }

        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.pointee.avail_in = UInt32(input.count)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let code = chunk.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = UInt32(buffer.count)
                return step(stream)
            }
            let produced = chunk.count - Int(stream.pointee.avail_out)
            guard produced <= limit - output.count else {
                return .failure(ZlibError(operation: operation, message: "output larger than the limit of \(limit) bytes"))
            }
            output.append(contentsOf: chunk[0..<produced])
            switch code {
            case Z_STREAM_END:
                return .success(output)
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 && produced == 0:
                return .failure(ZlibError(operation: operation, message: "truncated input (no end of stream)"))
            case Z_BUF_ERROR:
                continue
            default:
                return .failure(error(code, stream, operation))
            }
        }
    }

    /// The one place where a zlib return code becomes a `ZlibError`: zlib's `msg` when it set one,
    /// else the code's name.
    private static func error(_ code: Int32, _ stream: UnsafeMutablePointer<z_stream>, _ operation: String) -> ZlibError {
        if let message = stream.pointee.msg {
            return ZlibError(operation: operation, message: String(cString: message))
        }
        let name = switch code {
        case Z_NEED_DICT: "Z_NEED_DICT (a preset dictionary is required)"
        case Z_ERRNO: "Z_ERRNO"
        case Z_STREAM_ERROR: "Z_STREAM_ERROR (invalid stream state or parameter)"
        case Z_DATA_ERROR: "Z_DATA_ERROR (corrupt input)"
        case Z_MEM_ERROR: "Z_MEM_ERROR (out of memory)"
        case Z_BUF_ERROR: "Z_BUF_ERROR (no progress possible)"
        case Z_VERSION_ERROR: "Z_VERSION_ERROR (incompatible zlib version)"
        default: "code \(code)"
        }
        return ZlibError(operation: operation, message: name)
    }
}
