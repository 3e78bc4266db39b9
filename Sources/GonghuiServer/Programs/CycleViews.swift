import Foundation
import GonghuiDomain

private typealias Words = UI.Programs

/// The page of a cycle: rules, grants by state, the budget down the tree and allocating it,
/// applying on a worker's behalf, and the payment batches.
enum CycleViews {
    static func cycle(_ m: CyclePageModel) -> HTML {
        let c = m.cycle
        let flashHTML: HTML = m.generated.map { g -> HTML in
            "<p class=\"flash\" role=\"status\">\(Words.generated(made: g.made, skipped: g.skipped))</p>"
        } ?? .empty
        let state: HTML = c.isOpen ? HTML("<span class=\"tag ok\">\(Words.accepting)</span>") : HTML("<span class=\"tag\">\(Words.acceptanceEnded)</span>")
        let countItems = m.counts.map { s, n -> HTML in
            let shown = n >= 1000 ? "1000+" : Layout.number(n)
            return "<li><a href=\"/cycles/\(String(m.id))/grants?state=\(s.rawValue)\"><span class=\"n\">\(shown)</span>\(s.title)</a></li>"
        }
        let body: HTML = """
        \(ProgramViews.breadcrumbs([], current: "<li aria-current=\"page\">\(c.name)</li>"))
        \(flashHTML)
        <p>\(Words.parenthesized(c.programName, c.kind.title))· \(Words.cyclePeriod(c.startsOn.iso, c.endsOn.iso)) · \(state) · \(Words.ownerPrefix)\(c.ownerOrgName)</p>
        <div class="actions">\(actions(m))</div>
        <div class="grid two">
        <section class="card" aria-labelledby="h-rules"><h2 id="h-rules">\(Words.rulesAndAmounts)</h2>\(ProgramViews.rulesList(c.rules))</section>
        <section class="card" aria-labelledby="h-counts"><h2 id="h-counts">\(Words.grantCounts)</h2>
        <ul class="kpis counts">\(countItems)</ul></section>
        </div>
        <section aria-labelledby="h-budget"><h2 id="h-budget">\(Words.budget)</h2>
        \(budgetTable(m))
        \(m.mayAllocate ? allocateForm(m) : .empty)
        </section>
        \(m.mayApply ? applySection(m) : .empty)
        <section aria-labelledby="h-batches"><h2 id="h-batches">\(Words.batchesTitle)</h2>
        \(batchesSection(m))
        </section>
        """
        return Layout.page(c.name, actor: m.actor, csrf: m.csrf, section: .programs, flash: m.flash, body)
    }

    static func actions(_ m: CyclePageModel) -> [HTML] {
        let id = String(m.id)
        var actions: [HTML] = ["<a class=\"button secondary\" href=\"/cycles/\(id)/grants\">\(Words.grantList)</a>",
                               "<a class=\"button secondary\" href=\"/cycles/\(id)/report\">\(Words.report)</a>"]
        if m.mayGenerate {
            actions.append("""
            <form method="post" action="/cycles/\(id)/generate" class="inline">\(Layout.csrfField(m.csrf))<button type="submit" class="secondary">\(Words.generateGrants)</button></form>
            """)
        }
        if m.mayClose {
            actions.append("""
            <form method="post" action="/cycles/\(id)/close" class="inline">\(Layout.csrfField(m.csrf))<button type="submit" class="danger">\(Words.closeCycle)</button></form>
            """)
        }
        return actions
    }

    // MARK: Budget

    /// The budget table, indented by level below the actor's top row.
    static func budgetTable(_ m: CyclePageModel) -> HTML {
        let budgets = m.budgets
        if budgets.isEmpty { return "<p>\(Words.noBudget)</p>" }
        let codes = Set(budgets.map(\.orgCode))
        func depth(_ b: CycleBudget) -> Int {
            var d = 0, parent = b.parentCode
            while let p = parent, codes.contains(p), d < 6 { d += 1; parent = budgets.first { $0.orgCode == p }?.parentCode }
            return d
        }
        let tops = budgets.filter { b in b.parentCode.map { !codes.contains($0) } ?? true }
        let rows = budgets.map { b in budgetRow(b, depth: depth(b), m: m) }
        let yuan = ProgramViews.yuan
        let totalGiven = tops.map(\.allocated).sum(), totalReserved = budgets.map(\.reserved).sum()
        let totalPaid = budgets.map(\.paid).sum(), totalLeft = budgets.map(\.left).sum()
        return """
        <div class="table-wrap"><table class="stats stack"><caption>\(Words.budgetCaption)</caption>
        <thead><tr><th scope="col">\(Words.union)</th><th scope="col" class="num">\(Words.allocated)</th><th scope="col" class="num">\(Words.suballocated)</th><th scope="col" class="num">\(Words.reserved)</th><th scope="col" class="num">\(Words.paid)</th><th scope="col" class="num">\(Words.left)</th></tr></thead>
        <tbody>\(rows)</tbody>
        <tfoot><tr><th scope="row">\(Words.total)</th><td class="num" data-label="\(Words.allocated)">\(yuan(totalGiven))</td><td class="num" data-label="\(Words.suballocated)">\(UI.none)</td>
        <td class="num" data-label="\(Words.reserved)">\(yuan(totalReserved))</td><td class="num" data-label="\(Words.paid)">\(yuan(totalPaid))</td><td class="num" data-label="\(Words.left)">\(yuan(totalLeft))</td></tr></tfoot>
        </table></div>
        """
    }

