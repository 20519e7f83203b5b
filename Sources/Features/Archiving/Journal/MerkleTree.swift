import Cryptography

/// A Merkle tree over a day's journal entries, as RFC 6962 (Certificate Transparency) defines
/// it: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), the left subtree the
/// largest power of two below the size. An entry's audit path proves it is in the sealed day
/// without revealing the others. Pure.
public enum MerkleTree {
    public static func leafHash(_ data: [UInt8]) -> [UInt8] { hash([0x00] + data) }
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { hash([0x01] + left + right) }
    static func hash(_ bytes: [UInt8]) -> [UInt8] { (try? Digest.sha256(bytes)) ?? [] }

    /// The root over the leaves' hashes; nil for no leaves.
    public static func root(_ leaves: [[UInt8]]) -> [UInt8]? {
        guard !leaves.isEmpty else { return nil }
        return subtree(leaves[...])
    }

    static func subtree(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.count == 1 { return leaves.first! }
        let split = largestPowerOfTwo(below: leaves.count)
        return nodeHash(subtree(leaves.prefix(split)), subtree(leaves.dropFirst(split)))
    }

    static func largestPowerOfTwo(below count: Int) -> Int {
        var power = 1
        while power * 2 < count { power *= 2 }
        return power
    }

    /// The audit path of leaf `index` (RFC 6962 §2.1.1), leaf side first.
    public static func path(_ index: Int, in leaves: [[UInt8]]) -> [[UInt8]] {
        guard leaves.indices.contains(index) else { return [] }
        return path(index, leaves[...])
    }

    static func path(_ index: Int, _ leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        guard leaves.count > 1 else { return [] }
        let split = largestPowerOfTwo(below: leaves.count)
        let left = leaves.prefix(split), right = leaves.dropFirst(split)
        return index < split ? path(index, left) + [subtree(right)] : path(index - split, right) + [subtree(left)]
    }

    /// Whether `leaf` at `index` of a tree of `count` leaves, with `path`, gives `root`.
    public static func verify(leaf: [UInt8], index: Int, count: Int, path: [[UInt8]], root: [UInt8]) -> Bool {
        guard index >= 0, index < count else { return false }
        var remaining = path[...]
        func climb(_ index: Int, _ count: Int) -> [UInt8]? {
            guard count > 1 else { return leaf }
            let split = largestPowerOfTwo(below: count)
            if index < split {
                guard let left = climb(index, split), let sibling = remaining.popFirst() else { return nil }
                return nodeHash(left, sibling)
            }
            guard let right = climb(index - split, count - split), let sibling = remaining.popFirst() else { return nil }
            return nodeHash(sibling, right)
        }
        guard let computed = climb(index, count), remaining.isEmpty else { return false }
        return computed == root
    }
}
