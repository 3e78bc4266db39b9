import Foundation
import GonghuiDomain

/// 我的维权 rendered: the worker's cases, the filing form, one case's steps, deadline, agreement
/// and rating. Phone-sized first.
enum PortalDisputeViews {
    typealias P = UI.PortalDisputes

    static func list(_ frame: WorkerFrame, cases: [PortalDispute], legalAid: [(application: LegalAidCase, lawyerPhone: String?)] = [], today: CivilDate) -> HTML {
        let items = cases.map { c -> HTML in
            """
            <li class="card"><a href="/my/disputes/\(String(c.id))"><strong>\(c.caseNo)</strong></a> \(DisputeViews.stateTag(c.workflow.state))<br>
            <span class="muted">\(P.summaryLine(c.employerName, DisputeViews.types(c.types), c.workflow.receivedOn.iso))</span>
            \(c.dueOn.map { "<br>" + HTML(stringLiteral: P.nextDeadline($0.iso, DisputeClocks.daysLeft(until: $0, today: today))) } ?? .empty)</li>
            """
        }
        let body: HTML = """
        <p>\(P.intro)</p>
        <div class="actions"><a class="button" href="/my/disputes/new">\(P.fileButton)</a><a class="button secondary" href="/my/legal-aid/new">\(UI.LegalAid.portalApply)</a></div>
        \(cases.isEmpty ? HTML("<p class=\"muted\">\(P.noCases)</p>") : "<ul class=\"plain\">\(items)</ul>")
        \(legalAidSection(legalAid))
        <p class="muted">\(P.hotline)</p>
        """
        return PortalViews.page(frame, body)
    }

    /// The worker's legal-aid applications: where each stands, the reason of a refusal, the lawyer
    /// and how to reach them, the outcome.
    static func legalAidSection(_ items: [(application: LegalAidCase, lawyerPhone: String?)]) -> HTML {
        guard !items.isEmpty else { return .empty }
        let t = UI.LegalAid.self
        let rows = items.map { item -> HTML in
            let a = item.application
            var lines: [HTML] = ["<strong>\(a.applicationNo)</strong> \(LegalAidViews.stateTag(a.state))<br><span class=\"muted\">\(t.portalLine(a.matter.title, a.appliedOn.iso, a.orgName))</span>"]
            if a.state == .refused, let why = a.decisionNote { lines.append("<br>\(t.portalRefused(why))") }
            if let l = a.lawyer { lines.append("<br>\(t.portalLawyer(t.lawyerLine(l.firm, l.name), item.lawyerPhone))") }
            if let o = a.outcome { lines.append("<br>\(t.outcomeLine(o.title, a.obtained.groupedYuan, a.fee.groupedYuan, a.concludedOn?.iso ?? ""))") }
            return "<li class=\"card\">\(lines)</li>"
        }
        return "<h2>\(t.portalTitle)</h2><ul class=\"plain\">\(rows)</ul>"
    }

    /// The worker's own application for legal aid: the matter, what for, and which case.
    static func legalAidForm(_ frame: WorkerFrame, cases: [PortalDispute], values: [String: String], errors e: FieldErrors) -> HTML {
        let t = UI.LegalAid.self
        let matters = [("", t.pleaseChoose)] + LegalAidMatter.allCases.map { ($0.rawValue, $0.title) }
        let caseOptions = [("", t.portalNoCase)] + cases.map { (String($0.id), t.portalCaseOption($0.caseNo, $0.employerName)) }
        let body: HTML = """
        <p>\(t.portalFormIntro)</p>
        <form method="post" action="/my/legal-aid/new" class="card form" novalidate>
        \(Layout.csrfField(frame.csrf))
        \(Layout.formErrors(e))
        \(Layout.select(t.matter, name: "matter", options: matters, selected: values["matter"] ?? "", error: e["matter"]))
        \(Layout.select(t.relatedCase, name: "case_id", options: caseOptions, selected: values["case_id"] ?? "", error: e["case_id"]))
        \(Layout.textarea(t.request, name: "request", value: values["request"] ?? "", error: e["request"], hint: t.portalRequestHint, required: true))
        <button type="submit">\(t.portalSubmit)</button>
        </form>
        """
        return PortalViews.page(frame, body)
    }

    static func form(_ frame: WorkerFrame, _ f: PortalDisputeForm, errors: FieldErrors) -> HTML {
        PortalViews.page(frame, formBody(f, errors: errors, csrf: frame.csrf, action: "/my/disputes/new", person: .empty, paper: true))
    }

    /// The filing form for someone without an account: who they are and which county union first.
    static func guestForm(csrf: String, _ f: PortalDisputeForm, counties: [(code: String, name: String)], errors: FieldErrors) -> HTML {
        let person: HTML = """
        <p>\(P.guestIntro)</p>
        \(Layout.field(P.name, name: "name", value: f["name"], error: errors["name"], required: true, autocomplete: "name"))
        \(Layout.field(P.idNumber, name: "id_number", value: f["id_number"], error: errors["id_number"], required: true, autocomplete: "off"))
        \(Layout.field(P.phone, name: "phone", value: f["phone"], type: "tel", error: errors["phone"], required: true, autocomplete: "tel"))
        \(Layout.select(P.county, name: "org_code", options: [("", P.pleaseChoose)] + counties.map { ($0.code, $0.name) }, selected: f["org_code"],
                        error: errors["org_code"]))
        """
        return Layout.bare(P.guestTitle, portal: true, formBody(f, errors: errors, csrf: csrf, action: "/my/disputes/guest", person: person))
    }

