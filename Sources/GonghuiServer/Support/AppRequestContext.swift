import Foundation
import GonghuiStore
import Hummingbird
import Logging

/// How the caller proved who they are.
public enum Credential: Sendable, Equatable {
    /// `Authorization: Bearer …`: API clients; exempt from CSRF checks (browsers never send it on their own).
    case bearer(String)
    /// The `gonghui_session` cookie: browsers; unsafe methods need the session's CSRF token.
    case cookie(String)

    public var token: String {
        switch self {
        case .bearer(let t), .cookie(let t): t
        }
    }
}

/// The request context of every route: the request id and, once the auth middleware has run,
/// the signed-in actor (if any).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    public var actor: Actor?
    public var credential: Credential?
    public var csrf: String?
    /// A cookie-authenticated unsafe request without the session's CSRF token.
    public var csrfRejected = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Request bodies of this API are small forms; 1 MiB is generous.
    public var maxUploadSize: Int { 1 << 20 }

    /// The signed-in actor, or a 401 problem.
    func requireActor() throws -> Actor {
        guard let actor else { throw APIError.unauthenticated }
        if csrfRejected { throw APIError.csrf }
        return actor
    }
}
