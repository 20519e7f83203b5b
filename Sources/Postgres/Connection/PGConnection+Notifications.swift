import CLibPQ
import Glibc

/// LISTEN/NOTIFY on a dedicated connection.
extension PGConnection {
    /// Waits up to `timeout` for notifications (blocking poll on the socket) and returns what
    /// arrived. Throws when the connection broke.
    func waitForNotifications(timeout: Duration) throws -> [PostgresNotification] {
        assertNotOnEventLoop()
        var notifications = drainPendingNotifications()
        if !notifications.isEmpty { return notifications }
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno != EINTR {
            throw PostgresError(.connectionLost, "poll failed on the notification connection (errno \(errno))")
        }
        if ready > 0 {
            guard PQconsumeInput(handle) == 1 else { throw LibPQ.connectionError(handle, code: .connectionLost) }
        }
        guard isConnected else { throw LibPQ.connectionError(handle, code: .connectionLost) }
        notifications = drainPendingNotifications()
        return notifications
    }

    private func drainPendingNotifications() -> [PostgresNotification] {
        var notifications: [PostgresNotification] = []
        while let raw = PQnotifies(handle) {
            let notification = raw.pointee
            notifications.append(PostgresNotification(
                channel: String(cString: notification.relname),
                payload: notification.extra.map { String(cString: $0) } ?? ""
            ))
            PQfreemem(raw)
        }
        return notifications
    }
}

/// A NOTIFY received on a listened channel.
public struct PostgresNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
}