    /// `paper`: the form takes a paper with it (a member's filing; a guest brings papers to the
    /// union when identity is confirmed).
    static func formBody(_ f: PortalDisputeForm, errors: FieldErrors, csrf: String, action: String, person: HTML, paper: Bool = false) -> HTML {
        let kinds = [(DisputeRequestKind.complaint.rawValue, P.kindComplaint), (DisputeRequestKind.request.rawValue, P.kindRequest)]
        let types = DisputeType.allCases.map { t in Layout.checkbox(t.title, name: "type_\(t.rawValue)", checked: f.types.contains(t.rawValue)) }
        return """
        \(Layout.formErrors(errors))
        <form method="post" action="\(action)" class="card"\(paper ? HTML(raw: " enctype=\"multipart/form-data\"") : .empty) novalidate>
        \(Layout.csrfField(csrf))
        \(person)
        \(Layout.select(P.kind, name: "kind", options: kinds, selected: f["kind"].isEmpty ? DisputeRequestKind.complaint.rawValue : f["kind"]))
        \(Layout.field(P.employerName, name: "employer_name", value: f["employer_name"], error: errors["employer_name"], required: true))
        \(Layout.field(P.employerCode, name: "employer_credit_code", value: f["employer_credit_code"], error: errors["employer_credit_code"], hint: P.employerCodeHint))
        <fieldset\(errors["types"] == nil ? HTML.empty : HTML(raw: " aria-describedby=\"types-error\""))><legend>\(P.types)</legend>\(Layout.errorNote("types", errors["types"]))\(types)</fieldset>
        \(Layout.field(P.amount, name: "amount", value: f["amount"], error: errors["amount"], attributes: "inputmode=\"decimal\""))
        \(Layout.textarea(P.facts, name: "facts", value: f["facts"], error: errors["facts"], hint: P.factsHint, required: true))
        \(Layout.field(P.learnedOn, name: "learned_on", value: f["learned_on"], type: "date", error: errors["learned_on"], hint: P.learnedOnHint))
        \(Layout.field(P.endedOn, name: "employment_ended_on", value: f["employment_ended_on"], type: "date", error: errors["employment_ended_on"]))
        \(Layout.checkbox(P.mediation, name: "mediation", checked: f["mediation"] == "1"))
        \(Layout.checkbox(P.confidential, name: "confidential", checked: f["confidential"] == "1"))
        <p class="muted">\(P.confidentialHint)</p>
        \(paper ? DisputeViews.paperFields(error: errors["file"], required: false, kindName: "paper_kind") : .empty)
        <button type="submit">\(P.submit)</button>
        </form>
        """
    }

    /// The case as a person without an account sees it after filing or looking it up.
    static func guestCase(_ c: PortalDispute, csrf: String, filed: Bool) -> HTML {
        let note: HTML = filed ? "<p class=\"flash\" role=\"status\">\(P.guestFiled(c.caseNo))</p>" : .empty
        return Layout.bare(P.caseTitle(c.caseNo), portal: true, note + caseBody(c, today: .today(), agreementLink: false) + "<p><a href=\"/my/disputes/track\">\(P.trackLink)</a></p>")
    }

    static func track(csrf: String, caseNo: String, errors: FieldErrors) -> HTML {
        Layout.bare(P.trackTitle, portal: true, """
        \(Layout.formErrors(errors))
        <form method="post" action="/my/disputes/track" class="card" novalidate>
        \(Layout.csrfField(csrf))
        \(Layout.field(P.caseNo, name: "case_no", value: caseNo, required: true, autocomplete: "off"))
        \(Layout.field(P.idNumber, name: "id_number", required: true, autocomplete: "off"))
        <button type="submit">\(P.track)</button>
        </form>
        """)
    }

    static func detail(_ frame: WorkerFrame, _ c: PortalDispute, papers: [DisputePaper], today: CivilDate, ratingError: String? = nil,
                       paperError: String? = nil) -> HTML {
        PortalViews.page(frame, caseBody(c, today: today, agreementLink: true) + """
        \(papersCard(c, papers: papers, csrf: frame.csrf, error: paperError))
        \(rating(c, csrf: frame.csrf, error: ratingError))
        <p><a href="/my/disputes">\(P.backToList)</a></p>
        """)
    }

