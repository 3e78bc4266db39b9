import Foundation
import GonghuiDomain

/// The loan pages rendered from their models. Pure: no store, no request.
enum LoanViews {
    typealias T = UI.Loans

    static func crumbs(_ current: String?) -> HTML {
        let last: HTML = current.map { "<li><a href=\"/loans\">\(T.title)</a></li><li aria-current=\"page\">\($0)</li>" } ?? "<li aria-current=\"page\">\(T.title)</li>"
        return "<nav class=\"breadcrumbs\" aria-label=\"\(UI.Hardship.breadcrumbs)\"><ol><li><a href=\"/programs\">\(UI.Programs.programsTitle)</a></li>\(last)</ol></nav>"
    }

    static func stateTag(_ s: LoanState) -> HTML {
        let tone = switch s {
        case .closed: "ok"
        case .refused, .writtenOff: "bad"
        case .applied, .assessed: "warn"
        case .approved, .repaying: ""
        }
        return "<span class=\"tag \(tone)\">\(s.title)</span>"
    }

    static func list(actor: Actor, csrf: String?, flash: String, loans: [Loan], state: LoanState?, quota: (String, Money, Money)?) -> HTML {
        let filters = ([("", T.all)] + LoanState.allCases.map { ($0.rawValue, $0.title) }).map { value, title -> HTML in
            (state?.rawValue ?? "") == value ? "<li><strong aria-current=\"true\">\(title)</strong></li>"
                : "<li><a href=\"/loans\(value.isEmpty ? "" : "?state=" + value)\">\(title)</a></li>"
        }
        let rows = loans.map { l -> HTML in
            """
            <tr><td data-label="\(T.colNo)"><a href="/loans/\(String(l.id))">\(l.loanNo)</a></td><td data-label="\(T.colName)">\(l.name)</td>\
            <td data-label="\(T.colProject)"><span>\(l.projectKind.title) \(l.projectName)</span></td><td class="num" data-label="\(T.colAmount)">\(l.amount.groupedYuan)</td>\
            <td class="num" data-label="\(T.colOutstanding)">\(l.outstanding.groupedYuan)</td><td data-label="\(T.colState)">\(stateTag(l.state))</td></tr>
            """
        }
        let quotaTiles: HTML = quota.map { name, total, used in
            """
            <ul class="kpis" aria-label="\(T.quotaTitle)"><li><span class="n">\(used.groupedYuan)</span>\(T.quotaUsed(name))</li>\
            <li><span class="n">\(max(.zero, total - used).groupedYuan)</span>\(T.quotaLeft(total.groupedYuan))</li></ul>
            """
        } ?? .empty
        let body: HTML = """
        \(crumbs(nil))
        <p>\(T.intro)</p>
        \(quotaTiles)
        <div class="actions">\(actor.role.mayEditRegistry ? HTML("<a class=\"button\" href=\"/loans/new\">\(T.newLink)</a>") : .empty)\
        \(actor.role.mayDecideTransfers ? HTML(" <a href=\"/loans/repayments\">\(T.fileLink)</a>") : .empty) <a href="/loans/figures">\(T.figuresLink)</a></div>
        <nav aria-label="\(T.filterLabel)"><ul class="filters">\(filters)</ul></nav>
        \(loans.isEmpty ? HTML("<p class=\"muted\">\(T.none)</p>") : """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colNo)</th><th scope="col">\(T.colName)</th><th scope="col">\(T.colProject)</th>\
            <th scope="col" class="num">\(T.colAmount)</th><th scope="col" class="num">\(T.colOutstanding)</th><th scope="col">\(T.colState)</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """)
        """
        return Layout.page(T.title, actor: actor, csrf: csrf, section: .programs, flash: flash, body)
    }

    static func new(actor: Actor, csrf: String?, values v: [String: String], errors e: FieldErrors) -> HTML {
        let bases = [("", T.choose)] + LoanBasis.allCases.map { ($0.rawValue, $0.title) }
        let kinds = [("", T.choose)] + LoanProjectKind.allCases.map { ($0.rawValue, $0.title) }
        func f(_ label: String, _ name: String, type: String = "text", hint: String? = nil, required: Bool = false, decimal: Bool = false) -> HTML {
            Layout.field(label, name: name, value: v[name] ?? "", type: type, error: e[name], hint: hint, required: required,
                         attributes: decimal ? "inputmode=\"decimal\"" : "")
        }
        let body: HTML = """
        \(crumbs(T.newTitle))
        <p>\(T.newIntro)</p>
        \(Layout.formErrors(e))
        <form method="post" action="/loans/new" class="card form" novalidate>
        \(Layout.csrfField(csrf))
        <fieldset><legend>\(T.borrower)</legend>
        \(f(T.idNumber, "id_number", hint: T.idNumberHint, required: true))
        \(Layout.select(T.basis, name: "basis", options: bases, selected: v["basis"] ?? "", error: e["basis"]))
        \(Layout.checkbox(T.graduate, name: "graduate", checked: v["graduate"] == "1"))
        \(f(T.partnershipNo, "partnership_no", hint: T.partnershipHint))
        </fieldset>
        <fieldset><legend>\(T.project)</legend>
        \(Layout.select(T.projectKind, name: "project_kind", options: kinds, selected: v["project_kind"] ?? "", error: e["project_kind"]))
        \(f(T.projectName, "project_name", required: true))
        \(f(T.operatingSince, "operating_since", type: "date", hint: T.operatingHint, required: true))
        \(f(T.jobs, "jobs_created"))
        \(f(T.amount, "amount", hint: T.amountHint, required: true, decimal: true))
        </fieldset>
        <fieldset><legend>\(T.guarantor)</legend>
        \(f(T.gName, "g_name", required: true))
        \(f(T.gIDNumber, "g_id_number", required: true))
        \(f(T.gEmployer, "g_employer", required: true))
        \(f(T.gRelation, "g_relation"))
        \(f(T.gAmount, "g_amount", required: true, decimal: true))
        </fieldset>
        <button type="submit">\(T.submit)</button>
        </form>
        """
        return Layout.page(T.newTitle, actor: actor, csrf: csrf, section: .programs, body)
    }

    static func loan(_ m: LoanPageModel) -> HTML {
        let l = m.loan
        var facts: [(String, String)] = [(T.borrower, T.borrowerLine(l.name, l.basis.title)), (T.unit, l.orgCode), (T.project, "\(l.projectKind.title) \(l.projectName)"),
                                         (T.amount, l.amount.groupedYuan)]
        if let a = l.approved { facts.append((T.approvedAmount, a.groupedYuan)) }
        if let lent = l.lent, let on = l.lentOn { facts.append((T.lent, T.lentLine(lent.groupedYuan, on.iso))) }
        if l.lent != nil { facts.append((T.outstanding, l.outstanding.groupedYuan)) }
        if let o = m.details.officer { facts.append((T.officer, o)) }
        if l.jobsCreated > 0 { facts.append((T.jobsCreated, String(l.jobsCreated))) }
        if let off = l.writtenOff, let on = m.details.writtenOffOn { facts.append((T.writtenOff, T.writtenOffLine(off.groupedYuan, on.iso, m.details.writeOffReason ?? ""))) }
        if !l.recovered.isZero { facts.append((T.recovered, l.recovered.groupedYuan)) }
        if let r = l.reason { facts.append((T.reason, r)) }
        if l.state == .repaying { facts.append((T.overdue, m.overdue.bucket.map { T.overdueLine(m.overdue.days, $0.title) } ?? T.notOverdue)) }
        let dl = facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" as HTML }
        let guarantors = m.details.guarantors.map { "<li>\(T.guarantorLine($0.name, $0.idMasked, $0.employer, $0.relation, $0.amount.groupedYuan))</li>" as HTML }
        let checks: HTML = m.details.feasibility.map { fz in
            let items = zip(LoanFeasibility.checklist, fz.answers).map { "<li>\($0.1 ? "✓" : "✗") \($0.0)</li>" as HTML }
            return "<section class=\"card\"><h2>\(T.assessment)</h2><ul class=\"plain\">\(items)</ul><p>\(T.conclusion(fz.feasible, fz.officer, fz.note))</p></section>"
        } ?? .empty
        let body: HTML = """
        \(crumbs(l.loanNo))
        <p>\(stateTag(l.state))</p>
        \(Layout.formErrors(m.errors))
        <section class="card"><h2>\(T.factsTitle)</h2><dl class="fields">\(dl)</dl><p><a href="/members/\(String(l.memberID))">\(T.memberLink)</a></p><h3>\(T.guarantor)</h3><ul class="plain">\(guarantors)</ul></section>
        \(checks)
        \(step(m))
        \(schedule(m.details.schedule, repayments: m.details.repayments))
        \(followUp(m))
        """
        return Layout.page(T.loanTitle(l.loanNo, l.name), actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }

    /// The form of the step the loan waits for, for those who may take it.
    static func step(_ m: LoanPageModel) -> HTML {
        let l = m.loan, e = m.errors
        guard m.actor.role.mayDecideTransfers else { return .empty }
        switch l.state {
        case .applied:
            let items = LoanFeasibility.checklist.enumerated().map { Layout.checkbox($0.element, name: "check_\($0.offset)", checked: false) }
            return """
            <form method="post" action="/loans/\(String(l.id))/assess" class="card form" novalidate><h2>\(T.assessTitle)</h2>\(Layout.csrfField(m.csrf))
            \(Layout.checkbox(T.badCredit, name: "bad_credit", checked: false))
            <fieldset><legend>\(T.checklist)</legend>\(items)</fieldset>
            \(Layout.select(T.feasible, name: "feasible", options: [("1", T.yes), ("0", T.no)], selected: "1"))
            \(Layout.textarea(T.note, name: "note", error: e["note"], hint: T.noteHint))
            \(Layout.field(T.officer, name: "officer_name", value: m.value("officer_name"), hint: T.officerHint, required: true))
            <button type="submit">\(T.assessButton)</button></form>
            """
        case .assessed:
            return """
            <form method="post" action="/loans/\(String(l.id))/approve" class="card form"><h2>\(T.approveTitle)</h2>\(Layout.csrfField(m.csrf))
            <p>\(T.approveHint(l.amount.groupedYuan))</p><button type="submit">\(T.approveButton)</button></form>
            """
        case .approved:
            let methods = LoanRepaymentMethod.allCases.map { ($0.rawValue, $0.title) }
            return """
            <form method="post" action="/loans/\(String(l.id))/lend" class="card form" novalidate><h2>\(T.lendTitle)</h2>\(Layout.csrfField(m.csrf))
            <div class="grid three">
            \(Layout.field(T.lentAmount, name: "amount", value: m.value("amount", l.approved?.yuanString ?? ""), error: e["amount"], required: true, attributes: "inputmode=\"decimal\""))
            \(Layout.field(T.lentOn, name: "lent_on", value: m.value("lent_on", m.today.iso), type: "date", error: e["lent_on"], required: true))
            \(Layout.field(T.bank, name: "bank_name", value: m.value("bank_name"), error: e["bank_name"], required: true))
            \(Layout.field(T.rate, name: "rate", value: m.value("rate", "4.35"), error: e["rate"], required: true, attributes: "inputmode=\"decimal\""))
            \(Layout.field(T.months, name: "months", value: m.value("months", "24"), error: e["months"], required: true, attributes: "inputmode=\"numeric\""))
            \(Layout.field(T.subsidy, name: "subsidy", value: m.value("subsidy", "100"), error: e["subsidy"], hint: T.subsidyHint, required: true, attributes: "inputmode=\"decimal\""))
            </div>
            \(Layout.select(T.method, name: "method", options: methods, selected: m.value("method", LoanRepaymentMethod.equalInstalments.rawValue)))
            <button type="submit">\(T.lendButton)</button></form>
            """
        case .repaying:
            return """
            <form method="post" action="/loans/\(String(l.id))/repay" class="card form" novalidate><h2>\(T.repayTitle)</h2>\(Layout.csrfField(m.csrf))
            <div class="grid three">
            \(Layout.field(T.paidOn, name: "paid_on", value: m.value("paid_on", m.today.iso), type: "date", error: e["paid_on"], required: true))
            \(Layout.field(T.principal, name: "principal", value: m.value("principal"), error: e["principal"], required: true, attributes: "inputmode=\"decimal\""))
            \(Layout.field(T.interest, name: "interest", value: m.value("interest"), error: e["interest"], attributes: "inputmode=\"decimal\""))
            </div>
            \(Layout.field(T.reference, name: "reference", value: m.value("reference"), error: e["reference"], required: true))
            <button type="submit">\(T.repayButton)</button></form>
            """
        case .refused, .closed, .writtenOff:
            return .empty
        }
    }

    /// The schedule with what the borrower pays each month and the repayments recorded; the
    /// portal shows the same.
    static func schedule(_ schedule: [LoanInstalment], repayments: [LoanRepayment]) -> HTML {
        guard !schedule.isEmpty else { return .empty }
        let rows = schedule.map { i -> HTML in
            """
            <tr><td class="num" data-label="\(T.colSeq)">\(i.seq)</td><td data-label="\(T.colDue)">\(i.dueOn.iso)</td><td class="num" data-label="\(T.principal)">\(i.principal.groupedYuan)</td>\
            <td class="num" data-label="\(T.interest)">\(i.interest.groupedYuan)</td><td class="num" data-label="\(T.colSubsidy)">\(i.subsidy.groupedYuan)</td>\
            <td class="num" data-label="\(T.colPays)">\(i.borrowerPays.groupedYuan)</td></tr>
            """
        }
        let paid = repayments.map { "<li>\(T.repaymentLine($0))</li>" as HTML }
        return """
        <section aria-labelledby="h-schedule"><h2 id="h-schedule">\(T.scheduleTitle)</h2>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col" class="num">\(T.colSeq)</th><th scope="col">\(T.colDue)</th>\
        <th scope="col" class="num">\(T.principal)</th><th scope="col" class="num">\(T.interest)</th><th scope="col" class="num">\(T.colSubsidy)</th>\
        <th scope="col" class="num">\(T.colPays)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(repayments.isEmpty ? HTML.empty : "<h3>\(T.repaymentsTitle)</h3><ul class=\"plain\">\(paid)</ul>")</section>
        """
    }
}
