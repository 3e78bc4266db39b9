import Foundation
import GonghuiDomain
import GonghuiStore

/// The supervision pages rendered from their models. Pure: no store, no request.
enum SupervisionViews {
    typealias T = UI.Supervision

    static func stateTag(_ s: SupervisionState) -> HTML {
        let cls = switch s {
        case .open: "warn"
        case .referred: "bad"
        case .corrected, .decided: ""
        }
        return "<span class=\"tag \(cls)\">\(s.title)</span>"
    }

    static func crumbs(_ current: String?) -> HTML {
        let last: HTML = current.map { "<li><a href=\"/supervision\">\(T.title)</a></li><li aria-current=\"page\">\($0)</li>" } ?? "<li aria-current=\"page\">\(T.title)</li>"
        return "<nav class=\"breadcrumbs\" aria-label=\"\(UI.Hardship.breadcrumbs)\"><ol><li><a href=\"/disputes\">\(UI.Disputes.listTitle)</a></li>\(last)</ol></nav>"
    }

    static func nextStep(_ step: SupervisionNextStep?) -> HTML {
        guard let step else { return HTML(stringLiteral: UI.none) }
        return step.isDue ? "<strong>\(T.nextStepText(step))</strong>" : HTML(stringLiteral: T.nextStepText(step))
    }

    static func row(_ m: SupervisionMatter, today: CivilDate) -> HTML {
        """
        <tr><td data-label="\(T.colNo)"><a href="/supervision/\(m.id)">\(m.matterNo)</a></td><td data-label="\(T.colEmployer)">\(m.employerName)</td>\
        <td data-label="\(T.colOrg)">\(m.orgName)</td><td data-label="\(T.colLatest)">\(m.latest.map { "\($0.kind.shortTitle) \($0.number)" } ?? UI.none)</td>\
        <td data-label="\(T.colState)">\(stateTag(m.state))</td><td data-label="\(T.colNext)">\(nextStep(m.nextStep(today: today)))</td></tr>
        """
    }

    static func table(_ rows: [HTML]) -> HTML {
        """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colNo)</th><th scope="col">\(T.colEmployer)</th><th scope="col">\(T.colOrg)</th>\
        <th scope="col">\(T.colLatest)</th><th scope="col">\(T.colState)</th><th scope="col">\(T.colNext)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """
    }

