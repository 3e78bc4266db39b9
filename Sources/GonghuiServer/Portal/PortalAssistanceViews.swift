import Foundation
import GonghuiDomain
import GonghuiStore

/// The worker's side of assistance: the cycles open to them, the application form and its
/// confirmation, the refusals, and the progress of each application.
enum PortalAssistanceViews {
    typealias P = UI.Portal

    // MARK: The list of cycles

    static func home(_ m: AssistanceHomeModel) -> HTML {
        let cards = m.cycles.map { c in
            cycleCard(c, application: m.application(to: c), today: m.today, needs: c.rules.unmetOnRecord(m.recorded), union: m.frame.member.orgName)
        }
        let cyclesHTML: HTML = m.cycles.isEmpty ? "<p>\(P.noOpenCycles)</p>" : HTML.join(cards)
        return PortalViews.page(m.frame, """
        <p><a href="/my/assistance/grants">\(P.myApplications)</a>\(P.myApplicationsNote)</p>
        <section class="card" aria-labelledby="h-ar"><h2 id="h-ar">\(P.ourArchive)</h2>\(archive(m.archive, member: m.frame.member))</section>
        <h2>\(P.openCycles)</h2>
        \(cyclesHTML)
        """)
    }

    /// The household's archive: its stage, and what it lets the worker apply for.
    static func archive(_ archive: HardshipArchiveSummary?, member: Member) -> HTML {
        guard let a = archive else { return "<p>\(P.noArchive(member.orgName))</p>" }
        let category: HTML = a.stage == .filed ? HTML("<dt>\(P.category)</dt><dd>\(a.category?.title ?? UI.none)</dd>") : .empty
        let note: HTML = a.stage == .filed ? "<p>\(P.archiveFiledNote)</p>" : "<p>\(P.archiveNotFiledNote)</p>"
        return """
        <dl class="fields"><dt>\(P.archiveStatus)</dt><dd>\(P.archiveStage(a.stage))</dd>\(category)<dt>\(P.archiveUnion)</dt><dd>\(a.orgName)</dd></dl>
        \(note)
        """
    }

    static func cycleCard(_ c: ProgramCycle, application: Grant?, today: CivilDate, needs: [String]? = nil, union: String = "") -> HTML {
        let action: HTML
        if let g = application {
            action = "<p><span class=\"tag info\">\(P.appliedThisCycle(g.state.title))</span> <a href=\"/my/assistance/grants\">\(P.seeProgress)</a></p>"
        } else if let needs {
            action = needsNotice(needs, union: union)
        } else if today < c.startsOn {
            action = "<p class=\"muted\">\(P.startsAccepting(c.startsOn.iso))</p>"
        } else {
            action = "<div class=\"actions\"><a class=\"button\" href=\"/my/assistance/\(c.id)/apply\">\(P.applyTitle(c.programName))</a></div>"
        }
        return """
        <section class="card" aria-labelledby="h-c\(c.id)"><h2 id="h-c\(c.id)">\(c.name)</h2>
        \(cycleFacts(c))
        \(action)
        </section>
        """
    }

    /// The cycle's dates and what it gives, rule by rule.
    static func cycleFacts(_ cycle: ProgramCycle) -> HTML {
        let rules = cycle.rules.rules.map { r -> HTML in
            "<li>\(P.ruleLine(amount: "<strong>\(P.amount(r.amount))</strong>", conditions: r.conditions.map(P.condition)))</li>"
        }
        return """
        <dl class="fields">
        <dt>\(P.program)</dt><dd>\(cycle.programName)</dd>
        <dt>\(P.acceptingFrom)</dt><dd>\(P.dateRange(cycle.startsOn.iso, cycle.endsOn.iso))</dd>
        <dt>\(P.ownerUnion)</dt><dd>\(cycle.ownerOrgName)</dd>
        </dl>
        <h3>\(P.amounts)</h3>
        <ul class="rules">\(rules)</ul>
        """
    }

    // MARK: Refusals

    static func refusal(_ r: ApplicationRefusal, cycle: ProgramCycle) -> HTML {
        switch r {
        case .closed(let message): closed(message)
        case .alreadyApplied: alreadyApplied(cycle)
        case .needs(let needs, let union): needsNotice(needs, union: union) + "<div class=\"actions\"><a class=\"button secondary\" href=\"/my/assistance\">\(P.otherPrograms)</a></div>"
        }
    }

