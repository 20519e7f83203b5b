import Events
import Identity
import Jobs
import Tenancy
import Web

/// What a module type declares, read once (existential metatypes kept out of loops).
public struct ModuleDescription: Sendable {
    public var id: PlatformModule?
    public var name: String
    public var templates: [String: String]
    public var permissions: [PermissionDeclaration]
    public var demoSections: [String]
    public var events: [EventType]
    public var archivableEvents: [String]
    public var eventConsumers: [EventConsumer]
    let make: @Sendable (ModuleContext) -> any FeatureModule

    static func of<Module: FeatureModule>(_ type: Module.Type) -> ModuleDescription {
        ModuleDescription(
            id: Module.id, name: Module.name, templates: Module.templates, permissions: Module.permissions,
            demoSections: Module.demoSections, events: Module.events, archivableEvents: Module.archivableEvents,
            eventConsumers: Module.eventConsumers, make: { Module(context: $0) }
        )
    }
}

/// The modules of the running platform, checked together: template names unique (the
/// platform's own cannot be overridden), permissions declared once, module names unique.
public struct ModuleSet: Sendable {
    public let modules: [ModuleDescription]
    public let catalog: PermissionCatalog

    public struct Conflict: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ types: [any FeatureModule.Type]) throws {
        let modules = types.map { ModuleDescription.of($0) }
        var owners: [String: String] = [:]
        var names = Set<String>()
        for module in modules {
            guard names.insert(module.name).inserted else { throw Conflict(description: "two modules are named \(module.name)") }
            for name in module.templates.keys.sorted() {
                if PageRenderer.reservedTemplates.contains(name) {
                    throw Conflict(description: "module \(module.name) defines the template \(name), which is the platform's own")
                }
                if let owner = owners[name] {
                    throw Conflict(description: "the template \(name) is defined by both \(owner) and \(module.name)")
                }
                owners[name] = module.name
            }
        }
        var types = Set<String>()
        for event in modules.flatMap(\.events) where !types.insert(event.name).inserted {
            throw Conflict(description: "the event type \(event.name) is declared twice")
        }
        self.modules = modules
        catalog = try PermissionCatalog(modules.flatMap(\.permissions))
    }

    public var templates: [String: String] {
        modules.reduce(into: [:]) { all, module in all.merge(module.templates) { first, _ in first } }
    }

    /// Every event type, in the modules' order.
    public var eventTypes: [EventType] { modules.flatMap(\.events) }

    /// Every demo section some module reads.
    public var demoSections: Set<String> { Set(modules.flatMap(\.demoSections)) }

    /// The modules, made with `context`.
    /// Makes the modules, and installs those producing archivable records in the context.
    public func instantiate(_ context: ModuleContext) -> [(description: ModuleDescription, module: any FeatureModule)] {
        let made = modules.map { ($0, $0.make(context)) }
        context.archivables.install(made.map(\.1))
        context.citizenDocuments.install(made.lazy.compactMap { $0.1.citizenDocumentSource }.first)
        return made
    }

    /// Every event type some module declares archivable.
    public var archivableEvents: Set<String> { Set(modules.flatMap(\.archivableEvents)) }
    /// What modules consume of the event log (besides notifications, webhooks and the archive).
    public var eventConsumers: [EventConsumer] { modules.flatMap(\.eventConsumers) }
}