    static func budgetRow(_ b: CycleBudget, depth: Int, m: CyclePageModel) -> HTML {
        let own = b.orgCode == m.actor.orgCode
        let yuan = ProgramViews.yuan
        return """
        <tr\(own ? HTML(raw: " class=\"row-own\"") : .empty)><th scope="row" class="lvl\(depth)" data-label="\(Words.union)"><a href="\(URLText.with("/cycles/\(m.id)/report", [("org", b.orgCode)]))">\(b.orgName)</a>\(own ? HTML("\(Words.ownLevel)") : .empty)</th>
        <td class="num" data-label="\(Words.allocated)">\(yuan(b.allocated))</td><td class="num" data-label="\(Words.suballocated)">\(yuan(b.suballocated))</td>
        <td class="num" data-label="\(Words.reserved)">\(yuan(b.reserved))</td><td class="num" data-label="\(Words.paid)">\(yuan(b.paid))</td>
        <td class="num" data-label="\(Words.left)"><strong>\(yuan(b.left))</strong></td></tr>
        """
    }

    /// Allocation to a direct child of the actor's union.
    static func allocateForm(_ m: CyclePageModel) -> HTML {
        let options = [("", Words.choose)] + m.children.map { ($0.org.code, Words.parenthesized($0.org.name, $0.org.code)) }
        let e = m.form.allocateErrors, v = m.form.allocate
        return """
        <form method="post" action="/cycles/\(String(m.id))/allocate" class="card" id="allocate"><h3>\(Words.allocateTitle)</h3>
        \(Layout.formErrors(e))
        \(Layout.csrfField(m.csrf))
        <p>\(Words.allocatableLeft)<strong>\(ProgramViews.yuan(m.ownBudget?.left ?? Money(fen: 0)))</strong>\(Words.allocateExplained)</p>
        \(Layout.select(Words.childUnion, name: "to_org_code", options: options, selected: v["to_org_code"] ?? "", error: e["to_org_code"]))
        \(Layout.field(Words.amountYuan, name: "amount", value: v["amount"] ?? "", error: e["amount"], hint: Words.allocateAmountHint, required: true, attributes: " inputmode=\"decimal\""))
        <button type="submit">\(Words.allocateButton)</button>
        </form>
        """
    }

    // MARK: Applying

    /// Applying on a worker's behalf: look up by name, then the form.
    static func applySection(_ m: CyclePageModel) -> HTML {
        let id = String(m.id)
        let decisionHTML: HTML = m.form.decision.map { d -> HTML in
            let lines = d.explanation.map { l -> HTML in "<li>\(l)</li>" }
            return "<div class=\"alert\" role=\"alert\" id=\"decision\"><h3>\(Words.ruleCheck)</h3><ol class=\"arithmetic\">\(lines)</ol></div>"
        } ?? .empty
        let e = m.form.applyErrors
        let generalErrors = FieldErrors(byField: e.byField, general: m.form.decision == nil ? e.general : [])
        return """
        <section class="card" aria-labelledby="h-apply" id="apply"><h2 id="h-apply">\(Words.applyTitle)</h2>
        <form method="get" action="/cycles/\(id)#apply" class="search" role="search">
        \(Layout.field(Words.findMember, name: "who", value: m.who, type: "search", hint: Words.findMemberHint))
        <button type="submit" class="secondary">\(UI.search)</button>
        </form>
        \(membersFound(m))
        \(Layout.formErrors(generalErrors))
        \(decisionHTML)
        \(applyForm(m))
        </section>
        """
    }

