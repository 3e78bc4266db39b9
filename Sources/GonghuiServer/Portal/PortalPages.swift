import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The workers' portal (职工服务平台) at `/my/`: phone-sized first. A member activates an
/// account with ID number, the phone the union holds, and the union's activation code; then
/// sees their membership, updates their phone and asks for a transfer.
struct PortalPages {
    let store: Store
    let throttle: LoginThrottle
    let secureCookies: Bool

    func sessionCookie(_ credential: IssuedCredential) -> HTTPFields {
        var headers = HTTPFields()
        headers.append(HTTPField(name: .setCookie, value: Web.cookie(Web.workerCookie, credential.token, maxAge: Int(PortalService.sessionLifetime / 1000), secure: secureCookies)))
        headers.append(HTTPField(name: .setCookie, value: Web.cookie(Web.preCookie, "", maxAge: 0, secure: secureCookies)))
        return headers
    }

    /// The welcome, activation, sign-in and sign-out pages on `router`; the worker's own pages
    /// on `workers`, which only a signed-in worker reaches.
    func register(on router: Router<AppRequestContext>, workers: RouterGroup<WorkerPageContext>) {
        registerAssistance(on: workers)
        router.get("my/") { request, context in
            guard let s = context.worker else { return welcome() }
            let m = try await store.portal.membership(memberID: s.session.memberID)
            let grants = try await store.assistance.grants(memberID: s.session.memberID).map(\.0)
            return Web.page(page("我的会籍", member: m.member, csrf: s.session.csrf, flash: PageQuery(request).string("ok"), home(m, grants: grants, csrf: s.session.csrf)))
        }
        router.get("my/activate") { request, _ in
            activatePage(request, values: [:], errors: FieldErrors())
        }
        router.post("my/activate") { request, _ in
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let id = errors.parse("id_number", form["id_number"], missing: "请填写身份证号") { try IDNumber($0) }
            let phone = errors.parse("phone", form["phone"], missing: "请填写手机号") { try PhoneNumber($0) }
            if form["code"].isEmpty { errors.add("code", "请填写工会提供的激活码") }
            if form.raw("password").isEmpty { errors.add("password", "请设置密码") }
            if form.raw("password") != form.raw("password_again") { errors.add("password_again", "两次输入的密码不一致") }
            let values = ["id_number": form["id_number"], "phone": form["phone"], "code": form["code"]]
            guard let id, let phone, errors.isEmpty else { return activatePage(request, values: values, errors: errors, status: .unprocessableContent) }
            do {
                let credential = try await store.portal.activate(idNumber: id, phone: phone, code: String(form["code"].prefix(40)), password: String(form.raw("password").prefix(256)))
                if let old = request.cookies[Web.workerCookie]?.value, !old.isEmpty { try? await store.portal.logout(token: old) }
                return Web.redirect("/my/?ok=activated", headers: sessionCookie(credential))
            } catch let e as StoreError {
                if case .invalid(let ps) = e { for p in ps { errors.add(p.field, p.reason) } } else { errors.general.append(e.message) }
                return activatePage(request, values: values, errors: errors, status: .unprocessableContent)
            }
        }
        router.get("my/login") { request, context in
            if context.worker != nil { return Web.redirect("/my/") }
            return loginPage(request, idText: "", errors: FieldErrors(), flash: PageQuery(request).string("bye") == "1" ? "loggedout" : nil)
        }
        router.post("my/login") { request, context in
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let id = errors.parse("id_number", form["id_number"], missing: "请填写身份证号") { try IDNumber($0) }
            if form.raw("password").isEmpty { errors.add("password", "请输入密码") }
            guard let id, errors.isEmpty else { return loginPage(request, idText: form["id_number"], errors: errors, status: .unprocessableContent) }
            do {
                let credential = try await throttle.attempt(context.clientAddress) {
                    try await store.portal.login(idNumber: id, password: String(form.raw("password").prefix(256)))
                }
                if let old = request.cookies[Web.workerCookie]?.value, !old.isEmpty { try? await store.portal.logout(token: old) }
                return Web.redirect("/my/", headers: sessionCookie(credential))
            } catch let e as StoreError {
                errors.general.append(e.message)
                return loginPage(request, idText: form["id_number"], errors: errors, status: .unauthorized)
            } catch let e as APIError {
                errors.general.append(e.detail)
                return loginPage(request, idText: form["id_number"], errors: errors, status: e.status)
            } catch is PasswordCheckBusy {
                errors.general.append(UI.loginBusy)
                return loginPage(request, idText: form["id_number"], errors: errors, status: .serviceUnavailable)
            }
        }
        router.post("my/logout") { _, context in
            if let s = context.worker { try await store.portal.logout(token: s.token) }
            var headers = HTTPFields()
            headers[.setCookie] = Web.cookie(Web.workerCookie, "", maxAge: 0, secure: secureCookies)
            return Web.redirect("/my/login?bye=1", headers: headers)
        }
        workers.get("my/phone") { request, context in
            let s = context.worker
            let m = try await store.portal.membership(memberID: s.session.memberID).member
            return Web.page(page("更新手机号", member: m, csrf: s.session.csrf, phoneForm(m, value: "", errors: FieldErrors(), csrf: s.session.csrf)))
        }
        workers.post("my/phone") { request, context in
            let s = context.worker
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            do {
                let phone = try PhoneNumber(form["phone"])
                _ = try await store.portal.updatePhone(memberID: s.session.memberID, phone: phone)
                return Web.redirect("/my/?ok=phone")
            } catch let e as PhoneNumberError {
                errors.add("phone", form["phone"].isEmpty ? "请填写新的手机号" : e.message)
            }
            let m = try await store.portal.membership(memberID: s.session.memberID).member
            return Web.page(page("更新手机号", member: m, csrf: s.session.csrf, phoneForm(m, value: form["phone"], errors: errors, csrf: s.session.csrf)), status: .unprocessableContent)
        }
        workers.get("my/transfer") { request, context in
            let s = context.worker
            let m = try await store.portal.membership(memberID: s.session.memberID).member
            let q = PageQuery(request).string("q", maxLength: 50)
            let found = q.isEmpty ? [] : try await store.orgs.search(q, actor: .system("portal"), kind: .grassroots, limit: 10).filter { $0.status == .active }
            return Web.page(page("申请会籍转接", member: m, csrf: s.session.csrf, transferForm(m, query: q, found: found, to: "", reason: "", errors: FieldErrors(), csrf: s.session.csrf)))
        }
        workers.post("my/transfer") { request, context in
            let s = context.worker
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let to = form["to_org_code"], reason = String(form["reason"].prefix(500))
            if to.isEmpty { errors.add("to_org_code", "请填写新单位工会的组织代码") }
            if errors.isEmpty {
                do {
                    _ = try await store.portal.requestTransfer(memberID: s.session.memberID, toOrgCode: to, reason: reason)
                    return Web.redirect("/my/?ok=transfer")
                } catch let e as StoreError { errors.add(e, fields: ["to_org_code"]) }
            }
            let m = try await store.portal.membership(memberID: s.session.memberID).member
            return Web.page(page("申请会籍转接", member: m, csrf: s.session.csrf, transferForm(m, query: "", found: [], to: to, reason: reason, errors: errors, csrf: s.session.csrf)),
                            status: .unprocessableContent)
        }
    }

