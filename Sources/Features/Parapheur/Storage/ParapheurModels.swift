import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// A desk (bureau) and the accounts that hold it.
struct Desk: Sendable, Equatable {
    var id: DeskID
    var name: String
    var holders: [AccountID]
}

/// Desk A delegated to desk B over a period: B's holders act for A ("B pour A").
struct Delegation: Sendable, Equatable {
    var id: UUID
    var from: DeskID
    var to: DeskID
    var startsAt: Date
    var endsAt: Date
}

/// A type / subtype of folder ("Arrêté / Voirie") and the circuit its folders follow.
struct FolderType: Sendable, Equatable {
    var id: UUID
    var type: String
    var subtype: String
    var circuit: CircuitTemplate
    var stepDays: Int

    var label: String { "\(type) / \(subtype)" }
}

/// A folder as stored: its circuit state and what it was submitted with.
struct Folder: Sendable {
    var id: UUID
    var title: String
    var type: FolderType
    var emitter: DeskID
    var metadata: [String: String]
    var dueDate: String?
    var circuit: Circuit
    var createdBy: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    /// Late: past its due date, or waiting at its step longer than the type allows.
    func isLate(now: Date) -> Bool {
        if circuit.status != .inProgress { return false }
        if let dueDate, let due = FolderDates.day(dueDate), due.addingTimeInterval(86400) < now { return true }
        return circuit.isLate(now: now, after: TimeInterval(type.stepDays * 86400))
    }
}

/// One file of a folder.
struct FolderFile: Sendable, Equatable {
    enum Role: String, Sendable { case main, annex, signature }

    var id: UUID
    var role: Role
    var position: Int
    var documentID: UUID
    var version: Int
    var signs: UUID?
    var fileName: String
    var mediaType: String
    var size: Int
    var sha256: String
}

enum FolderDates {
    /// `YYYY-MM-DD` at 00:00 UTC.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard text.count == 10, parts.count == 3, (2000...2200).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}