    /// Before any form: what the cycle needs that the records do not show, and how to get it.
    static func needsNotice(_ needs: [String], union: String) -> HTML {
        let archive = needs.contains { $0.hasPrefix(P.archiveWord) }
        return """
        <div class="notice" role="status"><p>\(P.cycleNeeds)</p><ul class="rules">\(needs.map { "<li>\($0)</li>" as HTML })</ul>
        <p>\(archive ? P.howToFile(union) : P.askUnion(union))</p></div>
        """
    }

    static func alreadyApplied(_ cycle: ProgramCycle) -> HTML {
        """
        <div class="alert" role="alert"><p>\(P.alreadyApplied)</p></div>
        <p>\(P.progressOf(cycle.name))</p>
        <div class="actions"><a class="button" href="/my/assistance/grants">\(P.seeMyApplications)</a><a href="/my/assistance">\(P.backToPrograms)</a></div>
        """
    }

    static func closed(_ message: String) -> HTML {
        """
        <div class="alert" role="alert"><p>\(message)</p></div>
        <div class="actions"><a class="button secondary" href="/my/assistance">\(P.otherPrograms)</a></div>
        """
    }

    /// A withdrawal the grant's state no longer allows.
    static func cannotWithdraw(_ message: String) -> HTML {
        "<div class=\"alert\" role=\"alert\"><p>\(message)</p></div><p><a href=\"/my/assistance/grants\">\(P.backToMyApplications)</a></p>"
    }

    // MARK: The form

    static func applyForm(_ m: ApplyPageModel) -> HTML {
        let fields = declarationFields(m)
        let refusedHTML: HTML = m.refused.map { d in
            """
            <div class="alert" role="alert"><p>\(P.notEligible(m.cycle.name))</p></div>
            <section class="card" aria-labelledby="h-why"><h2 id="h-why">\(P.conditionsOfEachRule)</h2>\(checks(m.cycle, facts: m.applicant.facts, decision: d))
            <p class="muted">\(P.correctAndResubmit)</p></section>
            """
        } ?? .empty
        return """
        \(refusedHTML)
        \(Layout.formErrors(m.errors))
        \(cycleFacts(m.cycle))
        <form method="post" action="/my/assistance/\(m.cycle.id)/apply" class="card">
        \(Layout.csrfField(m.csrf))
        <input type="hidden" name="step" value="check">
        \(fields.isEmpty ? HTML("<p>\(P.nothingToDeclare)</p>") : HTML.join(fields))
        \(payee(m))
        <button type="submit">\(P.nextCheck)</button>
        </form>
        <p><a href="/my/assistance">\(P.backToPrograms)</a></p>
        """
    }

    /// The facts the cycle's rules look at.
    static func declarationFields(_ m: ApplyPageModel) -> [HTML] {
        let values = m.values, errors = m.errors
        var fields: [HTML] = []
        if let admissions = m.asks.admissions {
            fields.append(Layout.select(P.admission, name: "child_admission", options: [("", P.choose)] + admissions.map { ($0.rawValue, $0.title) },
                                        selected: values["child_admission"] ?? "", error: errors["child_admission"], hint: P.admissionHint))
        }
        if let illnesses = m.asks.illnesses {
            fields.append(Layout.select(P.illness, name: "illness", options: [("", P.choose)] + illnesses.map { ($0, $0) },
                                        selected: values["illness"] ?? "", error: errors["illness"], hint: P.illnessHint))
        }
        if m.asks.costs {
            fields.append(Layout.field(P.costs, name: "out_of_pocket", value: values["out_of_pocket"] ?? "", error: errors["out_of_pocket"],
                                       hint: P.costsHint, required: true, attributes: "inputmode=\"decimal\""))
        }
        if m.asks.outdoor {
            fields.append(Layout.checkbox(P.outdoorWorker, name: "outdoor_worker", checked: values["outdoor_worker"] == "1"))
        }
        return fields
    }