    // MARK: Pages

    func page(_ title: String, member: Member, csrf: String, flash: String? = nil, _ body: HTML) -> HTML {
        let own = flash.flatMap { Self.assistanceFlash[$0] }
        let flashHTML: HTML = own.map { "<p class=\"flash\" role=\"status\">\($0)</p>" } ?? Layout.flash(flash)
        return """
        \(Layout.head(title + " - " + UI.portalName))
        <body class="portal">
        <a class="skip" href="#main">\(UI.skipToContent)</a>
        <header class="top">
          <div class="bar"><a class="brand" href="/my/">\(UI.portalName)</a>
            <div class="who"><span class="user">\(member.name)</span>
            <form method="post" action="/my/logout" class="inline">\(Layout.csrfField(csrf))<button type="submit" class="link">\(UI.logout)</button></form></div>
          </div>
          <nav aria-label="主导航"><ul><li><a href="/my/">我的会籍</a></li><li><a href="/my/assistance">帮扶</a></li><li><a href="/my/phone">更新手机号</a></li><li><a href="/my/transfer">申请转会</a></li></ul></nav>
        </header>
        <main id="main" tabindex="-1">
        \(flashHTML)
        <h1>\(title)</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    func welcome() -> Response {
        Web.page(Layout.bare("职工服务平台", portal: true, """
        <p>工会会员可在这里查看自己的会籍、更新手机号、申请会籍转接，申请帮扶并查看办理进度。</p>
        <div class="actions"><a class="button" href="/my/login">登录</a><a class="button secondary" href="/my/activate">首次使用：开通账号</a></div>
        <p class="muted">开通账号需要身份证号、在工会登记的手机号和工会提供的激活码。工会工作人员请前往 <a href="/login">工作人员登录</a>。</p>
        """))
    }

    func activatePage(_ request: Request, values: [String: String], errors: FieldErrors, status: HTTPResponse.Status = .ok) -> Response {
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        let body: HTML = """
        \(Layout.formErrors(errors))
        <form method="post" action="/my/activate" class="card">
        \(Layout.csrfField(token))
        \(Layout.field("身份证号", name: "id_number", value: values["id_number"] ?? "", error: errors["id_number"], required: true, autocomplete: "off"))
        \(Layout.field("手机号", name: "phone", value: values["phone"] ?? "", type: "tel", error: errors["phone"], hint: "在工会登记的手机号", required: true, autocomplete: "tel"))
        \(Layout.field("激活码", name: "code", value: values["code"] ?? "", error: errors["code"], hint: "由所在工会生成，10 位字母和数字", required: true, autocomplete: "one-time-code"))
        \(Layout.field("设置密码", name: "password", type: "password", error: errors["password"], hint: "至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类", required: true, autocomplete: "new-password"))
        \(Layout.field("再次输入密码", name: "password_again", type: "password", error: errors["password_again"], required: true, autocomplete: "new-password"))
        <button type="submit">开通账号</button>
        </form>
        <p><a href="/my/login">已有账号？登录</a></p>
        """
        return Web.page(Layout.bare("开通职工服务账号", portal: true, body), status: status, headers: headers)
    }

    func loginPage(_ request: Request, idText: String, errors: FieldErrors, flash: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let (token, headers) = PreLogin.token(request, secure: secureCookies)
        let flashHTML: HTML = Layout.flash(flash)
        let body: HTML = """
        \(flashHTML)
        \(Layout.formErrors(errors))
        <form method="post" action="/my/login" class="card">
        \(Layout.csrfField(token))
        \(Layout.field("身份证号", name: "id_number", value: idText, error: errors["id_number"], required: true, autocomplete: "username"))
        \(Layout.field("密码", name: "password", type: "password", error: errors["password"], required: true, autocomplete: "current-password"))
        <button type="submit">登录</button>
        </form>
        <p><a href="/my/activate">首次使用？开通账号</a></p>
        """
        return Web.page(Layout.bare("职工登录", portal: true, body), status: status, headers: headers)
    }

    func home(_ w: WorkerMembership, grants: [Grant], csrf: String) -> HTML {
        let m = w.member
        let events = w.history.reversed().map { e -> HTML in
            "<li><strong>\(e.onDate.iso)</strong> \(e.kind.label)：\(e.detail)</li>"
        }
        let open = w.transfers.first { $0.state == .processing }
        let transferNote: HTML = open.map { t in
            "<div class=\"notice\" role=\"status\"><p>会籍转接办理中：由 \(t.fromOrgName) 转至 \(t.toOrgName)。转出工会：\(t.outgoing.label)；转入工会：\(t.incoming.label)。</p></div>"
        } ?? .empty
        let inProgress = grants.filter { ![.paid, .rejected].contains($0.state) }.count
        let assistanceNote: String = inProgress > 0 ? "您有 \(inProgress) 项帮扶申请正在办理，可在“我的申请”查看进度。"
            : "困难职工家庭可以在线申请送温暖、金秋助学等帮扶，并查看办理进度和发放情况。"
        return """
        \(transferNote)
        <section class="card" aria-labelledby="h-m"><h2 id="h-m">会籍信息</h2>
        <dl class="fields">
        <dt>姓名</dt><dd>\(m.name)</dd>
        <dt>所在工会</dt><dd>\(m.orgName)</dd>
        <dt>会员状态</dt><dd>\(MemberPages.statusTag(m.status))</dd>
        <dt>入会日期</dt><dd>\(m.joinedOn.iso)</dd>
        <dt>身份证号</dt><dd>\(m.idNumberMasked)</dd>
        <dt>手机号</dt><dd>\(m.phoneMasked ?? UI.none) <a href="/my/phone">更新</a></dd>
        <dt>会员卡号</dt><dd>\(m.cardNumber ?? UI.none)</dd>
        </dl></section>
        <section class="card" aria-labelledby="h-h"><h2 id="h-h">会籍记录</h2><ul>\(events)</ul></section>
        <section class="card" aria-labelledby="h-a"><h2 id="h-a">帮扶</h2>
        <p>\(assistanceNote)</p>
        <div class="actions"><a class="button" href="/my/assistance">申请帮扶</a><a class="button secondary" href="/my/assistance/grants">我的申请</a></div>
        </section>
        <section class="placeholder" aria-labelledby="h-s"><h2 id="h-s">更多服务</h2>
        <p>以下服务即将在本平台开通，届时可在线申请并查看办理进度：</p>
        <ul><li>劳动争议调解</li></ul>
        <p>目前如需办理，请联系 \(m.orgName)。</p>
        </section>
        """
    }

    func phoneForm(_ m: Member, value: String, errors: FieldErrors, csrf: String) -> HTML {
        """
        \(Layout.formErrors(errors))
        <p>工会登记的手机号：\(m.phoneMasked ?? "未登记")</p>
        <form method="post" action="/my/phone" class="card">
        \(Layout.csrfField(csrf))
        \(Layout.field("新的手机号", name: "phone", value: value, type: "tel", error: errors["phone"], required: true, autocomplete: "tel"))
        <button type="submit">\(UI.save)</button>
        </form>
        """
    }

    func transferForm(_ m: Member, query: String, found: [Organization], to: String, reason: String, errors: FieldErrors, csrf: String) -> HTML {
        let rows = found.map { o -> HTML in "<li>\(o.name)：代码 <strong>\(o.code)</strong></li>" }
        return """
        <p>您现在是 \(m.orgName) 的会员。工作单位变动后，可申请把会籍转到新单位的工会；转出和转入工会先后审核同意后生效。</p>
        <form method="get" action="/my/transfer" class="search card" role="search">
        \(Layout.field("查找新单位的工会", name: "q", value: query, type: "search", hint: "输入工会名称中的字词"))
        <button type="submit" class="secondary">\(UI.search)</button>
        </form>
        \(query.isEmpty ? HTML.empty : found.isEmpty ? HTML("<p>没有找到名称包含“\(query)”的基层工会。</p>") : "<ul>\(rows)</ul>")
        \(Layout.formErrors(errors))
        <form method="post" action="/my/transfer" class="card">
        \(Layout.csrfField(csrf))
        \(Layout.field("新单位工会的组织代码", name: "to_org_code", value: to, error: errors["to_org_code"], required: true))
        \(Layout.textarea("申请原因", name: "reason", value: reason, hint: "例如：调动工作"))
        <button type="submit">提交申请</button>
        </form>
        """
    }
}
