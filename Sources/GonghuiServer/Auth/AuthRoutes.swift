import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// Login, logout, the signed-in user, and changing one's own password.
struct AuthRoutes {
    let store: Store
    let cache: TokenCache
    let throttle: LoginThrottle
    let secureCookies: Bool

    /// Signing in on `api`; the rest on `officers`, which only a signed-in user reaches.
    func register(on api: RouterGroup<AppRequestContext>, officers: RouterGroup<APIOfficerContext>) {
        api.post("auth/login") { request, context in try await login(request, context) }
        officers.post("auth/logout") { request, context in try await logout(request, context) }
        officers.get("me") { _, context in
            let actor = context.actor
            return try JSONResponse.make(API.Me(user: API.User(actor), roleLabel: actor.role.label,
                                                permissions: API.Permissions(actor.role), csrfToken: context.csrf))
        }
        officers.post("me/password") { request, context in try await changePassword(request, context) }
    }

    func login(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var body = try await BodyReader.read(request, context: context)
        let username = body.string("username", required: true, maxLength: 64)
        let password = body.string("password", required: true, maxLength: 256)
        try body.check()
        let (credential, actor) = try await throttle.attempt(context.clientAddress) { try await store.users.login(username: username!, password: password!) }
        await cache.put(credential.token, actor: actor, csrf: credential.csrf)
        let expires = Date(timeIntervalSince1970: Double(credential.expiresAt) / 1000)
        var headers = HTTPFields()
        headers[.setCookie] = Session.cookie(token: credential.token, maxAge: Int(UserService.sessionLifetime / 1000), secure: secureCookies)
        headers[.cacheControl] = "no-store"
        return try JSONResponse.make(
            API.Login(token: credential.token, csrfToken: credential.csrf, expiresAt: expires, user: API.User(actor)),
            headers: headers)
    }

    func logout(_ request: Request, _ context: APIOfficerContext) async throws -> Response {
        let token = context.credential.token
        try await store.users.revoke(token: token)
        await cache.remove(token)
        var headers = HTTPFields()
        headers[.setCookie] = Session.cookie(token: "", maxAge: 0, secure: secureCookies)
        return JSONResponse.noContent(headers: headers)
    }

    func changePassword(_ request: Request, _ context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var body = try await BodyReader.read(request, context: context)
        let current = body.string("currentPassword", required: true, maxLength: 256)
        let new = body.string("newPassword", required: true, maxLength: 256)
        try body.check()
        do {
            try await store.users.changeOwnPassword(actor: actor, current: current!, new: new!)
        } catch StoreError.invalid(let problems) {
            // The store names the new password "password"; this request calls it newPassword.
            throw StoreError.invalid(problems.map { p in
                var p = p
                if p.field == "password" { p.field = "newPassword" }
                return p
            })
        }
        if let id = actor.userID { await cache.remove(userID: id) }
        return JSONResponse.noContent()
    }
}
