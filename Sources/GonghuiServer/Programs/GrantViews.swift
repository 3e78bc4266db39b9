import Foundation
import GonghuiDomain

private typealias Words = UI.Programs

/// The worklist of a cycle's grants and the page of one grant.
enum GrantViews {
    // MARK: Worklist

    static func worklist(_ m: WorklistPageModel) -> HTML {
        let c = m.cycle, id = m.cycle.id
        let tabs = ([nil] + GrantState.allCases.map { Optional($0) }).map { s -> HTML in
            let href = URLText.with("/cycles/\(id)/grants", [("state", s?.rawValue)])
            let label = s?.title ?? Words.all
            return s == m.filter ? "<li><a href=\"\(href)\" aria-current=\"page\">\(label)</a></li>" : "<li><a href=\"\(href)\">\(label)</a></li>"
        }
        let alert: HTML = m.problem.map { p -> HTML in
            let who = m.grants.first { $0.id == p.grantID }?.name ?? Words.grantNumbered(p.grantID)
            return "<div class=\"alert\" role=\"alert\"><p><strong>\(who)</strong>\(Words.colon)\(p.field == nil ? p.message : UI.formHasErrors)</p></div>"
        } ?? .empty
        let empty: HTML = "<p>\(Words.noGrants(m.filter?.title ?? ""))</p>"
        let body: HTML = """
        \(ProgramViews.breadcrumbs([("/cycles/\(id)", c.name)], current: "<li aria-current=\"page\">\(Words.grantList)</li>"))
        \(alert)
        <ul class="tabs">\(tabs)</ul>
        <p class="muted">\(Words.worklistExplained)</p>
        \(m.grants.isEmpty ? empty : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(Words.personName)</th><th scope="col">\(Words.ownerOrg)</th><th scope="col">\(Words.category)</th><th scope="col">\(Words.rule)</th><th scope="col" class="num">\(Words.amountYuan)</th><th scope="col">\(Words.state)</th><th scope="col">\(Words.appliedOn)</th><th scope="col">\(Words.operation)</th></tr></thead>
        <tbody>\(m.grants.map { worklistRow($0, m) })</tbody></table></div>
        \(Layout.pager(base: "/cycles/\(id)/grants", query: [("state", m.filter?.rawValue)], offset: m.offset, limit: WorklistPageModel.pageSize, total: nil, shown: m.grants.count))
        """)
        """
        return Layout.page(Words.titled(c.name, Words.grantList), actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }

    static func worklistRow(_ g: Grant, _ m: WorklistPageModel) -> HTML {
        let bad = m.problem?.grantID == g.id
        let note: HTML = m.problem.map { p -> HTML in bad && p.field == nil ? "<p class=\"field-error\" role=\"alert\">\(p.message)</p>" : .empty } ?? .empty
        let actions = grantActions(g, mayDecide: m.mayDecide, csrf: m.csrf, back: "list", state: m.filter?.rawValue ?? "", problem: m.problem,
                                   separatedFrom: m.dutiesSeparated ? m.actor.username : nil)
        return """
        <tr\(bad ? HTML(raw: " class=\"row-bad\"") : .empty) id="g\(String(g.id))"><td data-label="\(Words.personName)"><a href="/grants/\(String(g.id))">\(g.name)</a></td>
        <td data-label="\(Words.ownerOrg)">\(g.orgName)</td><td data-label="\(Words.category)">\(g.category?.title ?? Words.noArchive)</td><td data-label="\(Words.rule)">\(g.ruleName)</td>
        <td class="num" data-label="\(Words.amountYuan)">\(ProgramViews.yuan(g.amount))</td><td data-label="\(Words.state)">\(ProgramViews.stateTag(g.state))</td>
        <td data-label="\(Words.appliedOn)">\(Layout.day(g.appliedOn))</td>
        <td data-label="\(Words.operation)">\(note)\(actions)</td></tr>
        """
    }

    /// The buttons for a grant in its state: review, approve, reject with a reason. An officer
    /// who recorded or reviewed it (`separatedFrom`, under duty separation) is not offered the
    /// approval but told who must give it.
    static func grantActions(_ g: Grant, mayDecide: Bool, csrf: String?, back: String, state: String = "", problem: GrantProblem?,
                             separatedFrom username: String?) -> HTML {
        guard mayDecide, g.state == .submitted || g.state == .reviewed else { return .empty }
        let hidden: HTML = """
        \(Layout.csrfField(csrf))<input type="hidden" name="version" value="\(String(g.version))"><input type="hidden" name="back" value="\(back)"><input type="hidden" name="state" value="\(state)">
        """
        let main: HTML = g.state == .submitted
            ? "<button type=\"submit\" name=\"action\" value=\"review\">\(Words.passReview)</button>"
            : "<button type=\"submit\" name=\"action\" value=\"approve\">\(Words.approve)</button>"
        // The reviewer or recorder, under duty separation, is told who approves instead (they may still refuse it).
        let refusal = g.state == .reviewed ? username.flatMap { g.approvalRefusal(for: $0) } : nil
        let mainForm: HTML = refusal.map { "<p class=\"muted\">\($0)</p>" }
            ?? "<form method=\"post\" action=\"/grants/\(String(g.id))/act\" class=\"inline\">\(hidden)\(main)</form>"
        let reasonError = problem.flatMap { $0.grantID == g.id && $0.field == "reason" ? $0.message : nil }
        let rid = "reason-\(g.id)"
        let invalid: HTML = reasonError != nil ? " aria-invalid=\"true\" aria-describedby=\"\(rid)-error\"" : ""
        let errorNote: HTML = reasonError.map { "<p class=\"field-error\" id=\"\(rid)-error\">\($0)</p>" } ?? .empty
        return """
        <div class="row-actions">
        \(mainForm)
        <details\(reasonError != nil ? HTML(raw: " open") : .empty)><summary>\(Words.reject)</summary>
        <form method="post" action="/grants/\(String(g.id))/act">\(hidden)
        <div class="field\(reasonError != nil ? " has-error" : "")"><label for="f-\(rid)">\(Words.rejectReason)</label>
        <input id="f-\(rid)" name="reason" type="text" maxlength="500" required\(invalid)>\(errorNote)</div>
        <button type="submit" name="action" value="reject" class="danger">\(Words.confirmReject)</button></form></details>
        </div>
        """
    }

    // MARK: One grant

    static func grant(_ m: GrantPageModel) -> HTML {
        let g = m.grant, c = m.cycle
        let lines = g.explanation.map { l -> HTML in "<li>\(l)</li>" }
        let timeline = m.events.map { e -> HTML in
            """
            <li class="\(e.kind == "rejected" || e.kind == "failed" ? "sent-back" : "event")"><p><strong>\(Words.event(e.kind))</strong></p><p>\(e.detail)</p>
            <p class="muted">\(Words.handledBy(e.actor, at: Layout.time(e.at)))</p></li>
            """
        }
        let alert: HTML = m.problem.map { p -> HTML in "<div class=\"alert\" role=\"alert\"><p>\(p.field == nil ? p.message : UI.formHasErrors)</p></div>" } ?? .empty
        let actions = grantActions(g, mayDecide: m.mayDecide, csrf: m.csrf, back: "grant", problem: m.problem,
                                   separatedFrom: m.dutiesSeparated ? m.actor.username : nil)
        let notes = (g.reason.map(Words.rejectedBecause) ?? "") + (g.failureReason.map(Words.failedBecause) ?? "")
        let crumbs = [("/cycles/\(String(c.id))", c.name), ("/cycles/\(String(c.id))/grants", Words.grantList)]
        let body: HTML = """
        \(ProgramViews.breadcrumbs(crumbs, current: "<li aria-current=\"page\">\(g.name)</li>"))
        \(alert)
        <section class="card" aria-labelledby="h-decision"><h2 id="h-decision">\(Words.appliedRule(g.ruleName, ProgramViews.yuan(g.amount)))</h2>
        <p>\(Words.currentState)\(ProgramViews.stateTag(g.state))\(notes)</p>
        <h3>\(Words.whyThisRule)</h3>
        <ol class="arithmetic">\(lines)</ol>
        \(actions)
        </section>
        \(requeueSection(m))
        <div class="grid two">
        \(applicant(g))
        \(facts(g.facts))
        </div>
        <section aria-labelledby="h-history"><h2 id="h-history">\(Words.history)</h2><ol class="timeline">\(timeline)</ol></section>
        """
        return Layout.page(Words.grantTitle(g.name), actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }

    static func row(_ label: String, _ value: String?) -> HTML { "<dt>\(label)</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? UI.none)</dd>" }

    static func applicant(_ g: Grant) -> HTML {
        let batch: HTML = g.batchID.map { "<dt>\(Words.paymentBatch)</dt><dd><a href=\"/batches/\(String($0))\">\(Words.viewBatch)</a></dd>" } ?? .empty
        return """
        <section class="card" aria-labelledby="h-person"><h2 id="h-person">\(Words.applicant)</h2>
        <dl class="fields">
        \(row(Words.personName, g.name))\(row(Words.idNumberFull, g.idNumberMasked))\(row(Words.ownerOrg, g.orgName))\(row(Words.hardshipCategory, g.category?.title ?? Words.noFiledArchive))
        \(row(Words.channel, g.channel == "portal" ? Words.byWorker : Words.byUnion))\(row(Words.appliedOn, g.appliedOn.iso))
        \(row(Words.bankName, g.bankName))\(row(Words.bankAccount, g.bankAccountMasked))\(batch)\(row(Words.attempts, String(g.attempts)))\(row(Words.paidOn, g.paidOn?.iso))
        </dl></section>
        """
    }

    static func facts(_ f: GrantFacts) -> HTML {
        """
        <section class="card" aria-labelledby="h-facts"><h2 id="h-facts">\(Words.factsChecked)</h2>
        <dl class="fields">
        \(row(Words.isMember, f.isMember ? UI.yes : UI.no))\(row(Words.archiveFiled, f.archiveFiled ? UI.yes : UI.no))\(row(Words.migrantWorker, f.isMigrantWorker ? UI.yes : UI.no))
        \(row(Words.childAdmitted, f.childAdmission?.title))\(row(Words.illness, f.illness))\(row(Words.outOfPocket, f.outOfPocket.map { Words.yuan($0.groupedYuan) }))
        \(row(Words.outdoorWorker, f.outdoorWorker ? UI.yes : UI.no))
        </dl></section>
        """
    }

    /// A failed payment: the proposed account awaiting a second person, or the form to pay again.
    static func requeueSection(_ m: GrantPageModel) -> HTML {
        let g = m.grant
        if g.state == .failed, let proposer = g.proposedBy {
            return accountPending(m, proposer: proposer)
        }
        guard g.state == .failed && m.mayDecide else { return .empty }
        let (v, e) = m.requeue ?? ([:], FieldErrors())
        return """
        <section class="card" aria-labelledby="h-requeue" id="requeue"><h2 id="h-requeue">\(Words.requeueTitle)</h2>
        <p>\(Words.returnedBecause)<strong>\(g.failureReason ?? UI.none)</strong>\(Words.requeueExplained)</p>
        \(Layout.formErrors(e))
        <form method="post" action="/grants/\(String(g.id))/requeue">\(Layout.csrfField(m.csrf))
        \(Layout.field(Words.bankNameOptional, name: "bank_name", value: v["bank_name"] ?? "", error: e["bank_name"], attributes: " maxlength=\"100\""))
        \(Layout.field(Words.correctedAccount, name: "bank_account", value: v["bank_account"] ?? "", error: e["bank_account"], hint: Words.currentAccount(g.bankAccountMasked), attributes: " inputmode=\"numeric\" autocomplete=\"off\""))
        <button type="submit">\(Words.requeueButton)</button>
        </form></section>
        """
    }

    static func accountPending(_ m: GrantPageModel, proposer: String) -> HTML {
        let g = m.grant, csrf = m.csrf
        let buttons: HTML = m.mayDecideAccount ? """
            <form method="post" action="/grants/\(String(g.id))/account" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="decision" value="approve"><button type="submit">\(Words.approveAccount)</button></form>
            <form method="post" action="/grants/\(String(g.id))/account">\(Layout.csrfField(csrf))<input type="hidden" name="decision" value="refuse">
            \(Layout.field(Words.refuseReason, name: "reason", value: "", error: nil, attributes: " maxlength=\"500\" required"))
            <button type="submit" class="secondary">\(Words.refuse)</button></form>
            """ : "<p class=\"muted\">\(Words.accountDecidedBy(g.budgetOrgCode ?? UI.none))</p>"
        return """
        <section class="card" aria-labelledby="h-requeue" id="requeue"><h2 id="h-requeue">\(Words.accountPending)</h2>
        <p>\(Words.proposedAccount(proposer))<strong>\(g.proposedBankName ?? g.bankName) \(g.proposedAccountMasked ?? g.bankAccountMasked)</strong>\(Words.originalAccount(g.bankName, g.bankAccountMasked))</p>
        \(buttons)
        </section>
        """
    }
}
