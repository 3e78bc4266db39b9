import Foundation
import GonghuiDomain
import Hummingbird

// The contexts of routes that need someone signed in. Each is made from the application's
// context after its middleware has resolved the caller (`Router.group(context:)`), and its
// initializer refuses to exist without one: a route registered on such a group cannot reach its
// handler anonymously, and a handler cannot forget to check, because there is nothing left to
// check — `actor` and `worker` are not optional.

/// A JSON API route (`/api/v1/…`) that needs a user.
struct APIOfficerContext: ChildRequestContext, GonghuiRequestContext {
    var coreContext: CoreRequestContextStorage
    let actor: Actor
    let credential: Credential
    let csrf: String?
    let requestID: String
    let remoteAddress: String?

    /// 401 without a user; 403 for a cookie-authenticated unsafe request without the session's
    /// CSRF token (found by ``AuthMiddleware``, refused here so that sign-in stays usable from a
    /// browser that still carries an old session cookie).
    init(context: AppRequestContext) throws {
        guard let actor = context.actor, let credential = context.credential else { throw APIError.unauthenticated }
        if context.csrfRejected { throw APIError.csrf }
        coreContext = context.coreContext
        self.actor = actor
        self.credential = credential
        csrf = context.csrf
        requestID = context.requestID
        remoteAddress = context.remoteAddress
    }

    var maxUploadSize: Int { AppRequestContext.maxJSONBody }
}

/// A page of the officers' console. ``WebMiddleware`` has already refused a form without the
/// session's CSRF token.
struct OfficerPageContext: ChildRequestContext, GonghuiRequestContext {
    var coreContext: CoreRequestContextStorage
    let actor: Actor
    let credential: Credential
    let csrf: String?
    let requestID: String
    let remoteAddress: String?

    /// Without a signed-in officer: off to the console's login page.
    init(context: AppRequestContext) throws {
        guard let actor = context.actor, let credential = context.credential else { throw WebError.login(portal: false) }
        coreContext = context.coreContext
        self.actor = actor
        self.credential = credential
        csrf = context.csrf
        requestID = context.requestID
        remoteAddress = context.remoteAddress
    }

    var maxUploadSize: Int { AppRequestContext.maxJSONBody }
}

/// A page of the workers' portal (`/my/…`) that needs a signed-in worker.
struct WorkerPageContext: ChildRequestContext, GonghuiRequestContext {
    var coreContext: CoreRequestContextStorage
    let worker: SignedInWorker
    let requestID: String
    let remoteAddress: String?

    /// Without a worker's session: off to the portal's login page.
    init(context: AppRequestContext) throws {
        guard let worker = context.worker else { throw WebError.login(portal: true) }
        coreContext = context.coreContext
        self.worker = worker
        requestID = context.requestID
        remoteAddress = context.remoteAddress
    }

    var maxUploadSize: Int { AppRequestContext.maxJSONBody }
}
