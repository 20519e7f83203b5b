import Blobs
import NIOCore
import Tenancy
import Web

/// Stages a SIP's stored entries in both storage locations while the package is still being
/// received: their bytes go straight from the upload to the two staged copies (`CopyPair`, which
/// reads them back as they are written) and are left as holes in the spooled package. Entries that are
/// compressed, the manifest, and anything `ZIPStreamScanner` cannot follow stay in the package.
/// Used by the one task receiving the upload; `abandon` removes every copy not committed.
final class SIPTap: UploadTap, @unchecked Sendable {
    /// The two staged copies of an entry's data, found at `dataOffset` in the package, read
    /// back (`second` nil: its bytes differ from the first's).
    struct Tapped: Sendable {
        var dataOffset: Int
        var length: Int
        var first: StagedBlob
        var second: StagedBlob?
    }

    let copies: ArchiveCopies
    let member: TenantSlug
    private var scanner: ZIPStreamScanner
    private var current: (entry: ZIPStreamScanner.Entry, copies: CopyPair)?
    /// Entries whose last bytes were handed over: written out, made durable and read back
    /// meanwhile, oldest first.
    private var finishing: [Task<Tapped, any Error>] = []
    /// At most this many entries finishing at once: a package of many small files must not hold
    /// thousands of descriptors open while their copies are made durable.
    static let finishingAtOnce = 8
    /// Complete after `finish`, by data offset.
    private(set) var tapped: [Int: Tapped] = [:]

    init(copies: ArchiveCopies, member: TenantSlug, limits: SIPLimits) {
        self.copies = copies
        self.member = member
        scanner = ZIPStreamScanner(maxEntries: limits.maxEntries)
    }

    func take(_ chunk: ByteBuffer, at offset: Int) async throws -> [Range<Int>] {
        let segments = chunk.withUnsafeReadableBytes { scanner.scan($0, at: offset) }
        var kept: [Range<Int>] = []
        for segment in segments {
            guard case .stored(let entry, let last) = segment.part, Self.takes(entry) else {
                kept.append(segment.range)
                continue
            }
            if current?.entry.index != entry.index {
                if finishing.count >= Self.finishingAtOnce {
                    let done = try await finishing.removeFirst().value
                    tapped[done.dataOffset] = done
                }
                current = (entry, try await CopyPair.open(member: member, limit: entry.length, first: copies.first, second: copies.second))
            }
            guard let (entry, pair) = current else { continue }
            try await pair.write(chunk.getSlice(at: chunk.readerIndex + segment.range.lowerBound, length: segment.range.count)!)
            if last {
                finishing.append(Task {
                    do {
                        let (first, second) = try await pair.finish()
                        return Tapped(dataOffset: entry.dataOffset, length: entry.length, first: first, second: second)
                    } catch {
                        await pair.abandon()
                        throw error
                    }
                })
                current = nil
            }
        }
        return kept
    }

    func finish() async throws {
        for task in finishing {
            let entry = try await task.value
            tapped[entry.dataOffset] = entry
        }
        finishing = []
    }

    func abandon() async {
        await current?.copies.abandon()
        current = nil
        for task in finishing {
            if let entry = try? await task.value { tapped[entry.dataOffset] = entry }
        }
        finishing = []
        // A committed copy was renamed away: removing its staged name finds nothing.
        for entry in tapped.values {
            await copies.first.discard(entry.first)
            if let second = entry.second { await copies.second.discard(second) }
        }
    }

    /// Stored entries with bytes, but the manifest (parsed from the package).
    static func takes(_ entry: ZIPStreamScanner.Entry) -> Bool {
        entry.length > 0 && (try? SIPContainer.normalised(entry.name)) != SIPContainer.manifestName
    }
}
