import Hummingbird
import Logging
import Tenancy

/// The context every request starts with: its id, and which member (or the console) its
/// `Host` resolved to. Resolution happens in `HostResolutionMiddleware`.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Echoed in `X-Request-Id`, in logs and in problem documents.
    public var requestID: String
    public var resolution: TenantDirectory.Resolution?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
        resolution = nil
    }

    /// Bodies larger than this are refused with 413 before they are decoded.
    public var maxUploadSize: Int { 1024 * 1024 }
}
