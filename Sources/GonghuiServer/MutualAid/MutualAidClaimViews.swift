import Foundation
import GonghuiDomain
import GonghuiStore

/// The claim pages rendered from their models. Pure: no store, no request.
enum MutualAidClaimViews {
    typealias T = UI.MutualAidClaims

    static func stateTag(_ s: MutualAidClaimState) -> HTML {
        let tone = switch s {
        case .paid: "ok"
        case .refused, .failed: "bad"
        case .approved, .inBatch: ""
        case .filed, .awaitingOwner: "warn"
        }
        return "<span class=\"tag \(tone)\">\(s.title)</span>"
    }

    /// What the event was, in one line.
    static func eventLine(_ e: MutualAidEvent) -> String {
        switch e.kind {
        case .hospitalStay: T.stayLine(e.on.iso, e.dischargedOn?.iso ?? "", e.totalCost.groupedYuan, e.insurancePaid.groupedYuan)
        case .majorIllness: T.illnessLine(e.on.iso, e.diagnosis ?? "")
        case .accidentalDisability: T.disabilityLine(e.on.iso, e.disabilityGrade ?? 0)
        case .accidentalDeath, .deathByIllness: T.deathLine(e.kind.title, e.on.iso)
        }
    }

    static func table(_ claims: [MutualAidClaim]) -> HTML {
        let rows = claims.map { c -> HTML in
            """
            <tr><td data-label="\(T.colNo)"><a href="/mutual-aid/claims/\(String(c.id))">\(c.claimNo)</a></td><td data-label="\(T.colMember)">\(c.memberName)</td>\
            <td data-label="\(T.colUnit)">\(c.unitName)</td><td data-label="\(T.colBenefit)">\(c.benefitTitle)</td>\
            <td data-label="\(T.colEvent)">\(c.event.kind.title) \(c.event.on.iso)</td><td class="num" data-label="\(T.colAmount)">\(c.amount.groupedYuan)</td>\
            <td data-label="\(T.colState)">\(stateTag(c.state))</td><td data-label="\(T.colFiled)">\(c.filedOn.iso)</td></tr>
            """
        }
        return """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colNo)</th><th scope="col">\(T.colMember)</th><th scope="col">\(T.colUnit)</th>\
            <th scope="col">\(T.colBenefit)</th><th scope="col">\(T.colEvent)</th><th scope="col" class="num">\(T.colAmount)</th><th scope="col">\(T.colState)</th>\
            <th scope="col">\(T.colFiled)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    static func list(actor: Actor, csrf: String?, awaiting: [MutualAidClaim], claims: [MutualAidClaim], state: MutualAidClaimState?, roundID: Int64?) -> HTML {
        let filters = ([("", T.allStates)] + MutualAidClaimState.allCases.map { ($0.rawValue, $0.title) }).map { value, title -> HTML in
            let current = (state?.rawValue ?? "") == value
            var query = value.isEmpty ? "" : "state=\(value)"
            if let roundID { query += (query.isEmpty ? "" : "&") + "round=\(roundID)" }
            return current ? "<li><strong aria-current=\"true\">\(title)</strong></li>" : "<li><a href=\"/mutual-aid/claims\(query.isEmpty ? "" : "?" + query)\">\(title)</a></li>"
        }
        let body: HTML = """
        \(MutualAidViews.crumbs(T.title))
        <section aria-labelledby="h-awaiting"><h2 id="h-awaiting">\(T.awaitingTitle)</h2>
        \(awaiting.isEmpty ? HTML("<p class=\"muted\">\(T.nothingAwaiting)</p>") : table(awaiting))</section>
        <section aria-labelledby="h-all"><h2 id="h-all">\(T.allTitle)</h2>
        <nav aria-label="\(T.filterLabel)"><ul class="filters">\(filters)</ul></nav>
        \(claims.isEmpty ? HTML("<p class=\"muted\">\(T.noClaims)</p>") : table(claims))</section>
        """
        return Layout.page(T.title, actor: actor, csrf: csrf, section: .programs, body)
    }

    static func new(actor: Actor, csrf: String?, plan: MutualAidPlan, round: MutualAidRound, form f: MutualAidClaimForm) -> HTML {
        let body: HTML = """
        \(MutualAidViews.crumbs(round.name))
        <p>\(T.newIntro(round.terms.claimLimitDays))</p>
        \(Layout.formErrors(f.errors))
        <form method="post" action="/mutual-aid/rounds/\(round.id)/claims" class="card form" enctype="multipart/form-data" novalidate>
        \(Layout.csrfField(csrf))
        \(Layout.field(T.idNumber, name: "id_number", value: f["id_number"], error: f.errors["id_number"], hint: T.idNumberHint, required: true, autocomplete: "off"))
        \(f.body(round: round))
        <button type="submit">\(T.file)</button>
        </form>
        """
        return Layout.page(T.newTitle(plan.name, round.name), actor: actor, csrf: csrf, section: .programs, body)
    }

    static func claim(_ m: MutualAidClaimPageModel) -> HTML {
        let c = m.claim
        let lines = c.lines.map { "<li>\($0)</li>" as HTML }
        let papers = m.papers.map { p -> HTML in
            "<li><a href=\"/mutual-aid/claims/\(String(c.id))/papers/\(String(p.id))\">\(T.paperName(p.kind.title, p.filename))</a> <span class=\"muted\">\(T.paperLine(p.size / 1024 + 1, p.uploadedBy))</span></li>"
        }
        var facts: [(String, String)] = [
            (T.member, T.person(c.memberName, c.idNumberMasked)), (T.unit, "\(c.unitName) \(c.unitCode)"), (T.round, "\(c.planName) \(c.roundName)"),
            (T.benefit, c.benefitTitle), (T.event, eventLine(c.event)), (T.filed, T.filedLine(c.filedOn.iso, c.channel == "portal" ? T.byWorker : (c.recorderName ?? c.recordedBy ?? ""))),
            (T.account, "\(c.bankName) \(c.accountMasked)"),
        ]
        if let r = c.reviewerName ?? c.reviewedBy { facts.append((T.reviewedBy, r)) }
        if let d = c.decidedBy { facts.append((T.decidedBy, "\(d) \(c.decidedOn?.iso ?? "")")) }
        if let r = c.reason { facts.append((T.reason, r)) }
        if let p = c.paidOn { facts.append((T.paidOn, T.paidLine(p.iso, c.daysToPay ?? 0))) }
        if let f = c.failureReason { facts.append((T.failure, f)) }
        let dl = facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" as HTML }
        let body: HTML = """
        \(MutualAidViews.crumbs(c.claimNo))
        <p>\(stateTag(c.state))</p>
        <section class="card" aria-labelledby="h-facts"><h2 id="h-facts">\(T.factsTitle)</h2><dl class="fields">\(dl)</dl></section>
        <section class="card" aria-labelledby="h-sum"><h2 id="h-sum">\(T.arithmeticTitle)</h2><ol>\(lines)</ol></section>
        <section class="card" aria-labelledby="h-papers"><h2 id="h-papers">\(T.papersTitle)</h2>\(m.papers.isEmpty ? HTML("<p class=\"muted\">\(T.noPapers)</p>") : "<ul>\(papers)</ul>")</section>
        \(decision(m))
        """
        return Layout.page(T.claimTitle(c.claimNo, c.memberName), actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }

    static func decision(_ m: MutualAidClaimPageModel) -> HTML {
        let c = m.claim
        let problem: HTML = m.problem.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? .empty
        if m.mayRequeue {
            return """
            <form method="post" action="/mutual-aid/claims/\(String(c.id))/requeue" class="card form">\(Layout.csrfField(m.csrf))\(problem)
            <p>\(T.requeueHint)</p><button type="submit">\(T.requeue)</button></form>
            """
        }
        guard m.mayDecide, c.state.isOpen else { return problem }
        let action = c.state == .filed ? "review" : "owner"
        return """
        <form method="post" action="/mutual-aid/claims/\(String(c.id))/\(action)" class="card form" novalidate>
        <h2>\(c.state == .filed ? T.reviewTitle : T.ownerTitle)</h2>
        \(Layout.csrfField(m.csrf))\(problem)
        <p>\(c.state == .filed ? T.reviewHint : T.ownerHint(c.amount.groupedYuan))</p>
        \(Layout.textarea(T.reasonLabel, name: "reason", hint: T.reasonHint))
        <div class="actions"><button type="submit" name="decision" value="approve">\(T.approve(c.amount.groupedYuan))</button>
        <button type="submit" name="decision" value="refuse" class="secondary">\(T.refuse)</button></div>
        </form>
        """
    }

    /// The round page's part on claims: counts by state, the links, the batch.
    static func roundSection(round: MutualAidRound, counts: [MutualAidClaimState: (Int, Money)], batches: [PaymentBatch], mayFile: Bool, mayPay: Bool,
                             csrf: String?, batchError: String?) -> HTML {
        let rows = MutualAidClaimState.allCases.compactMap { s -> HTML? in
            guard let (n, amount) = counts[s] else { return nil }
            return "<tr><td data-label=\"\(T.colState)\"><a href=\"/mutual-aid/claims?state=\(s.rawValue)&amp;round=\(round.id)\">\(s.title)</a></td><td class=\"num\" data-label=\"\(T.colCount)\">\(n)</td><td class=\"num\" data-label=\"\(T.colAmount)\">\(amount.groupedYuan)</td></tr>"
        }
        let table: HTML = rows.isEmpty ? "<p class=\"muted\">\(T.noClaims)</p>" : """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colState)</th><th scope="col" class="num">\(T.colCount)</th>\
            <th scope="col" class="num">\(T.colAmount)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let batchList = batches.map { b -> HTML in "<li><a href=\"/batches/\(String(b.id))\">\(b.batchNo)</a> \(T.batchLine(b.lineCount, b.total.groupedYuan, UI.Programs.batchState(b.state)))</li>" }
        let approved = counts[.approved]?.0 ?? 0
        let pay: HTML = mayPay && approved > 0 ? """
            <form method="post" action="/mutual-aid/rounds/\(round.id)/batches" class="inline">\(Layout.csrfField(csrf))\(Layout.checkbox(UI.Cards.payToCard, name: "to_card", checked: false))
            <button type="submit">\(T.makeBatch(approved))</button></form>
            """ : .empty
        return """
        <section aria-labelledby="h-claims"><h2 id="h-claims">\(T.roundClaimsTitle)</h2>
        \(table)
        <div class="actions">\(mayFile ? HTML("<a class=\"button\" href=\"/mutual-aid/rounds/\(round.id)/claims/new\">\(T.fileLink)</a>") : .empty)\
        <a class="button secondary" href="/mutual-aid/claims?round=\(round.id)">\(T.allLink)</a>\
        <a class="button secondary" href="/mutual-aid/rounds/\(round.id)/figures">\(UI.MutualAidFigures.link)</a>\(pay)</div>
        \(batchError.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? .empty)
        \(batches.isEmpty ? HTML.empty : "<h3>\(T.batchesTitle)</h3><ul>\(batchList)</ul>")
        </section>
        """
    }
}
