/// Follows a ZIP's local entries as its bytes arrive, front to back, to tell where each entry's
/// data lies before the package is received whole (APPNOTE 4.3.7: local header, name, extra
/// field, data). It stops following — everything after is `other` — at the first bytes that are
/// not a local header (the central directory) and at an entry whose sizes are not in its header
/// (a data descriptor follows the data) or that is encrypted. The central directory, read once
/// the package is whole, stays the authority: a span found here is only used where it names
/// exactly the same bytes. Pure: no I/O.
struct ZIPStreamScanner {
    /// A local entry whose data is the next `length` bytes from `dataOffset` in the package.
    struct Entry: Equatable, Sendable {
        var index: Int
        /// As written in the header (not yet checked: the container does).
        var name: String
        var dataOffset: Int
        var length: Int
    }

    enum Part: Equatable {
        /// Bytes of the data of a stored (not compressed) entry; `last`: its final bytes.
        case stored(Entry, last: Bool)
        /// Headers, compressed data, the central directory, anything not followed.
        case other
    }

    /// Part of a chunk: `range` counts from the chunk's first byte.
    struct Segment: Equatable {
        var range: Range<Int>
        var part: Part
    }

    private enum State {
        case header([UInt8])
        case names(header: [UInt8], bytes: [UInt8], count: Int)
        case data(Entry?, remaining: Int)
        case done
    }

    private var state = State.header([])
    private var entries = 0
    let maxEntries: Int

    init(maxEntries: Int) {
        self.maxEntries = maxEntries
    }

    static let localHeaderLength = 30

    /// The parts of `bytes`, which start at `offset` in the package (and follow the last chunk).
    mutating func scan(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> [Segment] {
        var segments: [Segment] = []
        func add(_ range: Range<Int>, _ part: Part) {
            guard !range.isEmpty else { return }
            if part == .other, let last = segments.last, last.part == .other, last.range.upperBound == range.lowerBound {
                segments[segments.count - 1].range = last.range.lowerBound..<range.upperBound
            } else {
                segments.append(Segment(range: range, part: part))
            }
        }
        var position = 0
        while position < bytes.count {
            switch state {
            case .header(var header):
                let count = min(Self.localHeaderLength - header.count, bytes.count - position)
                header.append(contentsOf: bytes[position..<(position + count)])
                add(position..<(position + count), .other)
                position += count
                state = header.count < Self.localHeaderLength ? .header(header) : Self.afterHeader(header)
            case .names(let header, var names, let total):
                let count = min(total - names.count, bytes.count - position)
                names.append(contentsOf: bytes[position..<(position + count)])
                add(position..<(position + count), .other)
                position += count
                if names.count == total {
                    state = entry(header: header, names: names, dataOffset: offset + position)
                } else {
                    state = .names(header: header, bytes: names, count: total)
                }
            case .data(let entry, let remaining):
                let count = min(remaining, bytes.count - position)
                add(position..<(position + count), entry.map { .stored($0, last: count == remaining) } ?? .other)
                position += count
                state = count == remaining ? .header([]) : .data(entry, remaining: remaining - count)
            case .done:
                add(position..<bytes.count, .other)
                position = bytes.count
            }
        }
        return segments
    }

    /// After a local header's fixed part: its name and extra field next, or the end of what can
    /// be followed.
    private static func afterHeader(_ header: [UInt8]) -> State {
        guard ZIPLayout.signature(header, 0) == 0x0403_4b50 else { return .done }
        let flags = ZIPLayout.u16(header, 6)
        // Encrypted, or sizes in a data descriptor after the data.
        guard flags & 0x0009 == 0 else { return .done }
        let total = Int(ZIPLayout.u16(header, 26)) + Int(ZIPLayout.u16(header, 28))
        return .names(header: header, bytes: [], count: total)
    }

    /// The entry whose name and extra field were just read; its data starts at `dataOffset`.
    private mutating func entry(header: [UInt8], names: [UInt8], dataOffset: Int) -> State {
        entries += 1
        guard entries <= maxEntries else { return .done }
        let method = ZIPLayout.u16(header, 8)
        var compressed = UInt64(ZIPLayout.u32(header, 18))
        var uncompressed = UInt64(ZIPLayout.u32(header, 22))
        let nameLength = Int(ZIPLayout.u16(header, 26))
        if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF {
            // ZIP64: in a local header, the extra record holds both sizes (APPNOTE 4.5.3).
            guard let sizes = Self.zip64Sizes(Array(names[nameLength...])) else { return .done }
            (uncompressed, compressed) = sizes
        }
        guard compressed <= UInt64(Int.max / 2) else { return .done }
        let name = String(decoding: names[..<nameLength], as: UTF8.self)
        let entry = Entry(index: entries - 1, name: name, dataOffset: dataOffset, length: Int(compressed))
        guard compressed > 0 else { return .header([]) }
        return .data(method == 0 && compressed == uncompressed ? entry : nil, remaining: Int(compressed))
    }

    /// The (uncompressed, compressed) sizes of a ZIP64 extended information record.
    static func zip64Sizes(_ extra: [UInt8]) -> (UInt64, UInt64)? {
        var position = 0
        while position + 4 <= extra.count {
            let (id, length) = (ZIPLayout.u16(extra, position), Int(ZIPLayout.u16(extra, position + 2)))
            if id == 0x0001, length >= 16, position + 4 + 16 <= extra.count {
                return (ZIPLayout.u64(extra, position + 4), ZIPLayout.u64(extra, position + 12))
            }
            position += 4 + length
        }
        return nil
    }
}
