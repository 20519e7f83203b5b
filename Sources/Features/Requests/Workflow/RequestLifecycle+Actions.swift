import Foundation

extension RequestLifecycle {
    /// The request after `action`, and what the caller must do about it. Throws, and changes
    /// nothing, when the action is not allowed.
    public func applying(_ action: LifecycleAction, by actor: LifecycleActor, in workflow: WorkflowDefinition,
                         context: MessageContext, at time: Date) throws(LifecycleRefusal) -> (RequestLifecycle, [LifecycleEffect]) {
        guard let current = workflow.status(status) else { throw .statusNotInWorkflow(status) }
        var next = self
        let effects: [LifecycleEffect]
        switch action {
        case .transition(let id, let comment, let bulk):
            effects = try next.transition(id, comment: comment, bulk: bulk, from: current, by: actor, in: workflow,
                                          context: context, at: time)
        case .citizenReplied(let message, let documents):
            effects = try next.reply(message, documents: documents, in: current, by: actor, at: time)
        case .messageSent(let text):
            try Self.requireAgent(actor, with: Self.processPermission)
            guard !current.isFinal else { throw .requestClosed }
            guard let message = try Self.clean(text) else { throw .emptyMessage }
            effects = [next.record(.agentMessage(message), by: actor, at: time), .notifyCitizen(message: message)]
        case .noteAdded(let text):
            try Self.requireAgent(actor, with: Self.processPermission)
            guard let note = try Self.clean(text) else { throw .emptyNote }
            effects = [next.record(.note(note), by: actor, at: time)]
        case .assigned(let assignee):
            try Self.requireAgent(actor, with: Self.processPermission)
            guard !current.isFinal else { throw .requestClosed }
            guard assignee != self.assignee else { throw .alreadyAssigned }
            next.assignee = assignee
            effects = [next.record(.assignment(assignee), by: actor, at: time), .notifyAssignee(assignee)]
        }
        return (next, effects)
    }

    /// `applying(_:by:in:context:at:)` in place; `self` is unchanged when it throws.
    @discardableResult
    public mutating func apply(_ action: LifecycleAction, by actor: LifecycleActor, in workflow: WorkflowDefinition,
                               context: MessageContext, at time: Date) throws(LifecycleRefusal) -> [LifecycleEffect] {
        let (next, effects) = try applying(action, by: actor, in: workflow, context: context, at: time)
        self = next
        return effects
    }

    private mutating func transition(_ id: String, comment: String?, bulk: Bool, from current: WorkflowStatus,
                                     by actor: LifecycleActor, in workflow: WorkflowDefinition,
                                     context: MessageContext, at time: Date) throws(LifecycleRefusal) -> [LifecycleEffect] {
        guard let transition = workflow.transition(id) else { throw .unknownTransition(id) }
        guard !current.isFinal else { throw .requestClosed }
        guard transition.from.contains(current.id) else {
            throw .notFromStatus(transition: transition.label, status: current.label)
        }
        guard actor.has(transition.permission) else { throw .missingPermission(transition.permission) }
        guard !bulk || transition.allowsBulk else { throw .notBulk(transition.label) }
        guard let target = workflow.status(transition.to) else { throw .statusNotInWorkflow(transition.to) }
        var cleaned: String?
        if let comment { cleaned = try Self.clean(comment) }
        let rendered = transition.message.map {
            MessageTemplate.render($0, values: ["numero": context.number.description, "statut": target.label,
                                                "demarche": context.procedure])
        }
        let message = [rendered, cleaned].compactMap { $0 }.joined(separator: "\n\n")
        let sent = message.isEmpty ? nil : message
        status = target.id
        var effects = [
            record(.transition(id: id, from: current.id, to: target.id, message: sent), by: actor, at: time),
            .statusChanged(from: current.id, to: target.id, message: sent),
        ]
        if let sent { effects.append(.notifyCitizen(message: sent)) }
        return effects
    }

    private mutating func reply(_ message: String?, documents: [UUID], in current: WorkflowStatus,
                                by actor: LifecycleActor, at time: Date) throws(LifecycleRefusal) -> [LifecycleEffect] {
        guard actor.role == .citizen else { throw .citizenOnly }
        guard requester == actor.account else { throw .notRequester }
        guard !current.isFinal else { throw .requestClosed }
        guard current.citizenMayReply else { throw .citizenMayNotReply(status: current.label) }
        var text: String?
        if let message { text = try Self.clean(message) }
        var unique: [UUID] = []
        for document in documents where !unique.contains(document) { unique.append(document) }
        guard text != nil || !unique.isEmpty else { throw .emptyReply }
        var effects = [record(.citizenReply(message: text, documents: unique), by: actor, at: time)]
        if let assignee { effects.append(.notifyAssignee(assignee)) }
        return effects
    }

    private mutating func record(_ event: LifecycleEntry.Event, by actor: LifecycleActor, at time: Date) -> LifecycleEffect {
        let entry = LifecycleEntry(at: time, account: actor.account, event: event)
        history.append(entry)
        return .journal(entry)
    }

    private static func requireAgent(_ actor: LifecycleActor, with permission: String) throws(LifecycleRefusal) {
        guard actor.role == .agent else { throw .agentsOnly }
        guard actor.has(permission) else { throw .missingPermission(permission) }
    }

    /// The longest message, comment or note.
    public static let maxTextLength = 5000

    private static func clean(_ text: String) throws(LifecycleRefusal) -> String? {
        do { return try TextInput.clean(text, multiline: true, maxLength: maxTextLength) }
        catch { throw .invalidText(error) }
    }
}