    static func membersFound(_ m: CyclePageModel) -> HTML {
        guard let page = m.found else { return .empty }
        let rows = page.items.map { member -> HTML in
            """
            <tr><td data-label="\(Words.memberID)">\(String(member.id))</td><td data-label="\(Words.personName)">\(member.name)</td><td data-label="\(Words.idNumber)">\(member.idNumberMasked)</td><td data-label="\(Words.ownerOrg)">\(member.orgName)</td>
            <td data-label="\(Words.operation)"><a href="\(URLText.with("/cycles/\(m.id)", [("member", String(member.id))]))#apply">\(Words.pick)</a></td></tr>
            """
        }
        if page.items.isEmpty { return "<p role=\"status\">\(Words.noMemberNamed(m.who))</p>" }
        return """
        <div class="table-wrap"><table class="stack"><caption class="muted">\(Words.membersNamed(m.who))</caption><thead><tr><th scope="col">\(Words.memberID)</th><th scope="col">\(Words.personName)</th><th scope="col">\(Words.idNumber)</th><th scope="col">\(Words.ownerOrg)</th><th scope="col">\(Words.operation)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    static func applyForm(_ m: CyclePageModel) -> HTML {
        let v = m.form.apply, e = m.form.applyErrors
        let memberValue = v["member_id"] ?? m.member
        let admissions = [("", Words.notDeclared)] + ChildAdmission.allCases.map { ($0.rawValue, $0.title) }
        let illnesses = [("", Words.notDeclared)] + HardshipVocab.majorIllnesses.map { ($0, $0) }
        return """
        <form method="post" action="/cycles/\(String(m.id))/apply">\(Layout.csrfField(m.csrf))
        \(Layout.field(Words.memberID, name: "member_id", value: memberValue, error: e["member_id"], hint: Words.memberIDHint, required: true, attributes: " inputmode=\"numeric\""))
        <fieldset><legend>\(Words.declaration)</legend>
        \(Layout.select(Words.childAdmitted, name: "child_admission", options: admissions, selected: v["child_admission"] ?? ""))
        \(Layout.select(Words.illness, name: "illness", options: illnesses, selected: v["illness"] ?? ""))
        \(Layout.field(Words.outOfPocketYuan, name: "out_of_pocket", value: v["out_of_pocket"] ?? "", error: e["out_of_pocket"], hint: Words.outOfPocketHint, attributes: " inputmode=\"decimal\""))
        \(Layout.checkbox(Words.outdoorWorker, name: "outdoor_worker", checked: v["outdoor_worker"] == "1"))
        </fieldset>
        <fieldset><legend>\(Words.ownAccount)</legend>
        \(Layout.field(Words.bankName, name: "bank_name", value: v["bank_name"] ?? "", error: e["bank_name"], attributes: " maxlength=\"100\""))
        \(Layout.field(Words.bankAccount, name: "bank_account", value: v["bank_account"] ?? "", error: e["bank_account"], hint: Words.bankAccountHint, attributes: " inputmode=\"numeric\" autocomplete=\"off\""))
        </fieldset>
        <button type="submit">\(Words.submitApplication)</button>
        </form>
        """
    }

    // MARK: Batches

    static func batchesSection(_ m: CyclePageModel) -> HTML {
        let yuan = ProgramViews.yuan
        let rows = m.batches.map { b -> HTML in
            """
            <tr><td data-label="\(Words.batchNo)"><a href="/batches/\(String(b.id))">\(b.batchNo)</a></td><td data-label="\(Words.state)">\(Words.batchState(b.state))</td>
            <td class="num" data-label="\(Words.lineCount)">\(Layout.number(b.lineCount))</td><td class="num" data-label="\(Words.amountYuan)">\(yuan(b.total))</td>
            <td data-label="\(Words.created)">\(Words.byAt(b.createdBy, Layout.time(b.createdAt)))</td></tr>
            """
        }
        let batchError: HTML = m.form.batchError.map { "<div class=\"alert\" role=\"alert\"><p>\($0)</p></div>" } ?? .empty
        let makeBatch: HTML = m.mayMakeBatch ? """
        <form method="post" action="/cycles/\(String(m.id))/batches" class="inline-form">\(Layout.csrfField(m.csrf))\(Layout.checkbox(UI.Cards.payToCard, name: "to_card", checked: false))<button type="submit">\(Words.makeBatch)</button>
        <span class="muted">\(Words.makeBatchHint)</span></form>
        """ : .empty
        return """
        \(batchError)
        \(makeBatch)
        \(m.batches.isEmpty ? HTML("<p>\(Words.noBatches)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(Words.batchNo)</th><th scope="col">\(Words.state)</th><th scope="col" class="num">\(Words.lineCount)</th><th scope="col" class="num">\(Words.amountYuan)</th><th scope="col">\(Words.created)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """)
        """
    }
}
