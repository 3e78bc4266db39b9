import Foundation
import GonghuiDomain
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

/// A worker signed in to the portal: the session and the token that names it (to end it).
public struct SignedInWorker: Sendable {
    public var session: WorkerSession
    public var token: String
}

/// What every context of this server carries, whoever is signed in.
protocol GonghuiRequestContext: RequestContext {
    var requestID: String { get }
    /// The peer's IP address, when the connection has one.
    var remoteAddress: String? { get }
}

/// The request context of every route: the request id and, once the auth middleware has run,
/// the signed-in actor (if any). Routes that need one take ``APIOfficerContext``,
/// ``OfficerPageContext`` or ``WorkerPageContext``, made from this one.
public struct AppRequestContext: RequestContext, GonghuiRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    public var actor: Actor?
    public var credential: Credential?
    public var csrf: String?
    /// A cookie-authenticated unsafe request without the session's CSRF token.
    public var csrfRejected = false
    /// The worker's portal session, resolved by ``WebMiddleware`` for requests under `/my/`.
    public var worker: SignedInWorker?

    /// The peer's IP address, when the connection has one.
    public var remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies of this API are small forms: 256 KiB is generous for any of them. Routes
    /// that take more say so (a bank's results file, a paper), each with its own limit.
    public static let maxJSONBody = 256 << 10
    /// The bank's results of a batch of up to 100,000 payments.
    public static let maxBankResultsBody = 16 << 20
    public var maxUploadSize: Int { Self.maxJSONBody }
}
