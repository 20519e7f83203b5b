import CHiredis

/// The one place where hiredis's error reporting becomes `RedisError`.
enum Hiredis {
    /// The error recorded in a context (`c->err`, `c->errstr`).
    static func contextError(_ context: UnsafeMutablePointer<redisContext>?, code: RedisError.Code, command: String? = nil) -> RedisError {
        guard let context else { return RedisError(code, "hiredis could not allocate a context", command: command) }
        let message = String(cString: mutualis_redis_context_errstr(context))
        let kind = mutualis_redis_context_error(context)
        let detail = switch kind {
        case REDIS_ERR_EOF: "server closed the connection"
        case REDIS_ERR_PROTOCOL: "protocol error"
        case REDIS_ERR_OOM: "out of memory"
        default: "I/O error"
        }
        return RedisError(code, message.isEmpty ? detail : "\(detail): \(message)", command: command)
    }

    /// Copies a reply tree into Swift values.
    static func reply(_ raw: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let reply = raw.pointee
        switch reply.type {
        case REDIS_REPLY_STRING:
            return .bulk(bytes(reply.str, reply.len))
        case REDIS_REPLY_STATUS:
            return .status(String(decoding: bytes(reply.str, reply.len), as: UTF8.self))
        case REDIS_REPLY_ERROR:
            return .error(String(decoding: bytes(reply.str, reply.len), as: UTF8.self))
        case REDIS_REPLY_INTEGER:
            return .integer(Int(reply.integer))
        case REDIS_REPLY_ARRAY:
            var elements: [RedisReply] = []
            elements.reserveCapacity(reply.elements)
            for index in 0..<reply.elements {
                if let element = reply.element[index] { elements.append(Self.reply(element)) } else { elements.append(.null) }
            }
            return .array(elements)
        default:
            return .null
        }
    }

    private static func bytes(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> [UInt8] {
        guard let pointer, length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }
}