    static func caseBody(_ c: PortalDispute, today: CivilDate, agreementLink: Bool) -> HTML {
        let steps = c.steps.map { s -> HTML in "<li><strong>\(s.onDate.iso)</strong> \(P.step(s.kind))</li>" }
        let due: HTML = c.dueOn.map { "<dt>\(P.deadline)</dt><dd>\(P.nextDeadline($0.iso, DisputeClocks.daysLeft(until: $0, today: today)))</dd>" } ?? .empty
        let agreement: HTML = c.agreementNo == nil || !agreementLink ? .empty : """
        <p><a class="button secondary" href="/my/disputes/\(String(c.id))/agreement">\(P.downloadAgreement)</a> <span class="muted">\(c.agreementNo ?? "")</span></p>
        """
        let body: HTML = """
        <section class="card" aria-labelledby="h-case"><h2 id="h-case">\(P.caseSummary)</h2>
        <dl class="fields">
        <dt>\(P.state)</dt><dd>\(DisputeViews.stateTag(c.workflow.state))\(c.workflow.outcome.map { " " + HTML(stringLiteral: $0.title) } ?? .empty)</dd>
        \(due)
        <dt>\(P.handlingUnion)</dt><dd>\(c.handlingOrgName)<br><span class="muted">\(P.hotline)</span></dd>
        <dt>\(P.employerName)</dt><dd>\(c.employerName)</dd>
        <dt>\(P.typesLabel)</dt><dd>\(DisputeViews.types(c.types))</dd>
        <dt>\(P.receivedOn)</dt><dd>\(c.workflow.receivedOn.iso)</dd>
        \(c.workflow.recovered.fen > 0 ? HTML("<dt>\(P.recovered)</dt><dd>\(UI.Hardship.yuan(c.workflow.recovered.groupedYuan))</dd>") : .empty)
        </dl>
        \(agreement)
        </section>
        <section class="card" aria-labelledby="h-steps"><h2 id="h-steps">\(P.stepsTitle)</h2><ol class="sessions">\(steps)</ol></section>
        """
        return body
    }

    /// The papers the worker added, and while the case is open the form to add one more.
    static func papersCard(_ c: PortalDispute, papers: [DisputePaper], csrf: String, error: String?) -> HTML {
        let open = c.workflow.state != .closed
        guard open || !papers.isEmpty || error != nil else { return .empty }
        let items = papers.map { p -> HTML in
            "<li>\(p.kind.title)\(UI.colon)\(p.filename) <span class=\"muted\">\(Layout.time(p.uploadedAt))</span></li>"
        }
        let form: HTML = open ? """
        <form method="post" action="/my/disputes/\(String(c.id))/papers" enctype="multipart/form-data" novalidate>
        \(Layout.csrfField(csrf))
        \(DisputeViews.paperFields(error: error))
        <button type="submit" class="secondary">\(UI.Disputes.paperUpload)</button>
        </form>
        """ : Layout.errorNote("file", error)
        return """
        <section class="card" aria-labelledby="h-papers" id="papers"><h2 id="h-papers">\(P.papersTitle)</h2>
        <p class="muted">\(P.papersIntro)</p>
        \(papers.isEmpty ? HTML.empty : "<ul class=\"documents\">\(items)</ul>")
        \(form)
        </section>
        """
    }

    static func rating(_ c: PortalDispute, csrf: String, error: String?) -> HTML {
        if let r = c.rating {
            return "<section class=\"card\"><h2>\(P.ratingTitle)</h2><p>\(P.rated(r.score))</p>\(r.comment.isEmpty ? HTML.empty : "<p>\(r.comment)</p>")</section>"
        }
        guard c.mayRate else { return .empty }
        let options = (1...5).reversed().map { (String($0), P.scoreLabel($0)) }
        return """
        <section class="card" aria-labelledby="h-rate"><h2 id="h-rate">\(P.ratingTitle)</h2>
        <form method="post" action="/my/disputes/\(String(c.id))/rate" novalidate>
        \(Layout.csrfField(csrf))
        \(Layout.select(P.score, name: "score", options: [("", P.pleaseRate)] + options, selected: "", error: error))
        \(Layout.textarea(P.comment, name: "comment"))
        <button type="submit">\(P.rate)</button>
        </form></section>
        """
    }
}

/// An inbox (消息) as a list, for officers and workers alike.
enum InboxViews {
    static func list(_ items: [InboxItem], unread: Int, csrf: String?, action: String) -> HTML {
        let t = UI.Inbox.self
        let rows = items.map { i -> HTML in
            let title: HTML = i.link.map { "<a href=\"\($0)\">\(i.title)</a>" } ?? HTML(stringLiteral: i.title)
            return """
            <li class="card\(i.isRead ? "" : " unread")"><span class="tag\(i.kind == .todo ? " warn" : "")">\(i.kind.title)</span> \(i.isRead ? title : "<strong>\(title)</strong>")<br>\
            \(i.body)<br><span class="muted">\(Layout.time(i.createdAt))</span></li>
            """
        }
        let markAll: HTML = unread > 0 ? """
            <form method="post" action="\(action)" class="actions">\(Layout.csrfField(csrf))<button type="submit" class="secondary">\(t.markAllRead)</button></form>
            """ : .empty
        return """
        <p>\(t.unread(unread))</p>
        \(markAll)
        \(items.isEmpty ? HTML("<p class=\"muted\">\(t.empty)</p>") : "<ul class=\"plain inbox\">\(rows)</ul>")
        """
    }
}
