import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The workers' portal at `/my/`: phone-sized first. A member activates an account with ID
/// number, the phone the union holds, and the union's activation code; then sees their
/// membership, updates their phone and asks for a transfer.
struct PortalPages {
    let store: Store
    let throttle: LoginThrottle
    let secureCookies: Bool

    /// The welcome, activation and sign-in pages on `router`; the worker's own pages
    /// on `workers`, which only a signed-in worker reaches.
    func register(on router: Router<AppRequestContext>, workers: RouterGroup<WorkerPageContext>) {
        registerAssistance(on: workers)
        registerDisputes(on: workers)
        registerMutualAid(on: workers)
        registerLoans(on: workers)
        registerCard(on: workers)
        registerGuestDisputes(on: router)
        router.get("my/", use: home)
        router.get("my/activate", use: activateForm)
        router.post("my/activate", use: activate)
        router.get("my/login", use: loginForm)
        router.post("my/login", use: login)
        router.post("my/logout", use: logout)
        workers.get("my/phone", use: phoneForm)
        workers.post("my/phone", use: updatePhone)
        workers.get("my/transfer", use: transferForm)
        let store = self.store
        workers.get("my/pick/orgs") { request, _ in try await OrgPicker.suggestions(request, store: store, actor: .system("portal"), reach: .network) }
        workers.post("my/transfer", use: requestTransfer)
    }

    // MARK: Signing in

    /// The worker's membership, or the welcome page for someone not signed in.
    func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let s = context.worker else { return Web.page(PortalViews.welcome()) }
        let model = try await MembershipPageModel.load(store, session: s.session, flash: PageQuery(request).string("ok"))
        return Web.page(PortalViews.membership(model))
    }

    func activateForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        activatePage(request, ActivationForm(), errors: FieldErrors())
    }

    func activate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = ActivationForm(try await WebForm.read(request))
        var errors = FieldErrors()
        guard let parsed = form.parse(into: &errors) else { return activatePage(request, form, errors: errors, status: .unprocessableContent) }
        do {
            let credential = try await store.portal.activate(idNumber: parsed.idNumber, phone: parsed.phone, code: parsed.code, password: parsed.password)
            try await endOldSession(request)
            return Web.redirect("/my/?ok=activated", headers: sessionCookie(credential))
        } catch let e as StoreError {
            if case .invalid(let ps) = e { for p in ps { errors.add(p.field, p.reason) } } else { errors.general.append(e.message) }
            return activatePage(request, form, errors: errors, status: .unprocessableContent)
        }
    }

    func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.worker != nil { return Web.redirect("/my/") }
        return loginPage(request, WorkerLoginForm(), errors: FieldErrors(), flash: PageQuery(request).string("bye") == "1" ? "loggedout" : nil)
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = WorkerLoginForm(try await WebForm.read(request))
        var errors = FieldErrors()
        guard let parsed = form.parse(into: &errors) else { return loginPage(request, form, errors: errors, status: .unprocessableContent) }
        do {
            let credential = try await throttle.attempt(context.clientAddress) {
                try await store.portal.login(idNumber: parsed.idNumber, password: parsed.password)
            }
            try await endOldSession(request)
            return Web.redirect("/my/", headers: sessionCookie(credential))
        } catch let e as StoreError {
            errors.general.append(e.message)
            return loginPage(request, form, errors: errors, status: .unauthorized)
        } catch let e as APIError {
            errors.general.append(e.detail)
            return loginPage(request, form, errors: errors, status: e.status)
        } catch is PasswordCheckBusy {
            errors.general.append(UI.loginBusy)
            return loginPage(request, form, errors: errors, status: .serviceUnavailable)
        }
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let s = context.worker { try await store.portal.logout(token: s.token) }
        var headers = HTTPFields()
        headers[.setCookie] = Web.cookie(Web.workerCookie, "", maxAge: 0, secure: secureCookies)
        return Web.redirect("/my/login?bye=1", headers: headers)
    }

    // MARK: Phone and transfer

    func phoneForm(_ request: Request, context: WorkerPageContext) async throws -> Response {
        Web.page(PortalViews.phone(try await PhonePageModel.load(store, session: context.worker.session)))
    }

    func updatePhone(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let s = context.worker.session
        let form = PhoneForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let phone = form.parse(into: &errors) {
            _ = try await store.portal.updatePhone(memberID: s.memberID, phone: phone)
            return Web.redirect("/my/?ok=phone")
        }
        let model = try await PhonePageModel.load(store, session: s, value: form.phone, errors: errors)
        return Web.page(PortalViews.phone(model), status: .unprocessableContent)
    }

    func transferForm(_ request: Request, context: WorkerPageContext) async throws -> Response {
        var model = try await TransferPageModel.load(store, session: context.worker.session)
        let query = PageQuery(request)
        model.query = query.string("q", maxLength: 50)
        // A union chosen from the search's results fills the form.
        model.form.toOrgCode = query.string("to", maxLength: 64)
        if !model.query.isEmpty {
            model.found = try await store.orgs.search(model.query, actor: .system("portal"), kind: .grassroots, limit: 10).filter { $0.status == .active }
        }
        return Web.page(PortalViews.transfer(model))
    }

    func requestTransfer(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let s = context.worker.session
        let form = TransferRequestForm(try await WebForm.read(request))
        var errors = FieldErrors()
        var choices: [OrgChoice] = []
        if var parsed = form.parse(into: &errors) {
            choices = try await OrgPicker.unitAnywhere.settle(&parsed.toOrgCode, field: "to_org_code", missing: UI.Portal.toOrgCodeMissing,
                                                              errors: &errors, store: store, actor: .system("portal"))
            if errors.isEmpty && choices.isEmpty {
                do {
                    _ = try await store.portal.requestTransfer(memberID: s.memberID, toOrgCode: parsed.toOrgCode, reason: parsed.reason)
                    return Web.redirect("/my/?ok=transfer")
                } catch let e as StoreError { errors.add(e, fields: ["to_org_code"]) }
            }
        }
        var model = try await TransferPageModel.load(store, session: s)
        model.form = form
        model.errors = errors
        model.choices = choices
        return Web.page(PortalViews.transfer(model), status: .unprocessableContent)
    }

    // MARK: Helpers

    func activatePage(_ request: Request, _ form: ActivationForm, errors: FieldErrors, status: HTTPResponse.Status = .ok) -> Response {
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        return Web.page(PortalViews.activate(ActivatePageModel(csrf: token, values: form.values, errors: errors)), status: status, headers: headers)
    }

    func loginPage(_ request: Request, _ form: WorkerLoginForm, errors: FieldErrors, flash: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        return Web.page(PortalViews.login(WorkerLoginPageModel(csrf: token, idNumber: form.idNumber, errors: errors, flash: flash)), status: status, headers: headers)
    }

    /// Signs out the session a new sign-in replaces.
    func endOldSession(_ request: Request) async throws {
        if let old = request.cookies[Web.workerCookie]?.value, !old.isEmpty { try? await store.portal.logout(token: old) }
    }

    func sessionCookie(_ credential: IssuedCredential) -> HTTPFields {
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: Web.cookie(Web.workerCookie, credential.token, maxAge: Int(PortalService.sessionLifetime / 1000), secure: secureCookies)))
        headers.append(HTTPField(name: .setCookie, value: Web.cookie(Web.preCookie, "", maxAge: 0, secure: secureCookies)))
        return headers
    }
}
