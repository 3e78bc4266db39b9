import Foundation
import GonghuiDomain
import GonghuiStore

/// The mutual-aid pages rendered from their models. Pure: no store, no request.
enum MutualAidViews {
    typealias T = UI.MutualAid

    static func crumbs(_ current: String?) -> HTML {
        let last: HTML = current.map { "<li><a href=\"/mutual-aid\">\(T.title)</a></li><li aria-current=\"page\">\($0)</li>" } ?? "<li aria-current=\"page\">\(T.title)</li>"
        return "<nav class=\"breadcrumbs\" aria-label=\"\(UI.Hardship.breadcrumbs)\"><ol><li><a href=\"/programs\">\(UI.Programs.programsTitle)</a></li>\(last)</ol></nav>"
    }

    static func plans(_ m: MutualAidPlansPageModel) -> HTML {
        let rows = m.plans.map { plan, rounds -> HTML in
            let list: HTML = rounds.isEmpty ? HTML(stringLiteral: T.noRounds) : HTML.join(rounds.map { r -> HTML in
                "<a href=\"/mutual-aid/rounds/\(r.id)\">\(r.name)</a> <span class=\"muted\">\(T.period(r.startsOn.iso, r.endsOn.iso))</span>"
            }, separator: "<br>")
            return """
            <tr><td data-label="\(T.colCode)">\(plan.code)</td><td data-label="\(T.colPlan)">\(plan.name)</td><td data-label="\(T.colKind)">\(plan.kind.title)</td>\
            <td data-label="\(T.colOwner)">\(plan.ownerName)</td><td data-label="\(T.colRounds)"><span>\(list)</span></td></tr>
            """
        }
        let table: HTML = m.plans.isEmpty ? "<p>\(T.noPlans)</p>" : """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colCode)</th><th scope="col">\(T.colPlan)</th><th scope="col">\(T.colKind)</th>\
            <th scope="col">\(T.colOwner)</th><th scope="col">\(T.colRounds)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let body: HTML = """
        \(crumbs(nil))
        <p>\(T.intro)</p>
        <section aria-labelledby="h-plans"><h2 id="h-plans">\(T.plansTitle)</h2>\(table)</section>
        \(m.mayOwn ? ownerForms(m) : HTML("<p class=\"muted\">\(T.ownerOnly)</p>"))
        """
        return Layout.page(T.title, actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }

    static func ownerForms(_ m: MutualAidPlansPageModel) -> HTML {
        let kinds = [("", T.pleaseChoose)] + MutualAidPlanKind.allCases.map { ($0.rawValue, $0.title) }
        let plan: HTML = """
            <form method="post" action="/mutual-aid/plans" class="card form" novalidate>
            <h2>\(T.newPlanTitle)</h2>
            \(Layout.csrfField(m.csrf))
            \(m.form == "plan" ? Layout.formErrors(m.errors) : .empty)
            <div class="grid three">
            \(Layout.field(T.code, name: "code", value: m.value("plan", "code"), error: m.error("plan", "code"), hint: T.codeHint, required: true))
            \(Layout.field(T.name, name: "name", value: m.value("plan", "name"), error: m.error("plan", "name"), required: true))
            \(Layout.select(T.kind, name: "kind", options: kinds, selected: m.value("plan", "kind"), error: m.error("plan", "kind")))
            </div>
            <button type="submit">\(T.createPlan)</button>
            </form>
            """
        guard !m.ownPlans.isEmpty else { return plan }
        let year = m.today.year + 1
        func v(_ field: String, _ fallback: String) -> String { m.form == "round" ? m.values[field] ?? "" : fallback }
        let round: HTML = """
            <form method="post" action="/mutual-aid/rounds" class="card form" novalidate>
            <h2>\(T.newRoundTitle)</h2>
            \(Layout.csrfField(m.csrf))
            \(m.form == "round" ? Layout.formErrors(m.errors) : .empty)
            <div class="grid three">
            \(Layout.select(T.plan, name: "plan", options: m.ownPlans.map { ($0.code, $0.name) }, selected: v("plan", m.ownPlans[0].code), error: m.error("round", "plan")))
            \(Layout.field(T.roundName, name: "name", value: v("name", T.yearRound(year)), error: m.error("round", "name"), required: true))
            \(Layout.field(T.contribution, name: "contribution", value: v("contribution", "70"), error: m.error("round", "contribution"), required: true, attributes: " inputmode=\"decimal\""))
            \(Layout.field(T.startsOn, name: "starts_on", value: v("starts_on", "\(year)-01-01"), type: "date", error: m.error("round", "starts_on"), required: true))
            \(Layout.field(T.endsOn, name: "ends_on", value: v("ends_on", "\(year)-12-31"), type: "date", error: m.error("round", "ends_on"), required: true))
            \(Layout.field(T.waitingDays, name: "waiting_days", value: v("waiting_days", "90"), error: m.error("round", "waiting_days"), required: true, attributes: " inputmode=\"numeric\""))
            \(Layout.field(T.opens, name: "enrollment_opens", value: v("enrollment_opens", "\(year - 1)-12-01"), type: "date", error: m.error("round", "enrollment_opens"), required: true))
            \(Layout.field(T.closes, name: "enrollment_closes", value: v("enrollment_closes", "\(year)-06-30"), type: "date", error: m.error("round", "enrollment_closes"), required: true))
            \(Layout.field(T.claimLimitDays, name: "claim_limit_days", value: v("claim_limit_days", "90"), error: m.error("round", "claim_limit_days"), required: true, attributes: " inputmode=\"numeric\""))
            \(Layout.field(T.ownerApproval, name: "owner_approval_above", value: v("owner_approval_above", "10000"), error: m.error("round", "owner_approval_above"), required: true, attributes: " inputmode=\"decimal\""))
            </div>
            \(Layout.field(T.source, name: "source", value: v("source", ""), error: m.error("round", "source"), required: true))
            <p class="muted">\(T.benefitsHint)</p>
            <button type="submit">\(T.addRound)</button>
            </form>
            """
        return plan + round
    }

    static func rule(_ b: MutualAidBenefit) -> String {
        switch b.rule {
        case .fixed(let amount, let grades): grades.isEmpty ? T.fixedRule(amount.groupedYuan) : T.gradeRule(amount.groupedYuan)
        case .share(let bp, let deductible, let cap): T.shareRule(MutualAidAssessment.percent(bp), deductible.groupedYuan, cap.groupedYuan)
        }
    }

    static func round(_ m: MutualAidRoundPageModel) -> HTML {
        let r = m.round, terms = r.terms
        let benefits = terms.benefits.map { b -> HTML in
            """
            <tr><td data-label="\(T.colBenefit)">\(b.title)</td><td data-label="\(T.colEvent)">\(b.diagnoses.isEmpty ? b.event.title : T.listedDiagnoses(b.event.title, b.diagnoses.count))</td>\
            <td data-label="\(T.colRule)">\(rule(b))</td><td class="num" data-label="\(T.colCapShort)">\(b.perRoundCap.groupedYuan)</td></tr>
            """
        }
        let units = m.standings.map { s -> HTML in
            """
            <tr><td data-label="\(T.colUnit)"><span>\(s.unitName) <span class="muted">\(s.unitCode)</span></span></td><td class="num" data-label="\(T.colEnrolled)">\(Layout.number(s.enrolled))</td>\
            <td class="num" data-label="\(T.colPaid)">\(Layout.number(s.paid))</td><td class="num" data-label="\(T.colDue)">\(s.due.groupedYuan)</td>\
            <td class="num" data-label="\(T.colReceived)">\(s.received.groupedYuan)</td></tr>
            """
        }
        let total = m.standings.reduce(into: (0, 0, Money.zero, Money.zero)) { t, s in t.0 += s.enrolled; t.1 += s.paid; t.2 += s.due; t.3 += s.received }
        let unitTable: HTML = m.standings.isEmpty ? "<p>\(T.noUnits)</p>" : """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colUnit)</th><th scope="col" class="num">\(T.colEnrolled)</th>\
            <th scope="col" class="num">\(T.colPaid)</th><th scope="col" class="num">\(T.colDue)</th><th scope="col" class="num">\(T.colReceived)</th></tr></thead>\
            <tbody>\(units)<tr class="total"><th scope="row">\(T.total)</th><td class="num" data-label="\(T.colEnrolled)">\(Layout.number(total.0))</td>\
            <td class="num" data-label="\(T.colPaid)">\(Layout.number(total.1))</td><td class="num" data-label="\(T.colDue)">\(total.2.groupedYuan)</td>\
            <td class="num" data-label="\(T.colReceived)">\(total.3.groupedYuan)</td></tr></tbody></table></div>
            """
        let forms: HTML = m.mayHandle ? """
            <div class="grid two">
            <form method="post" action="/mutual-aid/rounds/\(r.id)/enroll" class="card form" novalidate>
            <h2>\(T.enrollTitle)</h2>
            \(Layout.csrfField(m.csrf))
            \(m.form == "enroll" ? Layout.formErrors(m.errors) : .empty)
            \(Layout.field(T.unitCode, name: "unit_code", value: m.value("enroll", "unit_code"), error: m.error("enroll", "unit_code"), hint: T.enrollHint, required: true))
            \(Layout.textarea(T.idList, name: "id_numbers", value: m.value("enroll", "id_numbers"), error: m.error("enroll", "id_numbers"), hint: T.idListHint))
            <button type="submit">\(T.enroll)</button>
            </form>
            <form method="post" action="/mutual-aid/rounds/\(r.id)/payment" class="card form" novalidate>
            <h2>\(T.paymentTitle)</h2>
            \(Layout.csrfField(m.csrf))
            \(m.form == "payment" ? Layout.formErrors(m.errors) : .empty)
            \(Layout.field(T.unitCode, name: "unit_code", value: m.value("payment", "unit_code"), error: m.error("payment", "unit_code"), required: true))
            \(Layout.field(T.amount, name: "amount", value: m.value("payment", "amount"), error: m.error("payment", "amount"), required: true, attributes: " inputmode=\"decimal\""))
            \(Layout.field(T.receivedOn, name: "received_on", value: m.form == "payment" ? m.value("payment", "received_on") : m.today.iso, type: "date",
                           error: m.error("payment", "received_on"), required: true))
            \(Layout.field(T.receiptNo, name: "receipt_no", value: m.value("payment", "receipt_no"), error: m.error("payment", "receipt_no"), required: true))
            <button type="submit">\(T.recordPayment)</button>
            </form>
            </div>
            """ : "<p class=\"muted\">\(T.readOnly)</p>"
        let body: HTML = """
        \(crumbs(r.name))
        <section class="card" aria-labelledby="h-terms"><h2 id="h-terms">\(T.termsTitle)</h2>
        <p>\(T.datesLine(T.period(r.startsOn.iso, r.endsOn.iso), T.period(r.enrollmentOpens.iso, r.enrollmentCloses.iso)))</p>
        <p>\(T.termsLine(terms.contribution.groupedYuan, terms.waitingDays, terms.claimLimitDays, terms.ownerApprovalAbove.groupedYuan))</p>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colBenefit)</th><th scope="col">\(T.colEvent)</th><th scope="col">\(T.colRule)</th>\
        <th scope="col" class="num">\(T.colCap)</th></tr></thead><tbody>\(benefits)</tbody></table></div>
        <p class="muted">\(T.sourceLine(terms.source))</p>
        </section>
        <section aria-labelledby="h-units"><h2 id="h-units">\(T.unitsTitle)</h2>\(unitTable)</section>
        \(forms)
        \(MutualAidClaimViews.roundSection(round: r, counts: m.claims, batches: m.batches, mayFile: m.mayHandle, mayPay: m.actor.role.mayDecideTransfers, csrf: m.csrf,
                                           batchError: m.form == "batch" ? m.errors.general.first : nil))
        """
        return Layout.page(T.roundTitle(m.plan.name, r.name), actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }
}
