import Foundation
import GonghuiDomain
import GonghuiStore

/// The case page: its clocks, parties, claims, agreement, timeline and steps.
extension DisputeViews {
    static func casePage(_ m: DisputeCasePageModel) -> HTML {
        let c = m.dispute
        let body: HTML = """
        \(summary(m))
        \(WarningViews.caseSection(m))
        \(clocks(m))
        \(parties(m))
        \(c.workflow.terms.isEmpty ? HTML.empty : terms(c))
        \(mediationSection(m))
        \(arbitrationSection(m))
        \(papersSection(m))
        \(timeline(m))
        \(stepsSection(m))
        \(LegalAidViews.caseSection(m))
        \(mediatorList(m))
        """
        return Layout.page(UI.Disputes.caseTitle(c.caseNo), actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func summary(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self, c = m.dispute, w = c.workflow
        let collective: HTML = c.collective ? " <span class=\"tag bad\">\(t.collectiveTag)</span>" : .empty
        let confidential: HTML = c.confidential ? " <span class=\"tag warn\">\(t.confidentialTag)</span>" : .empty
        let pending: HTML = m.identityPending ? " <span class=\"tag warn\">\(t.identityPendingTag)</span>" : .empty
        let confirm: HTML = m.identityPending && m.mayHandle ? """
            <form method="post" action="/disputes/\(c.id)/confirm-identity" class="actions">\(Layout.csrfField(m.csrf))<button type="submit" class="secondary">\(t.confirmIdentity)</button></form>
            """ : .empty
        let outcome: HTML = w.outcome.map { "<dt>\(t.outcome)</dt><dd>\($0.title)\(w.closedOn.map { t.closedOn($0.iso) } ?? "")</dd>" } ?? .empty
        return """
        <section class="card" aria-labelledby="d-summary"><h2 id="d-summary">\(t.state)</h2>
        <p>\(stateTag(w.state))\(collective)\(confidential)\(pending)</p>
        \(confirm)
        <dl class="fields">
        <dt>\(t.handlingUnion)</dt><dd>\(c.handlingOrgName)</dd>
        <dt>\(t.channel)</dt><dd>\(c.channel.title) · \(w.kind.title)</dd>
        <dt>\(t.receivedOn)</dt><dd>\(w.receivedOn.iso)</dd>
        <dt>\(t.types)</dt><dd>\(types(c.types))</dd>
        <dt>\(t.claimed)</dt><dd>\(UI.Hardship.yuan(c.amountClaimed.groupedYuan))</dd>
        <dt>\(t.recovered)</dt><dd>\(UI.Hardship.yuan(w.recovered.groupedYuan))</dd>
        \(outcome)
        </dl>
        \(w.note.map { "<p>\($0)</p>" as HTML } ?? .empty)
        </section>
        """
    }

    static func clocks(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self, c = m.dispute, w = c.workflow, p = m.policy
        var rows: [HTML] = []
        if w.state == .received && !w.kind.isAnsweredAtOnce {
            rows.append("<dt>\(t.acceptanceDue)</dt><dd>\(due(c, policy: p, today: m.today))</dd>")
        }
        if w.state == .performing {
            rows.append("<dt>\(t.termDue)</dt><dd>\(due(c, policy: p, today: m.today))</dd>")
        }
        if let handling = w.handlingDue(policy: p), w.state != .closed {
            let extra: HTML = w.extendedDays > 0 ? "<br><span class=\"muted\">\(t.extended(w.extendedDays, w.extensionReason ?? ""))</span>" : .empty
            rows.append("<dt>\(t.handlingDue)</dt><dd>\(handling.iso)\(extra)</dd>")
        }
        if let applied = w.mediationAppliedOn, w.state == .mediating {
            let kind = w.oralApplication ? t.oral : t.written
            rows.append("<dt>\(t.mediationDue)</dt><dd>\(DisputeClocks.mediationDue(appliedOn: applied, policy: p).iso)<br><span class=\"muted\">\(applied.iso) \(kind)</span></dd>")
        }
        let limitation: HTML
        if let ends = c.limitationEndsOn {
            let warn: HTML = DisputeClocks.limitationExpired(endsOn: ends, today: m.today) ? " <span class=\"tag bad\">\(t.limitationExpired)</span>"
                : (DisputeClocks.limitationWarning(endsOn: ends, today: m.today, policy: p) ? " <span class=\"tag warn\">\(t.limitationSoon)</span>" : .empty)
            limitation = "\(ends.iso)\(w.state.isOpen ? warn : .empty)"
        } else {
            limitation = c.types.contains(.wageArrears) && c.learnedOn != nil ? "\(t.limitationNotRunning)" : "<span class=\"muted\">\(t.noDeadline)</span>"
        }
        rows.append("<dt>\(t.limitation)</dt><dd>\(limitation)</dd>")
        let arbitration: HTML = w.mayApplyForArbitration(on: m.today, policy: p) ? "<p class=\"late\">\(t.mayArbitrate)</p>" : .empty
        return """
        <section class="card" aria-labelledby="d-clocks"><h2 id="d-clocks">\(t.clocksTitle)</h2>
        <dl class="fields">\(rows)</dl>\(arbitration)</section>
        """
    }

    static func parties(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self, c = m.dispute
        let withheld: HTML = c.namesWithheld ? "<p class=\"muted\">\(t.namesWithheld)</p>" : .empty
        let workers = c.workers.map { w -> HTML in
            let rep: HTML = w.isRepresentative ? " <span class=\"tag info\">\(t.representative)</span>" : .empty
            return "<tr><td data-label=\"\(t.workerName)\">\(w.name)\(rep)</td><td data-label=\"\(t.workerID)\">\(w.idNumberMasked ?? "")</td><td data-label=\"\(t.workerPhone)\">\(w.phoneMasked ?? "")</td></tr>"
        }
        let claims = c.claims.map { cl -> HTML in
            let final: HTML = c.finalAward(cl, wages: m.wages, policy: m.policy) == true ? " <span class=\"tag info\">\(t.finalAward)</span>" : .empty
            return "<li>\(t.claimLine(cl.type.title, cl.amount.groupedYuan, cl.description))\(final)</li>"
        }
        let employer = [c.employer.creditCode, c.employer.unionCode.map(t.employerUnion)].compactMap { $0 }.joined(separator: " · ")
        return """
        <section class="card" aria-labelledby="d-parties"><h2 id="d-parties">\(t.partiesTitle)</h2>
        <h3>\(t.workersHeading(Layout.number(c.workersInvolved)))</h3>\(withheld)
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.workerName)</th><th scope="col">\(t.workerID)</th><th scope="col">\(t.workerPhone)</th></tr></thead><tbody>\(workers)</tbody></table></div>
        <h3>\(t.employerTitle)</h3><p>\(c.employer.name)\(employer.isEmpty ? HTML.empty : "<br><span class=\"muted\">\(employer)</span>")</p>
        <h3>\(t.claimsTitle)</h3><ul>\(claims)</ul>
        <h3>\(t.factsTitle)</h3><p class="pre">\(c.facts)</p>
        </section>
        """
    }

    static func terms(_ c: DisputeCase) -> HTML {
        let t = UI.Disputes.self
        let rows = c.workflow.terms.enumerated().map { i, term -> HTML in
            let done: HTML = term.performedOn.map { "<span class=\"tag ok\">\(t.termPerformed)</span> \(t.performedOn($0.iso, term.amountPerformed.groupedYuan))" }
                ?? "<span class=\"tag warn\">\(t.termNotPerformed)</span>"
            return "<tr><td data-label=\"#\">\(i + 1)</td><td data-label=\"\(t.termDescription)\">\(term.description)</td><td data-label=\"\(t.termAmount)\">\(term.amount.groupedYuan)</td><td data-label=\"\(t.termDue)\">\(Layout.day(term.dueOn))</td><td data-label=\"\(t.state)\">\(done)</td></tr>"
        }
        return """
        <section class="card" aria-labelledby="d-terms"><h2 id="d-terms">\(t.termsTitle)</h2>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">#</th><th scope="col">\(t.termDescription)</th><th scope="col">\(t.termAmount)</th><th scope="col">\(t.termDue)</th><th scope="col">\(t.state)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        </section>
        """
    }

    static func timeline(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        let items = m.events.map { e -> HTML in
            "<li><time>\(e.onDate.iso)</time> \(stateTag(e.state)) \(e.detail) <span class=\"muted\">— \(e.actor)</span></li>"
        }
        return """
        <section class="card" aria-labelledby="d-history"><h2 id="d-history">\(t.historyTitle)</h2>
        \(items.isEmpty ? HTML("<p>\(t.noEvents)</p>") : "<ol class=\"timeline\">\(items)</ol>")
        </section>
        """
    }
}