    static func list(_ m: SupervisionListPageModel) -> HTML {
        let states = [("", T.allStates)] + SupervisionState.allCases.map { ($0.rawValue, $0.title) }
        let worklist: HTML = m.worklist.isEmpty ? "<p class=\"muted\">\(T.worklistNone)</p>" : table(m.worklist.map { row($0.matter, today: m.today) })
        let listed: HTML = m.items.isEmpty ? "<p>\(T.none)</p>" : """
            <p class="muted">\(T.total(Layout.number(m.total)))</p>
            \(table(m.items.map { row($0, today: m.today) }))
            \(Layout.pager(base: "/supervision", query: [("state", m.state.isEmpty ? nil : m.state)], offset: m.offset, limit: SupervisionListPageModel.pageSize,
                           total: m.total, shown: m.items.count))
            """
        let body: HTML = """
        \(crumbs(nil))
        <p>\(T.intro)</p>
        \(m.actor.role.mayEditRegistry ? HTML("<div class=\"actions\"><a class=\"button\" href=\"/supervision/new\">\(T.newMatter)</a></div>") : .empty)
        <section class="card" aria-labelledby="sv-work"><h2 id="sv-work">\(T.worklistTitle)</h2>\(worklist)</section>
        <section aria-labelledby="sv-list"><h2 id="sv-list">\(T.listTitle)</h2>
        <form method="get" action="/supervision" class="search card" role="search">
        \(Layout.select(T.filterState, name: "state", options: states, selected: m.state))
        <button type="submit">\(T.show)</button>
        </form>
        \(listed)
        </section>
        """
        return Layout.page(T.title, actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func employer(_ e: SupervisionEmployer) -> HTML {
        let rows = e.cases.map { c -> HTML in
            """
            <tr><td data-label="\(T.colCase)"><a href="/disputes/\(c.id)">\(c.caseNo)</a></td><td data-label="\(T.colReceived)">\(c.receivedOn.iso)</td>\
            <td data-label="\(T.colWorkers)">\(c.workers)</td><td data-label="\(T.colTypes)">\(c.types.map(\.title).joined(separator: T.typeSeparator))</td>\
            <td data-label="\(T.colClaimed)">\(c.amountClaimed.groupedYuan)</td><td data-label="\(T.colCaseState)">\(c.stateTitle)</td></tr>
            """
        }
        let link = URLText.with("/supervision/new", [("employer", e.name), ("code", e.creditCode)]) + "#sv-form"
        let past: HTML = e.matters.isEmpty ? .empty
            : "<p>\(T.pastMatters)\(HTML.join(e.matters.map { m -> HTML in "<a href=\"/supervision/\(m.id)\">\(m.matterNo)</a> \(stateTag(m.state))" }, separator: HTML(stringLiteral: T.matterSeparator)))</p>"
        let cases: HTML = e.cases.isEmpty ? .empty : """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colCase)</th><th scope="col">\(T.colReceived)</th><th scope="col">\(T.colWorkers)</th>\
            <th scope="col">\(T.colTypes)</th><th scope="col">\(T.colClaimed)</th><th scope="col">\(T.colCaseState)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        return """
        <section class="card"><h3>\(e.name)\(e.creditCode.map { " <span class=\"muted\">\($0)</span>" as HTML } ?? .empty)</h3>
        <p>\(T.casesOf(e.cases.count))</p>
        \(cases)
        \(past)
        <p><a class="button secondary" href="\(link)">\(T.choose)</a></p>
        </section>
        """
    }

    static func form(_ m: SupervisionFormPageModel) -> HTML {
        let v = m.values, e = m.errors
        let results: HTML = m.query.isEmpty ? .empty
            : m.found.isEmpty ? "<p>\(T.noEmployer)</p>" : HTML.join(m.found.map(employer))
        let kinds = [SupervisionLetterKind.reminder, .opinion].map { ($0.rawValue, $0.shortTitle) }
        let caseOptions = [("", T.noCase)] + (m.chosen?.cases ?? []).map { (String($0.id), T.caseOption($0.caseNo, $0.receivedOn.iso)) }
        let body: HTML = """
        \(crumbs(T.formTitle))
        <form method="get" action="/supervision/new" class="search card" role="search">
        \(Layout.field(T.searchLabel, name: "q", value: m.query, hint: T.searchHint))
        <button type="submit">\(T.search)</button>
        </form>
        \(results)
        <form method="post" action="/supervision/new" class="card form" id="sv-form" novalidate>
        \(Layout.csrfField(m.csrf))
        \(Layout.formErrors(e))
        <div class="grid three">
        \(Layout.field(T.employerName, name: "employer_name", value: v["employer_name"] ?? "", error: e["employer_name"], required: true, attributes: " maxlength=\"100\""))
        \(Layout.field(T.creditCode, name: "employer_credit_code", value: v["employer_credit_code"] ?? "", error: e["employer_credit_code"], attributes: " maxlength=\"18\""))
        \(Layout.select(T.caseID, name: "case_id", options: caseOptions, selected: v["case_id"] ?? "", error: e["case_id"]))
        </div>
        \(Layout.textarea(T.violation, name: "violation", value: v["violation"] ?? "", error: e["violation"], required: true))
        \(Layout.textarea(T.legalBasis, name: "legal_basis", value: v["legal_basis"] ?? "", error: e["legal_basis"], hint: T.legalBasisHint, required: true))
        \(Layout.textarea(T.correction, name: "correction", value: v["correction"] ?? "", error: e["correction"], required: true))
        <div class="grid three">
        \(Layout.select(T.firstLetter, name: "first_letter", options: kinds, selected: v["first_letter"] ?? "", error: e["first_letter"]))
        \(Layout.field(T.issuedOn, name: "issued_on", value: v["issued_on"] ?? "", type: "date", error: e["issued_on"], required: true))
        \(Layout.field(T.laborDepartment, name: "labor_department", value: v["labor_department"] ?? "", error: e["labor_department"], hint: T.laborDepartmentHint))
        </div>
        <button type="submit">\(T.submit)</button>
        </form>
        """
        return Layout.page(T.formTitle, actor: m.actor, csrf: m.csrf, section: .disputes, body)
    }

    static func matter(_ m: SupervisionPageModel) -> HTML {
        let s = m.matter
        let letters = s.letters.map { l -> HTML in
            let base = "/supervision/\(s.id)/letters/\(l.id)"
            let answer: HTML = l.answeredOn.map { on in
                HTML(stringLiteral: T.answered(on.iso, l.kind == .proposal ? s.decision?.title : l.answerResult?.title, !l.answeredInTime))
                    + (l.answer.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? .empty)
            } ?? HTML(stringLiteral: l.kind == .proposal ? UI.none : T.noAnswer)
            return """
            <tr><td data-label="\(T.colLetterNo)">\(l.number)</td><td data-label="\(T.colKind)">\(l.kind.shortTitle)</td><td data-label="\(T.colIssued)">\(l.issuedOn.iso)</td>\
            <td data-label="\(T.colRecipient)">\(l.recipient)</td><td data-label="\(T.colDue)">\(l.dueOn?.iso ?? UI.none)</td><td data-label="\(T.colAnswer)">\(answer)</td>\
            <td><a href="\(base)">\(T.print)</a> · <a href="\(base)/docx">\(T.docx)</a></td></tr>
            """
        }
        let related: HTML = s.caseID.map { "<dt>\(T.relatedCase)</dt><dd><a href=\"/disputes/\($0)\">\(s.caseNo ?? String($0))</a></dd>" } ?? .empty
        let decision: HTML = s.decision.map { d in "<dt>\(T.decision)</dt><dd>\(d.title)\(s.decisionNote.map { "<br>\($0)" as HTML } ?? .empty)</dd>" } ?? .empty
        let body: HTML = """
        \(crumbs(s.matterNo))
        <section class="card" aria-labelledby="sv-summary"><h2 id="sv-summary">\(s.employerName)</h2>
        <p>\(stateTag(s.state)) \(nextStep(s.nextStep(today: m.today)))</p>
        <dl class="fields">
        <dt>\(T.creditCode)</dt><dd>\(s.employerCreditCode ?? UI.none)</dd>
        <dt>\(T.colOrg)</dt><dd>\(s.orgName)</dd>
        \(related)
        <dt>\(T.colOpened)</dt><dd>\(s.openedOn.iso)</dd>
        <dt>\(T.violation)</dt><dd>\(s.violation)</dd>
        <dt>\(T.legalBasis)</dt><dd>\(s.legalBasis)</dd>
        <dt>\(T.correction)</dt><dd>\(s.correction)</dd>
        <dt>\(T.laborDepartment)</dt><dd>\(s.laborDepartment ?? UI.none)</dd>
        \(decision)
        \(s.closedOn.map { "<dt>\(T.closedOn)</dt><dd>\($0.iso)</dd>" as HTML } ?? .empty)
        </dl></section>
        <section class="card" aria-labelledby="sv-letters"><h2 id="sv-letters">\(T.lettersTitle)</h2>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colLetterNo)</th><th scope="col">\(T.colKind)</th><th scope="col">\(T.colIssued)</th>\
        <th scope="col">\(T.colRecipient)</th><th scope="col">\(T.colDue)</th><th scope="col">\(T.colAnswer)</th><th scope="col">\(T.lettersTitle)</th></tr></thead>\
        <tbody>\(letters)</tbody></table></div>
        </section>
        \(steps(m))
        """
        return Layout.page(T.pageTitle(s.matterNo), actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func steps(_ m: SupervisionPageModel) -> HTML {
        let s = m.matter
        guard s.state.isOpen else { return .empty }
        guard m.mayHandle else { return "<p class=\"muted\">\(T.readOnly)</p>" }
        let head: HTML = "\(Layout.csrfField(m.csrf))<input type=\"hidden\" name=\"version\" value=\"\(s.version)\">"
        let general: HTML = m.errors.general.isEmpty ? .empty : "<p class=\"error\" role=\"alert\">\(m.errors.general.joined(separator: UI.reasonSeparator))</p>"
        var forms: [HTML] = []
        if s.state == .open, let latest = s.latest, latest.kind != .proposal, latest.answeredOn == nil {
            let results = [("", T.pleaseChoose)] + SupervisionAnswerResult.allCases.map { ($0.rawValue, $0.title) }
            forms.append("""
                <form method="post" action="/supervision/\(s.id)/answer" class="step" novalidate>\(head)
                <h3>\(T.answerTitle(latest.kind.shortTitle, latest.number))</h3>
                <div class="grid two">
                \(Layout.field(T.answeredOn, name: "answered_on", value: m.today.iso, type: "date", error: m.error("answer", "answered_on"), required: true))
                \(Layout.select(T.answerResult, name: "answer_result", options: results, selected: "", error: m.error("answer", "answer_result")))
                </div>
                \(Layout.textarea(T.answer, name: "answer", error: m.error("answer", "answer"), required: true))
                <button type="submit">\(T.answerButton)</button>
                </form>
                """)
        }
        for kind in s.issuable {
            let recipient = kind == .proposal ? (s.laborDepartment ?? "") : s.employerName
            forms.append("""
                <form method="post" action="/supervision/\(s.id)/issue" class="step" novalidate>\(head)
                <input type="hidden" name="kind" value="\(kind.rawValue)">
                <h3>\(T.issueTitle(kind.shortTitle))</h3>
                <div class="grid two">
                \(Layout.field(T.issuedOn, name: "issued_on", value: m.today.iso, type: "date", error: m.error("issue", "issued_on"), required: true))
                \(Layout.field(T.recipient, name: "recipient", value: recipient, error: m.error("issue", "recipient"), hint: T.recipientHint))
                </div>
                <p class="muted">\(T.reviseHint)</p>
                \(Layout.textarea(T.violation, name: "violation", error: m.error("issue", "violation")))
                \(Layout.textarea(T.correction, name: "correction", error: m.error("issue", "correction")))
                <button type="submit"\(s.nextStep(today: m.today)?.isDue == true ? HTML.empty : HTML(raw: " class=\"secondary\""))>\(T.issueButton)</button>
                </form>
                """)
        }
        if s.state == .referred {
            let decisions = [("", T.pleaseChoose)] + LaborDepartmentDecision.allCases.map { ($0.rawValue, $0.title) }
            forms.append("""
                <form method="post" action="/supervision/\(s.id)/decide" class="step" novalidate>\(head)
                <h3>\(T.decideTitle)</h3>
                <div class="grid two">
                \(Layout.field(T.decidedOn, name: "decided_on", value: m.today.iso, type: "date", error: m.error("decide", "decided_on"), required: true))
                \(Layout.select(T.decision, name: "decision", options: decisions, selected: "", error: m.error("decide", "decision")))
                </div>
                \(Layout.textarea(T.decisionNote, name: "decision_note", error: m.error("decide", "decision_note")))
                <button type="submit">\(T.decideButton)</button>
                </form>
                """)
        }
        return """
        <section class="card" aria-labelledby="sv-steps"><h2 id="sv-steps">\(T.stepsTitle)</h2>
        \(general)
        \(forms)
        </section>
        """
    }

    static func letterPage(_ m: SupervisionLetterPageModel) -> HTML {
        let base = "/supervision/\(m.matter.id)/letters/\(m.letterID)"
        let body: HTML = """
        <div class="actions no-print"><a class="button secondary" href="/supervision/\(m.matter.id)">\(T.backTo(m.matter.matterNo))</a>\
        <a class="button secondary" href="\(base)/docx">\(UI.Disputes.downloadDocx)</a></div>
        <p class="muted no-print">\(UI.Disputes.printHint)</p>
        \(MediationDocumentFiles.html(title: m.document.title, blocks: m.document.blocks))
        """
        return Layout.page(m.document.title, actor: m.actor, csrf: m.csrf, section: .disputes, body)
    }
}
