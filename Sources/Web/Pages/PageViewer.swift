import Identity

/// Who is looking at a page: shown in the layout (name, links), with the CSRF token the
/// sign-out form needs.
public struct PageViewer: Sendable {
    public var label: String
    public var csrf: String
    public var canAdministrate: Bool
    public var isOperator: Bool
    /// On the console host (no member): its own account page and sign-out.
    public var isConsole: Bool

    public init(principal: Principal, session: SessionAccess) {
        label = principal.label
        csrf = session.record.csrf
        canAdministrate = principal.can(.usersManage)
        isOperator = principal.kind == .operator
        isConsole = principal.tenant == nil
    }

    var templateValues: [String: Any] {
        [
            "label": label, "csrf": csrf, "canAdministrate": canAdministrate, "isOperator": isOperator,
            "home": isConsole ? "/console/" : "/compte", "signOut": isConsole ? "/console/deconnexion" : "/compte/deconnexion",
        ]
    }
}

extension TenantRequestContext {
    /// The signed-in person looking at the page, if any (not a partner system).
    public var viewer: PageViewer? {
        guard let principal, let session, principal.kind != .client else { return nil }
        return PageViewer(principal: principal, session: session)
    }
}
