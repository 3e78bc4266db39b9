import Foundation
import GonghuiDomain
import GonghuiStore

/// The legal-aid pages rendered from their models. Pure: no store, no request.
enum LegalAidViews {
    typealias T = UI.LegalAid

    static func stateTag(_ s: LegalAidState) -> HTML {
        let cls = switch s {
        case .applied: "warn"
        case .refused: "bad"
        case .approved, .assigned: "info"
        case .concluded: ""
        }
        return "<span class=\"tag \(cls)\">\(s.title)</span>"
    }

    static func crumbs(_ current: String?) -> HTML {
        let last: HTML = current.map { "<li><a href=\"/legal-aid\">\(T.title)</a></li><li aria-current=\"page\">\($0)</li>" } ?? "<li aria-current=\"page\">\(T.title)</li>"
        return "<nav class=\"breadcrumbs\" aria-label=\"\(UI.Hardship.breadcrumbs)\"><ol><li><a href=\"/disputes\">\(UI.Disputes.listTitle)</a></li>\(last)</ol></nav>"
    }

    static func list(_ m: LegalAidListPageModel) -> HTML {
        let states = [("", T.allStates)] + LegalAidState.allCases.map { ($0.rawValue, $0.title) }
        let rows = m.items.map { a -> HTML in
            """
            <tr><td data-label="\(T.colNo)"><a href="/legal-aid/\(a.id)">\(a.applicationNo)</a></td><td data-label="\(T.colApplied)">\(a.appliedOn.iso)</td>\
            <td data-label="\(T.colName)">\(a.name)</td><td data-label="\(T.colMatter)">\(a.matter.title)</td><td data-label="\(T.colOrg)">\(a.orgName)</td>\
            <td data-label="\(T.colState)">\(stateTag(a.state))</td><td data-label="\(T.colLawyer)">\(a.lawyer.map { T.lawyerLine($0.firm, $0.name) } ?? UI.none)</td></tr>
            """
        }
        let actions: HTML = """
            <div class="actions">\(m.actor.role.mayEditRegistry ? HTML("<a class=\"button\" href=\"/legal-aid/new\">\(T.newApplication)</a>") : .empty)\
            <a class="button secondary" href="/legal-aid/lawyers">\(T.lawyersLink)</a></div>
            """
        let table: HTML = m.items.isEmpty ? "<p>\(T.none)</p>" : """
            <p class="muted">\(T.total(Layout.number(m.total)))</p>
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colNo)</th><th scope="col">\(T.colApplied)</th><th scope="col">\(T.colName)</th>\
            <th scope="col">\(T.colMatter)</th><th scope="col">\(T.colOrg)</th><th scope="col">\(T.colState)</th><th scope="col">\(T.colLawyer)</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            \(Layout.pager(base: "/legal-aid", query: [("state", m.state.isEmpty ? nil : m.state)], offset: m.offset, limit: LegalAidListPageModel.pageSize,
                           total: m.total, shown: m.items.count))
            """
        let body: HTML = """
        \(crumbs(nil))
        <p>\(T.intro)</p>
        \(actions)
        <form method="get" action="/legal-aid" class="search card" role="search">
        \(Layout.select(T.filterState, name: "state", options: states, selected: m.state))
        <button type="submit">\(T.show)</button>
        </form>
        \(table)
        """
        return Layout.page(T.title, actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func form(_ m: LegalAidFormPageModel) -> HTML {
        let v = m.values, e = m.errors
        let matters = [("", T.pleaseChoose)] + LegalAidMatter.allCases.map { ($0.rawValue, $0.title) }
        let related: HTML = m.caseNo.map { no in
            "<p>\(T.relatedCaseLabel)<a href=\"/disputes/\(v["case_id"] ?? "")\">\(no)</a></p><input type=\"hidden\" name=\"case_id\" value=\"\(v["case_id"] ?? "")\">"
        } ?? .empty
        let body: HTML = """
        \(crumbs(T.formTitle))
        <form method="post" action="/legal-aid/new" class="card form" novalidate>
        \(Layout.csrfField(m.csrf))
        \(Layout.formErrors(e))
        \(related)
        <div class="grid three">
        \(Layout.field(T.name, name: "name", value: v["name"] ?? "", error: e["name"], required: true, attributes: " maxlength=\"50\""))
        \(Layout.field(T.idNumber, name: "id_number", value: v["id_number"] ?? "", error: e["id_number"], required: true, attributes: " maxlength=\"18\" autocomplete=\"off\""))
        \(Layout.field(T.phone, name: "phone", value: v["phone"] ?? "", type: "tel", error: e["phone"], attributes: " inputmode=\"tel\""))
        </div>
        <div class="grid three">
        \(Layout.select(T.matter, name: "matter", options: matters, selected: v["matter"] ?? "", error: e["matter"]))
        \(Layout.field(T.appliedOn, name: "applied_on", value: v["applied_on"] ?? "", type: "date", error: e["applied_on"], required: true))
        \(Layout.field(T.orgCode, name: "org_code", value: v["org_code"] ?? "", error: e["org_code"], hint: T.orgHint))
        </div>
        \(Layout.textarea(T.request, name: "request", value: v["request"] ?? "", error: e["request"], required: true))
        <button type="submit">\(T.submit)</button>
        </form>
        """
        return Layout.page(T.formTitle, actor: m.actor, csrf: m.csrf, section: .disputes, body)
    }

    static func application(_ m: LegalAidPageModel) -> HTML {
        let a = m.application
        let checks = a.assessment.checks.map { c -> HTML in
            """
            <tr><td data-label="\(T.colRule)">\(c.rule)</td><td data-label="\(T.colResult)">\(c.passed ? HTML("<span class=\"tag\">\(T.passed)</span>") : HTML("<span class=\"tag bad\">\(T.failed)</span>"))</td>\
            <td data-label="\(T.colDetail)">\(c.detail)</td><td data-label="\(T.colSource)">\(c.source)</td></tr>
            """
        }
        let verdict = a.assessment.decidingRule.map { T.ineligible($0.rule) } ?? T.eligible
        let decision: HTML = a.decidedBy.map { who in
            "<dt>\(T.decision)</dt><dd>\(T.decidedBy(a.state == .refused ? T.refuse : T.approve, who, a.decidedOn?.iso ?? ""))\(a.decisionNote.map { "<br>\($0)" as HTML } ?? .empty)</dd>"
        } ?? .empty
        let lawyer: HTML = a.lawyer.map { l in "<dt>\(T.lawyer)</dt><dd>\(T.assignedLine(T.lawyerLine(l.firm, l.name), a.assignedOn?.iso ?? ""))</dd>" } ?? .empty
        let outcome: HTML = a.outcome.map { o in
            "<dt>\(T.outcome)</dt><dd>\(T.outcomeLine(o.title, a.obtained.groupedYuan, a.fee.groupedYuan, a.concludedOn?.iso ?? ""))\(a.outcomeNote.map { "<br>\($0)" as HTML } ?? .empty)</dd>"
        } ?? .empty
        let related: HTML = a.caseID.map { "<dt>\(T.relatedCase)</dt><dd><a href=\"/disputes/\($0)\">\(a.caseNo ?? String($0))</a></dd>" } ?? .empty
        let body: HTML = """
        \(crumbs(a.applicationNo))
        <section class="card" aria-labelledby="la-summary"><h2 id="la-summary">\(a.matter.title)</h2>
        <p>\(stateTag(a.state))</p>
        <dl class="fields">
        <dt>\(T.applicant)</dt><dd>\(T.applicantLine(a.name, a.idMasked, a.phoneMasked))</dd>
        <dt>\(T.colOrg)</dt><dd>\(a.orgName)</dd>
        \(related)
        <dt>\(T.appliedOn)</dt><dd>\(a.appliedOn.iso)</dd>
        <dt>\(T.request)</dt><dd>\(a.request)</dd>
        \(decision)
        \(lawyer)
        \(outcome)
        </dl></section>
        <section class="card" aria-labelledby="la-rules"><h2 id="la-rules">\(T.assessmentTitle(verdict))</h2>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colRule)</th><th scope="col">\(T.colResult)</th><th scope="col">\(T.colDetail)</th>\
        <th scope="col">\(T.colSource)</th></tr></thead><tbody>\(checks)</tbody></table></div>
        <p>\(T.prioritiesLine(a.assessment.priorities))</p>
        </section>
        \(documents(a))
        \(steps(m))
        """
        return Layout.page(T.pageTitle(a.applicationNo), actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    /// The papers: each to read and print, and as DOCX, or the reason it is not there yet.
    static func documents(_ a: LegalAidCase) -> HTML {
        let items = LegalAidDocument.Kind.allCases.map { kind -> HTML in
            if let why = LegalAidDocument.unavailable(kind, for: a) { return "<li>\(kind.title) <span class=\"muted\">\(why)</span></li>" }
            let base = "/legal-aid/\(a.id)/documents/\(kind.rawValue)"
            return "<li><a href=\"\(base)\">\(kind.title)</a> · <a href=\"\(base)/docx\">\(T.docx)</a></li>"
        }
        return "<section class=\"card\" aria-labelledby=\"la-docs\"><h2 id=\"la-docs\">\(T.documents)</h2><ul>\(items)</ul></section>"
    }

    static func documentPage(_ m: LegalAidDocumentPageModel) -> HTML {
        let base = "/legal-aid/\(m.application.id)/documents/\(m.document.kind.rawValue)"
        let body: HTML = """
        <div class="actions no-print"><a class="button secondary" href="/legal-aid/\(m.application.id)">\(T.backTo(m.application.applicationNo))</a>\
        <a class="button secondary" href="\(base)/docx">\(UI.Disputes.downloadDocx)</a></div>
        <p class="muted no-print">\(UI.Disputes.printHint)</p>
        \(MediationDocumentFiles.html(title: m.document.title, blocks: m.document.blocks))
        """
        return Layout.page(m.document.title, actor: m.actor, csrf: m.csrf, section: .disputes, body)
    }

    static func steps(_ m: LegalAidPageModel) -> HTML {
        let a = m.application
        guard a.state.isOpen else { return .empty }
        guard m.mayHandle else { return "<p class=\"muted\">\(T.readOnly)</p>" }
        let head: HTML = "\(Layout.csrfField(m.csrf))<input type=\"hidden\" name=\"version\" value=\"\(a.version)\">"
        let general: HTML = m.errors.general.isEmpty ? .empty : "<p class=\"error\" role=\"alert\">\(m.errors.general.joined(separator: UI.reasonSeparator))</p>"
        var forms: [HTML] = []
        switch a.state {
        case .applied:
            let approve: HTML = a.assessment.eligible
                ? "<button type=\"submit\" name=\"decision\" value=\"approve\">\(T.approve)</button>" : .empty
            forms.append("""
                <form method="post" action="/legal-aid/\(a.id)/decide" class="step" novalidate>\(head)
                <h3>\(T.decideTitle)</h3>
                \(Layout.textarea(T.decisionNote, name: "decision_note", error: m.error("decide", "decision_note")))
                <div class="actions">\(approve)<button type="submit" name="decision" value="refuse" class="secondary">\(T.refuse)</button></div>
                </form>
                """)
        case .approved, .assigned:
            let options = [("", T.pleaseChoose)] + m.lawyers.map { (String($0.id), T.lawyerLine($0.firm, $0.name)) }
            forms.append(m.lawyers.isEmpty ? "<p>\(T.noLawyers) <a href=\"/legal-aid/lawyers\">\(T.lawyersLink)</a></p>" : """
                <form method="post" action="/legal-aid/\(a.id)/assign" class="step" novalidate>\(head)
                <h3>\(T.assignTitle)</h3>
                \(Layout.select(T.lawyer, name: "lawyer_id", options: options, selected: a.lawyer.map { String($0.id) } ?? "", error: m.error("assign", "lawyer_id")))
                <button type="submit"\(a.state == .assigned ? HTML(raw: " class=\"secondary\"") : .empty)>\(T.assignButton)</button>
                </form>
                """)
            if a.state == .assigned {
                let outcomes = [("", T.pleaseChoose)] + LegalAidOutcome.allCases.map { ($0.rawValue, $0.title) }
                forms.append("""
                    <form method="post" action="/legal-aid/\(a.id)/conclude" class="step" novalidate>\(head)
                    <h3>\(T.concludeTitle)</h3>
                    <div class="grid two">
                    \(Layout.select(T.outcome, name: "outcome", options: outcomes, selected: "", error: m.error("conclude", "outcome")))
                    \(Layout.field(T.concludedOn, name: "concluded_on", value: m.today.iso, type: "date", error: m.error("conclude", "concluded_on"), required: true))
                    \(Layout.field(T.obtained, name: "obtained", error: m.error("conclude", "obtained"), attributes: " inputmode=\"decimal\""))
                    \(Layout.field(T.fee, name: "fee", error: m.error("conclude", "fee"), attributes: " inputmode=\"decimal\""))
                    </div>
                    \(Layout.textarea(T.outcomeNote, name: "outcome_note", error: m.error("conclude", "outcome_note")))
                    <button type="submit">\(T.concludeButton)</button>
                    </form>
                    """)
            }
        default: break
        }
        return """
        <section class="card" aria-labelledby="la-steps"><h2 id="la-steps">\(T.stepsTitle)</h2>
        \(general)
        \(forms)
        </section>
        """
    }

    static func roster(_ m: LegalAidRosterPageModel) -> HTML {
        let own = m.actor.orgCode
        let rows = m.lawyers.map { l -> HTML in
            let toggle: HTML = m.mayEdit && l.orgCode == own ? """
                <form method="post" action="/legal-aid/lawyers/\(l.id)/active">\(Layout.csrfField(m.csrf))<input type="hidden" name="active" value="\(l.active ? "0" : "1")">\
                <button type="submit" class="secondary">\(l.active ? T.deactivate : T.reactivate)</button></form>
                """ : "\(UI.none)"
            return """
            <tr><td data-label="\(T.lawyerName)">\(l.name)</td><td data-label="\(T.colFirm)">\(l.firm)</td><td data-label="\(T.colLicence)">\(l.licenceNo)</td>\
            <td data-label="\(T.colPhone)">\(l.phoneMasked ?? UI.none)</td><td data-label="\(T.colSpecialties)">\(l.specialties)</td><td data-label="\(T.colUnion)">\(l.orgCode)</td>\
            <td data-label="\(T.colState)">\(l.active ? T.active : T.inactive)</td><td data-label="\(T.colActions)">\(toggle)</td></tr>
            """
        }
        let table: HTML = m.lawyers.isEmpty ? "<p>\(T.noLawyersInRoster)</p>" : """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.lawyerName)</th><th scope="col">\(T.colFirm)</th><th scope="col">\(T.colLicence)</th>\
            <th scope="col">\(T.colPhone)</th><th scope="col">\(T.colSpecialties)</th><th scope="col">\(T.colUnion)</th><th scope="col">\(T.colState)</th>\
            <th scope="col">\(T.colActions)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let v = m.values, e = m.errors
        let form: HTML = m.mayEdit ? """
            <form method="post" action="/legal-aid/lawyers" class="card form" novalidate>
            <h2>\(T.addTitle)</h2>
            \(Layout.csrfField(m.csrf))
            \(Layout.formErrors(e))
            <div class="grid three">
            \(Layout.field(T.lawyerName, name: "name", value: v["name"] ?? "", error: e["name"], required: true))
            \(Layout.field(T.firm, name: "firm", value: v["firm"] ?? "", error: e["firm"], required: true))
            \(Layout.field(T.licenceNo, name: "licence_no", value: v["licence_no"] ?? "", error: e["licence_no"], required: true, attributes: " inputmode=\"numeric\" maxlength=\"17\""))
            \(Layout.field(T.colPhone, name: "phone", value: v["phone"] ?? "", type: "tel", error: e["phone"], attributes: " inputmode=\"tel\""))
            \(Layout.field(T.specialties, name: "specialties", value: v["specialties"] ?? "", error: e["specialties"]))
            </div>
            <button type="submit">\(UI.save)</button>
            </form>
            """ : .empty
        let body: HTML = """
        \(crumbs(T.rosterTitle))
        <p>\(T.rosterIntro)</p>
        \(table)
        \(form)
        """
        return Layout.page(T.rosterTitle, actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    /// The case page's section: the case's applications and, for a handler, the link to apply.
    static func caseSection(_ m: DisputeCasePageModel) -> HTML {
        let list: HTML = m.legalAid.isEmpty ? "<p class=\"muted\">\(T.caseNone)</p>" : """
            <ul>\(m.legalAid.map { a -> HTML in "<li><a href=\"/legal-aid/\(a.id)\">\(a.applicationNo)</a> \(a.name) · \(a.matter.title) \(stateTag(a.state))</li>" })</ul>
            """
        let apply: HTML = m.mayHandle ? "<p><a class=\"button secondary\" href=\"/legal-aid/new?case=\(m.dispute.id)\">\(T.applyForCase)</a></p>" : .empty
        return """
        <section class="card" aria-labelledby="d-legal-aid"><h2 id="d-legal-aid">\(T.caseSection)</h2>
        \(list)
        \(apply)
        </section>
        """
    }
}
