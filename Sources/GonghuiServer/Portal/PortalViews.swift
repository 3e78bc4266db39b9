import Foundation
import GonghuiDomain

/// The portal's frame, its pages before signing in, and the worker's membership, phone and
/// transfer pages.
enum PortalViews {
    typealias P = UI.Portal

    /// A page of a signed-in worker: phone-sized, with the portal's own navigation.
    static func page(_ frame: WorkerFrame, _ body: HTML) -> HTML {
        let own = frame.flash.flatMap { P.flash[$0] }
        let flashHTML: HTML = own.map { "<p class=\"flash\" role=\"status\">\($0)</p>" } ?? Layout.flash(frame.flash)
        return """
        \(Layout.head(frame.title + " - " + UI.portalName))
        <body class="portal">
        <a class="skip" href="#main">\(UI.skipToContent)</a>
        <header class="top">
          <div class="bar"><a class="brand" href="/my/">\(UI.portalName)</a>
            <div class="who"><span class="user">\(frame.member.name)</span>
            <form method="post" action="/my/logout" class="inline">\(Layout.csrfField(frame.csrf))<button type="submit" class="link">\(UI.logout)</button></form></div>
          </div>
          <nav aria-label="\(P.mainNavigation)">\(navigation)</nav>
        </header>
        <main id="main" tabindex="-1">
        \(flashHTML)
        <h1>\(frame.title)</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    static var navigation: HTML {
        "<ul><li><a href=\"/my/\">\(P.navMembership)</a></li><li><a href=\"/my/assistance\">\(UI.navHardship)</a></li><li><a href=\"/my/phone\">\(P.navPhone)</a></li><li><a href=\"/my/transfer\">\(P.navTransfer)</a></li><li><a href=\"/my/disputes\">\(UI.PortalDisputes.nav)</a></li><li><a href=\"/my/mutual-aid\">\(UI.PortalMutualAid.nav)</a></li><li><a href=\"/my/loans\">\(UI.PortalLoans.nav)</a></li><li><a href=\"/my/card\">\(UI.PortalCard.nav)</a></li><li><a href=\"/my/inbox\">\(UI.Inbox.nav)</a></li></ul>"
    }

    // MARK: Before signing in

    static func welcome() -> HTML {
        Layout.bare(UI.portalName, portal: true, """
        <p>\(P.welcome)</p>
        <div class="actions"><a class="button" href="/my/login">\(P.login)</a><a class="button secondary" href="/my/activate">\(P.firstTimeActivate)</a></div>
        <p class="muted">\(P.welcomeNote(staffLogin: "<a href=\"/login\">\(P.staffLogin)</a>"))</p>
        <p><a href="/my/disputes/guest">\(UI.PortalDisputes.guestLink)</a> · <a href="/my/disputes/track">\(UI.PortalDisputes.trackLink)</a></p>
        """)
    }

    static func activate(_ m: ActivatePageModel) -> HTML {
        let v = m.values, errors = m.errors
        let body: HTML = """
        \(Layout.formErrors(errors))
        <form method="post" action="/my/activate" class="card">
        \(Layout.csrfField(m.csrf))
        \(Layout.field(P.idNumber, name: "id_number", value: v["id_number"] ?? "", error: errors["id_number"], required: true, autocomplete: "off"))
        \(Layout.field(P.phone, name: "phone", value: v["phone"] ?? "", type: "tel", error: errors["phone"], hint: P.phoneHint, required: true, autocomplete: "tel"))
        \(Layout.field(P.code, name: "code", value: v["code"] ?? "", error: errors["code"], hint: P.codeHint, required: true, autocomplete: "one-time-code"))
        \(Layout.field(P.setPassword, name: "password", type: "password", error: errors["password"], hint: P.passwordHint, required: true, autocomplete: "new-password"))
        \(Layout.field(P.passwordAgain, name: "password_again", type: "password", error: errors["password_again"], required: true, autocomplete: "new-password"))
        <button type="submit">\(P.activate)</button>
        </form>
        <p><a href="/my/login">\(P.haveAccount)</a></p>
        """
        return Layout.bare(P.activateTitle, portal: true, body)
    }

    static func login(_ m: WorkerLoginPageModel) -> HTML {
        let flashHTML: HTML = Layout.flash(m.flash)
        let body: HTML = """
        \(flashHTML)
        \(Layout.formErrors(m.errors))
        <form method="post" action="/my/login" class="card">
        \(Layout.csrfField(m.csrf))
        \(Layout.field(P.idNumber, name: "id_number", value: m.idNumber, error: m.errors["id_number"], required: true, autocomplete: "username"))
        \(Layout.field(P.password, name: "password", type: "password", error: m.errors["password"], required: true, autocomplete: "current-password"))
        <button type="submit">\(P.login)</button>
        </form>
        <p><a href="/my/activate">\(P.firstTimeQuestion)</a></p>
        """
        return Layout.bare(P.loginTitle, portal: true, body)
    }

    // MARK: The worker's membership

    static func membership(_ model: MembershipPageModel) -> HTML {
        let w = model.membership
        let transferNote: HTML = model.openTransfer.map { t in
            let note = P.transferInProgress(from: t.fromOrgName, to: t.toOrgName, outgoing: t.outgoing.label, incoming: t.incoming.label)
            return "<div class=\"notice\" role=\"status\"><p>\(note)</p></div>"
        } ?? .empty
        let assistanceNote = model.assistanceInProgress > 0 ? P.assistanceInProgress(model.assistanceInProgress) : P.assistanceInvitation
        return page(model.frame, """
        \(transferNote)
        \(memberFacts(w.member))
        \(history(w.history))
        <section class="card" aria-labelledby="h-a"><h2 id="h-a">\(P.assistance)</h2>
        <p>\(assistanceNote)</p>
        <div class="actions"><a class="button" href="/my/assistance">\(P.applyForAssistance)</a><a class="button secondary" href="/my/assistance/grants">\(P.myApplications)</a></div>
        </section>
        <section class="placeholder" aria-labelledby="h-s"><h2 id="h-s">\(P.moreServices)</h2>
        <p>\(P.comingSoon)</p>
        <ul><li>\(P.disputeMediation)</li></ul>
        <p>\(P.contactUnion(w.member.orgName))</p>
        </section>
        """)
    }

    static func memberFacts(_ m: Member) -> HTML {
        """
        <section class="card" aria-labelledby="h-m"><h2 id="h-m">\(P.membershipFacts)</h2>
        <dl class="fields">
        <dt>\(P.name)</dt><dd>\(m.name)</dd>
        <dt>\(P.union)</dt><dd>\(m.orgName)</dd>
        <dt>\(P.memberStatus)</dt><dd>\(MemberViews.statusTag(m.status))</dd>
        <dt>\(P.joinedOn)</dt><dd>\(m.joinedOn.iso)</dd>
        <dt>\(P.idNumber)</dt><dd>\(m.idNumberMasked)</dd>
        <dt>\(P.phone)</dt><dd>\(m.phoneMasked ?? UI.none) <a href="/my/phone">\(P.update)</a></dd>
        <dt>\(P.cardNumber)</dt><dd>\(m.cardNumber ?? UI.none)</dd>
        </dl></section>
        """
    }

    static func history(_ events: [MemberEvent]) -> HTML {
        let items = events.reversed().map { e -> HTML in
            "<li><strong>\(e.onDate.iso)</strong> \(P.historyEvent(e.kind.label, e.detail))</li>"
        }
        return "<section class=\"card\" aria-labelledby=\"h-h\"><h2 id=\"h-h\">\(P.history)</h2><ul>\(items)</ul></section>"
    }

    // MARK: Phone and transfer

    static func phone(_ m: PhonePageModel) -> HTML {
        page(m.frame, """
        \(Layout.formErrors(m.errors))
        <p>\(P.phoneOnRecord(m.frame.member.phoneMasked))</p>
        <form method="post" action="/my/phone" class="card">
        \(Layout.csrfField(m.frame.csrf))
        \(Layout.field(P.newPhone, name: "phone", value: m.value, type: "tel", error: m.errors["phone"], required: true, autocomplete: "tel"))
        <button type="submit">\(UI.save)</button>
        </form>
        """)
    }

    static func transfer(_ m: TransferPageModel) -> HTML {
        page(m.frame, """
        <p>\(P.transferIntro(m.frame.member.orgName))</p>
        <form method="get" action="/my/transfer" class="search card" role="search">
        \(Layout.field(P.findUnion, name: "q", value: m.query, type: "search", hint: P.findUnionHint))
        <button type="submit" class="secondary">\(UI.search)</button>
        </form>
        \(found(m.query, m.found))
        \(Layout.formErrors(m.errors))
        <form method="post" action="/my/transfer" class="card">
        \(Layout.csrfField(m.frame.csrf))
        \(OrgPicker.unitAnywhere.field(P.toOrgCode, name: "to_org_code", value: m.form.toOrgCode, error: m.errors["to_org_code"], hint: P.toOrgHint,
                                       required: true, choices: m.choices, portal: true))
        \(Layout.textarea(P.reason, name: "reason", value: m.form.reason, hint: P.reasonHint))
        <button type="submit">\(P.submitRequest)</button>
        </form>
        """)
    }

    /// The grassroots unions the search found, with the code to type.
    static func found(_ query: String, _ found: [Organization]) -> HTML {
        if query.isEmpty { return .empty }
        if found.isEmpty { return "<p>\(P.noUnionFound(query))</p>" }
        let rows = found.map { o -> HTML in
            "<li>\(P.foundUnion(o.name, code: o.code)) <a class=\"button secondary\" href=\"/my/transfer?to=\(URLText.component(o.code))#f-to_org_code\">\(P.chooseUnion)</a></li>"
        }
        return "<ul>\(rows)</ul>"
    }
}
