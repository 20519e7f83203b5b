import Glibc

/// A buffer aligned for direct I/O (`O_DIRECT`: address, length and file offset multiples of
/// 4 KiB), filled by its owner and read by the copy writers it is handed to. Reused from batch to
/// batch: on a virtual machine, fresh memory is what costs most when gigabytes stream through.
public final class IOBlock: @unchecked Sendable {
    public static let alignment = 4096
    public let capacity: Int
    public let base: UnsafeMutableRawPointer
    /// Bytes filled.
    public var count = 0

    /// `capacity` rounded up to the alignment.
    public init(capacity: Int) {
        self.capacity = Self.aligned(capacity)
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, Self.alignment, self.capacity) == 0, let pointer else {
            fatalError("out of memory: \(self.capacity) aligned bytes")
        }
        base = pointer
    }

    deinit { free(base) }

    /// `count` rounded up to the alignment.
    public static func aligned(_ count: Int) -> Int {
        (count + alignment - 1) / alignment * alignment
    }

    public var isFull: Bool { count == capacity }
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Copies as much of `bytes` as fits; returns how many.
    public func fill(from bytes: UnsafeRawBufferPointer) -> Int {
        let taken = min(capacity - count, bytes.count)
        if taken > 0 { (base + count).copyMemory(from: bytes.baseAddress!, byteCount: taken) }
        count += taken
        return taken
    }
}
