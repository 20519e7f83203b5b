import Identity

/// Who is looking at a page: shown in the layout (name, links, unread notifications), with the
/// CSRF token the sign-out form needs.
public struct PageViewer: Sendable {
    public var label: String
    public var csrf: String
    public var canAdministrate: Bool
    public var isOperator: Bool
    /// On the console host (no member): its own account page and sign-out.
    public var isConsole: Bool
    /// Unread notifications (the header's badge).
    public var unread: Int

    public init(principal: Principal, session: SessionAccess) {
        label = principal.label
        csrf = session.record.csrf
        canAdministrate = principal.can(.usersManage)
        isOperator = principal.kind == .operator
        isConsole = principal.tenant == nil
        unread = 0
    }

    var templateValues: [String: Any] {
        [
            "label": label, "csrf": csrf, "canAdministrate": canAdministrate, "isOperator": isOperator, "isConsole": isConsole,
            "home": isConsole ? "/console/" : "/compte", "signOut": isConsole ? "/console/deconnexion" : "/compte/deconnexion",
            "unread": unread > 0 ? unread : false,
        ]
    }
}