    /// The archive's account, or the fields of the worker's own.
    static func payee(_ m: ApplyPageModel) -> HTML {
        if let masked = m.applicant.archiveAccountMasked {
            return "<p>\(P.archiveAccount(bank: m.applicant.archiveBankName ?? "", account: "<span class=\"acct\">\(masked)</span>"))</p>"
        }
        return """
        <fieldset><legend>\(P.payee)</legend>
        <p class="hint">\(P.ownAccountOnly)</p>
        \(Layout.field(P.bankName, name: "bank_name", value: m.values["bank_name"] ?? "", error: m.errors["bank_name"], hint: P.bankNameHint, required: true))
        \(Layout.field(P.bankAccount, name: "bank_account", value: m.values["bank_account"] ?? "", error: m.errors["bank_account"], required: true,
                       autocomplete: "off", attributes: "inputmode=\"numeric\""))
        </fieldset>
        """
    }

    static func confirmation(_ m: ConfirmationModel) -> HTML {
        let hidden = AssistanceApplicationForm.fields.compactMap { name -> HTML? in
            guard let v = m.values[name], !v.isEmpty else { return nil }
            return "<input type=\"hidden\" name=\"\(name)\" value=\"\(v)\">"
        }
        let d = m.declaration
        var declared: [HTML] = []
        if let a = d.childAdmission { declared.append("<dt>\(P.admission)</dt><dd>\(a.title)</dd>") }
        if let i = d.illness { declared.append("<dt>\(P.illness)</dt><dd>\(i)</dd>") }
        if let c = d.outOfPocket { declared.append("<dt>\(P.costsPaid)</dt><dd>\(P.yuan(c.groupedYuan))</dd>") }
        if m.asksOutdoor { declared.append("<dt>\(P.outdoorWork)</dt><dd>\(d.outdoorWorker ? UI.yes : UI.no)</dd>") }
        let account: HTML = m.applicant.archiveAccountMasked.map { "\(m.applicant.archiveBankName ?? "") <span class=\"acct\">\($0)</span>\(P.fromArchive)" }
            ?? "\(d.bankName ?? "") <span class=\"acct\">\(d.bankAccount?.masked ?? "")</span>"
        return """
        <section class="card" aria-labelledby="h-give"><h2 id="h-give">\(P.checkApplication)</h2>
        <p class="amount">\(P.amountByRule(m.decision.ruleName ?? "", amount: "<strong>\(P.yuan(m.decision.amount.groupedYuan))</strong>"))</p>
        <dl class="fields">
        <dt>\(P.program)</dt><dd>\(m.cycle.name)</dd>
        \(declared)
        <dt>\(P.payee)</dt><dd>\(account)</dd>
        </dl>
        <h3>\(P.why)</h3>
        \(checks(m.cycle, facts: m.applicant.facts, decision: m.decision, onlyMatching: true))
        <p>\(P.amountHow(m.how))</p>
        <p class="muted">\(P.whatHappensNext)</p>
        </section>
        <form method="post" action="/my/assistance/\(m.cycle.id)/apply" class="card">
        \(Layout.csrfField(m.csrf))
        \(hidden)
        <div class="actions"><button type="submit" name="step" value="submit">\(P.confirmSubmit)</button>
        <button type="submit" name="step" value="edit" class="secondary" formnovalidate>\(P.backToEdit)</button></div>
        </form>
        """
    }

    /// The conditions of each rule checked against the worker's facts, in the rules' own words:
    /// which hold and which do not (only the rule that applies, when `onlyMatching`).
    static func checks(_ cycle: ProgramCycle, facts: GrantFacts, decision: GrantDecision, onlyMatching: Bool = false) -> HTML {
        let rules = cycle.rules.rules.filter { !onlyMatching || $0.name == decision.ruleName }
        let items = rules.map { rule -> HTML in
            let lines = rule.conditions.map { c -> HTML in
                let (met, text) = c.check(facts)
                return met ? "<li><span class=\"tag ok\">\(P.met)</span> \(text)</li>" : "<li><span class=\"tag bad\">\(P.notMet)</span> \(text)</li>"
            }
            return "<li><strong>\(rule.name)</strong>\(P.ruleAmount(P.amount(rule.amount)))<ul class=\"checks\">\(lines)</ul></li>"
        }
        return "<ul class=\"rules\">\(items)</ul>"
    }

    // MARK: The worker's applications

    static func applications(_ m: MyApplicationsModel) -> HTML {
        if m.items.isEmpty {
            return PortalViews.page(m.frame, """
            <p>\(P.noApplications)</p>
            <div class="actions"><a class="button" href="/my/assistance">\(P.applyForAssistance)</a></div>
            """)
        }
        return PortalViews.page(m.frame, """
        \(HTML.join(m.items.map { application($0, csrf: m.frame.csrf) }))
        <p><a href="/my/assistance">\(P.applyForOthers)</a></p>
        """)
    }

    static func application(_ item: MyApplicationsModel.Item, csrf: String) -> HTML {
        let g = item.grant
        // Taken back by the worker while the unions have not approved it yet.
        let withdraw: HTML = g.state == .submitted || g.state == .reviewed ? """
            <form method="post" action="/my/assistance/grants/\(String(g.id))/withdraw" class="actions">\(Layout.csrfField(csrf))\
            <button type="submit" class="secondary">\(P.withdraw)</button></form>
            """ : .empty
        return """
        <section class="card grant" aria-labelledby="h-g\(g.id)"><h2 id="h-g\(g.id)">\(item.cycle.name)</h2>
        \(progress(g, events: item.events))
        <dl class="fields">
        <dt>\(P.state)</dt><dd>\(ProgramViews.stateTag(g.state))</dd>
        <dt>\(P.grantAmount)</dt><dd>\(P.amountWithRule(g.amount.groupedYuan, rule: g.ruleName))</dd>
        <dt>\(P.appliedOn)</dt><dd>\(g.appliedOn.iso)</dd>
        <dt>\(P.channel)</dt><dd>\(g.channel == "portal" ? P.appliedOnline : P.appliedByUnion)</dd>
        </dl>
        \(stateNote(g))
        \(withdraw)
        </section>
        """
    }

    /// Where the application stands, in a sentence.
    static func stateNote(_ g: Grant) -> HTML {
        let account: HTML = "\(g.bankName) <span class=\"acct\">\(g.bankAccountMasked)</span>"
        return switch g.state {
        case .submitted: "<p>\(P.underReview)</p>"
        case .reviewed: "<p>\(P.reviewed)</p>"
        case .approved: "<p>\(P.approved(account: account))</p>"
        case .inBatch: "<p>\(P.inBatch(account: account))</p>"
        case .paid: "<div class=\"flash\"><p>\(P.paid(on: g.paidOn?.iso ?? "", amount: g.amount.groupedYuan, account: account))</p></div>"
        case .failed: "<div class=\"notice\"><p>\(P.failed(account: account, reason: g.failureReason))</p></div>"
        case .rejected: "<div class=\"alert\"><p>\(P.rejected(reason: g.reason ?? UI.none))</p><p>\(P.applyAgainWhenChanged)</p></div>"
        case .withdrawn: "<p>\(P.withdrawnNote)</p>"
        }
    }

    /// How far each of the four steps has got: done, the current one, or where it stopped.
    static func progress(_ g: Grant, events: [PortalGrantEvent]) -> HTML {
        func date(_ kind: String) -> String? { events.last { $0.kind == kind }.map { String(Layout.time($0.at).prefix(10)) } }
        let done: Int
        var stoppedAt: Int?
        switch g.state {
        case .submitted: done = 1
        case .reviewed: done = 2
        case .approved, .inBatch, .failed: done = 3
        case .paid: done = 4
        case .rejected, .withdrawn:
            // Refused (or taken back) at the grassroots review, or at approval after it was reviewed.
            let reviewed = events.contains { $0.kind == "reviewed" }
            done = reviewed ? 2 : 1
            stoppedAt = done
        }
        let dates: [String?] = [g.appliedOn.iso, date("reviewed"), date("approved"), g.paidOn?.iso]
        let items = P.steps.enumerated().map { i, name -> HTML in
            let when: HTML = i < done ? (dates[i].map { HTML("<span class=\"when\">\($0)</span>") } ?? .empty) : .empty
            if i == stoppedAt {
                return "<li class=\"stopped\" aria-current=\"step\">\(name)<span class=\"when\">\(g.state == .withdrawn ? P.withdrawnStep : P.refusedStep)</span></li>"
            }
            if i < done { return "<li class=\"done\">\(name)\(when)</li>" }
            if i == done && stoppedAt == nil {
                let extra: HTML = g.state == .failed ? "<span class=\"when\">\(P.notReceived)</span>" : g.state == .inBatch ? "<span class=\"when\">\(P.paying)</span>" : .empty
                let cls = g.state == .failed ? "current stopped" : "current"
                return "<li class=\"\(cls)\" aria-current=\"step\">\(name)\(extra)</li>"
            }
            return "<li>\(name)</li>"
        }
        return "<ol class=\"progress\" aria-label=\"\(P.progress)\">\(items)</ol>"
    }
}
