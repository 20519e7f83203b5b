import Archiving
import Testing

@Suite("Merkle tree (RFC 6962): roots, audit paths, tampering")
struct MerkleTreeTests {
    static func leaves(_ count: Int) -> [[UInt8]] { (0..<count).map { MerkleTree.leafHash(Array("entrée \($0)".utf8)) } }

    @Test("every leaf of trees of 1 to 33 leaves is proved by its path; any other leaf, index or root is not", arguments: Array(1...33))
    func paths(count: Int) throws {
        let leaves = Self.leaves(count)
        let root = try #require(MerkleTree.root(leaves))
        for index in 0..<count {
            let path = MerkleTree.path(index, in: leaves)
            #expect(MerkleTree.verify(leaf: leaves[index], index: index, count: count, path: path, root: root))
            #expect(!MerkleTree.verify(leaf: MerkleTree.leafHash([0xFF]), index: index, count: count, path: path, root: root))
            if count > 1 {
                #expect(!MerkleTree.verify(leaf: leaves[index], index: (index + 1) % count, count: count, path: path, root: root))
            }
            #expect(!MerkleTree.verify(leaf: leaves[index], index: index, count: count, path: path, root: MerkleTree.leafHash([1])))
        }
    }

    @Test("the root changes with any leaf, its order or its count; no leaves, no root")
    func roots() throws {
        let leaves = Self.leaves(7)
        let root = try #require(MerkleTree.root(leaves))
        #expect(MerkleTree.root(Array(leaves.reversed())) != root)
        #expect(MerkleTree.root(Array(leaves.dropLast())) != root)
        var altered = leaves
        altered[3] = MerkleTree.leafHash([0])
        #expect(MerkleTree.root(altered) != root)
        #expect(MerkleTree.root([]) == nil)
        #expect(MerkleTree.root([leaves[0]]) == leaves[0])
    }
}
