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
        router.get("login") { request, context in
            if context.actor != nil { return Web.redirect("/") }
            let q = PageQuery(request)
            return loginPage(request: request, username: "", next: q.string("next", maxLength: 200), flash: q.string("bye") == "1" ? "loggedout" : nil)
        }
        router.post("login") { request, context in
            let form = try await WebForm.read(request)
            let username = form["username"], password = form.raw("password"), next = form["next"]
            var errors = FieldErrors()
            if username.isEmpty { errors.add("username", "请输入用户名") }
            if password.isEmpty { errors.add("password", "请输入密码") }
            if !errors.isEmpty { return loginPage(request: request, username: username, next: next, errors: errors) }
            let credential: IssuedCredential, actor: Actor
            do {
                (credential, actor) = try await throttle.attempt(context.clientAddress) {
                    try await store.users.login(username: String(username.prefix(64)), password: String(password.prefix(256)))
                }
            } catch let e as StoreError {
                errors.general.append(e.message)
                return loginPage(request: request, username: username, next: next, errors: errors, status: .unauthorized)
            } catch let e as APIError {
                errors.general.append(e.detail)
                return loginPage(request: request, username: username, next: next, errors: errors, status: e.status)
            } catch is PasswordCheckBusy {
                errors.general.append(UI.loginBusy)
                return loginPage(request: request, username: username, next: next, errors: errors, status: .serviceUnavailable)
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
            return Web.redirect(Self.safeNext(next), headers: headers)
        }
        router.post("logout") { _, context in
            if let token = context.credential?.token {
                try await store.users.revoke(token: token)
                await cache.remove(token)
            }
            var headers = HTTPFields()
            headers[.setCookie] = Session.cookie(token: "", maxAge: 0, secure: secureCookies)
            return Web.redirect("/login?bye=1", headers: headers)
        }
        officers.get("account/password") { request, context in
            let actor = context.actor
            return passwordPage(actor: actor, csrf: context.csrf, errors: FieldErrors(), flash: PageQuery(request).string("ok"))
        }
        officers.post("account/password") { request, context in
            let actor = context.actor
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let current = form.raw("current_password"), new = form.raw("new_password"), again = form.raw("new_password_again")
            if current.isEmpty { errors.add("current_password", "请输入当前密码") }
            if new.isEmpty { errors.add("new_password", "请输入新密码") }
            if new != again { errors.add("new_password_again", "两次输入的新密码不一致") }
            if errors.isEmpty {
                do {
                    try await store.users.changeOwnPassword(actor: actor, current: String(current.prefix(256)), new: String(new.prefix(256)))
                    if let id = actor.userID { await cache.remove(userID: id) }
                    // The password change ended every session, this one included: open a new one.
                    let (credential, fresh) = try await store.users.login(username: actor.username, password: new)
                    await cache.put(credential.token, actor: fresh, csrf: credential.csrf)
                    var headers = HTTPFields()
                    headers[.setCookie] = Session.cookie(token: credential.token, maxAge: Int(UserService.sessionLifetime / 1000), secure: secureCookies)
                    return Web.redirect("/account/password?ok=password", headers: headers)
                } catch let e as StoreError {
                    if case .invalid(let ps) = e {
                        for p in ps { errors.add(p.field == "password" ? "new_password" : p.field, p.reason) }
                    } else { errors.general.append(e.message) }
                }
            }
            return passwordPage(actor: actor, csrf: context.csrf, errors: errors, flash: nil, status: .unprocessableContent)
        }
    }

    /// Only paths on this site, never another host (`//evil.example`).
    static func safeNext(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.contains("\n"), !next.hasPrefix("/login") else { return "/" }
        return next
    }

    func loginPage(request: Request, username: String, next: String, errors: FieldErrors = FieldErrors(), flash: String? = nil,
                   status: HTTPResponse.Status = .ok) -> Response {
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        let flashHTML: HTML = Layout.flash(flash)
        let body: HTML = """
        \(flashHTML)
        \(Layout.formErrors(errors))
        <form method="post" action="/login" class="card">
        \(Layout.csrfField(token))
        <input type="hidden" name="next" value="\(next)">
        \(Layout.field("用户名", name: "username", value: username, error: errors["username"], required: true, autocomplete: "username"))
        \(Layout.field("密码", name: "password", type: "password", error: errors["password"], required: true, autocomplete: "current-password"))
        <button type="submit">登录</button>
        </form>
        <p class="muted">职工本人请前往 <a href="/my/">职工服务平台</a>。</p>
        """
        return Web.page(Layout.bare("工作人员登录", body), status: status, headers: headers)
    }

    func passwordPage(actor: Actor, csrf: String?, errors: FieldErrors, flash: String?, status: HTTPResponse.Status = .ok) -> Response {
        let body: HTML = """
        \(Layout.formErrors(errors))
        <form method="post" action="/account/password" class="card">
        \(Layout.csrfField(csrf))
        \(Layout.field("当前密码", name: "current_password", type: "password", error: errors["current_password"], required: true, autocomplete: "current-password"))
        \(Layout.field("新密码", name: "new_password", type: "password", error: errors["new_password"], hint: "至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类", required: true, autocomplete: "new-password"))
        \(Layout.field("再次输入新密码", name: "new_password_again", type: "password", error: errors["new_password_again"], required: true, autocomplete: "new-password"))
        <button type="submit">\(UI.save)</button>
        </form>
        """
        return Web.page(Layout.page(UI.navPassword, actor: actor, csrf: csrf, section: .account, flash: flash, body), status: status)
    }
}

/// The CSRF token of forms shown before signing in: a random value in a cookie and in the form
/// (double submit); a page from another site can read neither.
enum PreLogin {
    static func token(_ request: Request, secure: Bool) -> (String, HTTPFields) {
        if let existing = request.cookies[Web.preCookie]?.value, existing.count >= 16, existing.count <= 64 {
            return (existing, [:])
        }
        var g = SystemRandomNumberGenerator()
        let token = (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
        var headers = HTTPFields()
        headers[.setCookie] = Web.cookie(Web.preCookie, token, maxAge: 3600, secure: secure, sameSite: "Strict")
        return (token, headers)
    }
}
