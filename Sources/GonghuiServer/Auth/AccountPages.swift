import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Login, logout and changing one's password.
struct AccountPages {
    let store: Store
    let cache: TokenCache
    let throttle: LoginThrottle
    let secureCookies: Bool

    /// Signing in and out on `router`; changing one's password on `officers`.
    func register(on router: Router<AppRequestContext>, officers: RouterGroup<OfficerPageContext>) {
        router.get("login", use: loginForm)
        router.post("login", use: login)
        router.post("logout", use: logout)
        officers.get("account/password", use: passwordForm)
        officers.post("account/password", use: changePassword)
    }

    func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.actor != nil { return Web.redirect("/") }
        let q = PageQuery(request)
        let form = LoginForm(username: "", next: q.string("next", maxLength: 200))
        return loginPage(request, LoginPageModel(form: form, flash: q.string("bye") == "1" ? "loggedout" : nil))
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = LoginForm(try await WebForm.read(request))
        var errors = FieldErrors()
        guard let typed = form.parse(into: &errors) else { return loginPage(request, LoginPageModel(form: form, errors: errors)) }
        let credential: IssuedCredential, actor: Actor
        do {
            (credential, actor) = try await throttle.attempt(context.clientAddress) {
                try await store.users.login(username: typed.username, password: typed.password)
            }
        } catch let e as StoreError {
            errors.general.append(e.message)
            return loginPage(request, LoginPageModel(form: form, errors: errors), status: .unauthorized)
        } catch let e as APIError {
            errors.general.append(e.detail)
            return loginPage(request, LoginPageModel(form: form, errors: errors), status: e.status)
        } catch is PasswordCheckBusy {
            errors.general.append(UI.loginBusy)
            return loginPage(request, LoginPageModel(form: form, errors: errors), status: .serviceUnavailable)
        }
        // Session fixation: whatever session the browser came with ends here; the new
        // login always gets a fresh token.
        if let old = request.cookies[Session.cookieName]?.value, !old.isEmpty {
            try? await store.users.revoke(token: old)
            await cache.remove(old)
        }
        await cache.put(credential.token, actor: actor, csrf: credential.csrf)
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: Session.cookie(token: credential.token, maxAge: Int(UserService.sessionLifetime / 1000), secure: secureCookies)))
        headers.append(HTTPField(name: .setCookie, value: Web.cookie(Web.preCookie, "", maxAge: 0, secure: secureCookies)))
        return Web.redirect(Self.safeNext(form.next), headers: headers)
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = context.credential?.token {
            try await store.users.revoke(token: token)
            await cache.remove(token)
        }
        var headers = HTTPFields()
        headers[.setCookie] = Session.cookie(token: "", maxAge: 0, secure: secureCookies)
        return Web.redirect("/login?bye=1", headers: headers)
    }

    func passwordForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        passwordPage(PasswordPageModel(errors: FieldErrors(), csrf: context.csrf, flash: PageQuery(request).string("ok")), context: context)
    }

    func changePassword(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let form = PasswordForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let typed = form.parse(into: &errors) {
            do {
                try await store.users.changeOwnPassword(actor: actor, current: typed.current, new: typed.new)
                if let id = actor.userID { await cache.remove(userID: id) }
                // The password change ended every session, this one included: open a new one.
                let (credential, fresh) = try await store.users.login(username: actor.username, password: form.new)
                await cache.put(credential.token, actor: fresh, csrf: credential.csrf)
                var headers = HTTPFields()
                headers[.setCookie] = Session.cookie(token: credential.token, maxAge: Int(UserService.sessionLifetime / 1000), secure: secureCookies)
                return Web.redirect("/account/password?ok=password", headers: headers)
            } catch let e as StoreError {
                errors.add(e, renaming: ["password": "new_password"])
            }
        }
        return passwordPage(PasswordPageModel(errors: errors, csrf: context.csrf, flash: nil), context: context, status: .unprocessableContent)
    }

    /// Only paths on this site, never another host (`//evil.example`).
    static func safeNext(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.contains("\n"), !next.hasPrefix("/login") else { return "/" }
        return next
    }

    /// The login page, with the CSRF token of forms shown before signing in (set as a cookie when new).
    func loginPage(_ request: Request, _ model: LoginPageModel, status: HTTPResponse.Status = .ok) -> Response {
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        var model = model
        model.csrf = token
        return Web.page(Layout.bare(UI.Auth.loginTitle, AccountViews.login(model)), status: status, headers: headers)
    }

    func passwordPage(_ model: PasswordPageModel, context: OfficerPageContext, status: HTTPResponse.Status = .ok) -> Response {
        Web.page(Layout.page(UI.navPassword, actor: context.actor, csrf: context.csrf, section: .account, flash: model.flash, AccountViews.password(model)),
                 status: status)
    }
}

private extension FieldErrors {
    /// Files the store's problems with a password change, under the form's names for its fields.
    mutating func add(_ error: StoreError, renaming names: [String: String]) {
        if case .invalid(let problems) = error {
            for p in problems { add(names[p.field] ?? p.field, p.reason) }
        } else {
            general.append(error.message)
        }
    }
}
