import Foundation

/// Where each stored (not compressed) entry's bytes lie in a ZIP file, from its central
/// directory (ZIP64 included) and local headers: those bytes are read in place instead of being
/// unpacked into a copy (ZIPFoundation does not tell where an entry's data starts). Anything
/// unusual — an unreadable directory, a compressed entry, a span outside the file — leaves the
/// entry to be unpacked as before. The bytes read are proved by the object's declared digest.
enum ZIPLayout {
    struct Span: Equatable {
        var offset: Int
        var length: Int
    }

    /// Entry names (as UTF-8) → where their bytes lie, for stored entries. Blocking.
    static func storedSpans(of url: URL) -> [String: Span] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [:] }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), let size = Int(exactly: end) else { return [:] }
        func read(_ offset: Int, _ count: Int) -> [UInt8]? {
            guard offset >= 0, count >= 0, offset <= size - count else { return nil }
            guard (try? handle.seek(toOffset: UInt64(offset))) != nil, let data = try? handle.read(upToCount: count) ?? Data(),
                  data.count == count else { return nil }
            return [UInt8](data)
        }
        let tailLength = min(size, 22 + 0xFFFF)
        guard tailLength >= 22, let tail = read(size - tailLength, tailLength),
              let record = (0...(tail.count - 22)).reversed().first(where: { signature(tail, $0) == 0x0605_4b50 }) else { return [:] }
        var count = Int(u16(tail, record + 10)), directorySize = Int(u32(tail, record + 12)), directoryOffset = Int(u32(tail, record + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: its end record, found through the locator just before the classic one.
            guard let locator = read(size - tailLength + record - 20, 20), signature(locator, 0) == 0x0706_4b50,
                  let zip64 = read(Int(clamping: u64(locator, 8)), 56), signature(zip64, 0) == 0x0606_4b50 else { return [:] }
            count = Int(clamping: u64(zip64, 32))
            directorySize = Int(clamping: u64(zip64, 40))
            directoryOffset = Int(clamping: u64(zip64, 48))
        }
        guard directorySize <= 64 << 20, let directory = read(directoryOffset, directorySize) else { return [:] }
        var spans: [String: Span] = [:]
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, signature(directory, at) == 0x0201_4b50 else { return [:] }
            let method = u16(directory, at + 10)
            var compressed = UInt64(u32(directory, at + 20)), uncompressed = UInt64(u32(directory, at + 24))
            var local = UInt64(u32(directory, at + 42))
            let nameStart = at + 46, extraStart = nameStart + Int(u16(directory, at + 28))
            let extraEnd = extraStart + Int(u16(directory, at + 30)), next = extraEnd + Int(u16(directory, at + 32))
            guard next <= directory.count else { return [:] }
            // ZIP64 extended information: 8-byte values for the fields that overflowed, in this order.
            var field = extraStart
            while field + 4 <= extraEnd {
                let length = Int(u16(directory, field + 2))
                var value = field + 4
                let stop = min(field + 4 + length, extraEnd)
                if u16(directory, field) == 1 {
                    if uncompressed == 0xFFFF_FFFF, value + 8 <= stop { uncompressed = u64(directory, value); value += 8 }
                    if compressed == 0xFFFF_FFFF, value + 8 <= stop { compressed = u64(directory, value); value += 8 }
                    if local == 0xFFFF_FFFF, value + 8 <= stop { local = u64(directory, value); value += 8 }
                }
                field += 4 + length
            }
            let name = String(decoding: directory[nameStart..<extraStart], as: UTF8.self)
            if method == 0, compressed == uncompressed, let header = read(Int(clamping: local), 30), signature(header, 0) == 0x0403_4b50 {
                let offset = Int(clamping: local) + 30 + Int(u16(header, 26)) + Int(u16(header, 28))
                let length = Int(clamping: uncompressed)
                if offset <= size, length <= size - offset { spans[name] = Span(offset: offset, length: length) }
            }
            at = next
        }
        return spans
    }

    static func signature(_ bytes: [UInt8], _ at: Int) -> UInt32 { u32(bytes, at) }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16
    }

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32
    }
}
