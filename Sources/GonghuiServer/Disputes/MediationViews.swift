import Foundation
import GonghuiDomain
import GonghuiStore

/// The case page's mediation card (particulars, sessions, documents, their forms) and the
/// document page for the printer.
extension DisputeViews {
    static func mediationSection(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self, r = m.mediation, p = r.particulars
        guard m.dispute.workflow.mediationAppliedOn != nil else { return .empty }
        func row(_ label: String, _ value: String) -> HTML { value.isEmpty ? .empty : "<dt>\(label)</dt><dd>\(value)</dd>" }
        let sessions: HTML = r.sessions.isEmpty ? "<p class=\"muted\">\(t.noSessions)</p>" : """
        <ol class="sessions">\(r.sessions.map { s -> HTML in
            "<li><strong>\(s.heldOn.iso)</strong> \(s.place)<br><span class=\"muted\">\(t.attendeesLine(s.attendees))</span><br>\(s.notes)</li>"
        })</ol>
        """
        return """
        <section class="card" aria-labelledby="d-mediation" id="mediation"><h2 id="d-mediation">\(t.mediationTitle)</h2>
        <dl class="fields">
        \(row(t.agreementNo, r.agreementNo ?? ""))\(row(t.mediator, p.mediator))\(row(t.employerRepresentative, p.employerRepresentative))
        \(row(t.employerAgent, p.employerAgent))\(row(t.workerAgent, p.workerAgent))\(row(t.paymentMethod, p.paymentMethod))\(row(t.claimsWaived, p.claimsWaived))
        </dl>
        \(documentLinks(m))
        <h3>\(t.sessionsTitle)</h3>
        \(sessions)
        \(m.maySaveSession ? sessionForm(m) : .empty)
        \(m.mayHandle ? particularsForm(m) : .empty)
        </section>
        """
    }

    /// The arbitration a case went on to: its clocks and the form to record it.
    static func arbitrationSection(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        guard m.dispute.workflow.outcome == .arbitration else { return .empty }
        let a = m.arbitration
        var facts: HTML = .empty
        if let a {
            let award: HTML = a.awardedOn.map { "<dt>\(t.arbAwardedOn)</dt><dd>\($0.iso)</dd><dt>\(t.arbResult)</dt><dd>\(a.result)</dd>" as HTML }
                ?? (a.awardDue(policy: m.policy).map { "<dt>\(t.arbAwardDue)</dt><dd>\(t.dueWithDays($0.iso, DisputeClocks.daysLeft(until: $0, today: m.today)))</dd>" as HTML } ?? .empty)
            let accepted: HTML = a.acceptedOn.map { "<dt>\(t.arbAcceptedOn)</dt><dd>\($0.iso)</dd>" as HTML }
                ?? "<dt>\(t.arbAcceptanceDue)</dt><dd>\(t.dueWithDays(a.acceptanceDue(policy: m.policy).iso, DisputeClocks.daysLeft(until: a.acceptanceDue(policy: m.policy), today: m.today)))</dd>"
            facts = "<dl class=\"fields\"><dt>\(t.arbCommission)</dt><dd>\(a.commission)</dd><dt>\(t.arbAppliedOn)</dt><dd>\(a.appliedOn.iso)</dd>\(accepted)\(award)</dl>"
        }
        let form: HTML = m.mayHandle ? """
        <form method="post" action="/disputes/\(m.dispute.id)/arbitration" class="step" novalidate>
        \(Layout.csrfField(m.csrf))
        \(Layout.field(t.arbCommission, name: "commission", value: a?.commission ?? "", error: m.problem("arbitration", field: "commission"), required: true))
        \(Layout.field(t.arbAppliedOn, name: "applied_on", value: a?.appliedOn.iso ?? "", type: "date", error: m.problem("arbitration", field: "applied_on"), required: true))
        \(Layout.field(t.arbAcceptedOn, name: "accepted_on", value: a?.acceptedOn?.iso ?? "", type: "date", error: m.problem("arbitration", field: "accepted_on")))
        \(Layout.checkbox(t.arbExtended, name: "extended", checked: a?.extended ?? false))
        \(Layout.field(t.arbAwardedOn, name: "awarded_on", value: a?.awardedOn?.iso ?? "", type: "date", error: m.problem("arbitration", field: "awarded_on")))
        \(Layout.textarea(t.arbResult, name: "result", value: a?.result ?? "", error: m.problem("arbitration", field: "result")))
        <button type="submit">\(t.arbSave)</button>
        </form>
        """ : .empty
        return """
        <section class="card" aria-labelledby="d-arbitration" id="arbitration"><h2 id="d-arbitration">\(t.arbTitle)</h2>
        \(a == nil ? HTML("<p class=\"muted\">\(t.arbNone)</p>") : facts)
        \(form)
        </section>
        """
    }

    /// A paper's kind and file, for the officers' upload form and the worker's.
    static func paperFields(error: String?, required: Bool = true, kindName: String = "kind") -> HTML {
        let t = UI.Disputes.self
        let kinds = DisputePaperKind.allCases.map { ($0.rawValue, $0.title) }
        let invalid: HTML = error == nil ? .empty : HTML(raw: " aria-describedby=\"file-error\" aria-invalid=\"true\"")
        return """
        \(Layout.select(t.paperKind, name: kindName, options: kinds, selected: DisputePaperKind.evidence.rawValue))
        <div class="field\(error == nil ? "" : " has-error")"><label for="f-file">\(required ? t.paperFile : t.paperFileOptional)</label>
        <input type="file" id="f-file" name="file" accept="application/pdf,image/jpeg,image/png"\(invalid)>
        \(Layout.errorNote("file", error))</div>
        """
    }

    /// The papers kept with the case, the upload form for those who handle it.
    static func papersSection(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        let open = !m.dispute.namesWithheld
        let items = m.papers.map { p -> HTML in
            let name: HTML = open ? "<a href=\"/disputes/\(m.dispute.id)/papers/\(p.id)\">\(p.filename)</a>" : HTML(stringLiteral: p.filename)
            return "<li>\(p.kind.title)\(UI.colon)\(name) <span class=\"muted\">\(t.paperMeta(Layout.number(p.size / 1024 + 1), p.uploadedBy, Layout.time(p.uploadedAt)))</span></li>"
        }
        let upload: HTML = m.mayHandle && open ? """
        <form method="post" action="/disputes/\(m.dispute.id)/papers" enctype="multipart/form-data" class="step" novalidate>
        \(Layout.csrfField(m.csrf))
        \(paperFields(error: m.problem("paper", field: "file")))
        <button type="submit">\(t.paperUpload)</button>
        </form>
        """ : .empty
        return """
        <section class="card" aria-labelledby="d-papers" id="papers"><h2 id="d-papers">\(t.papersTitle)</h2>
        \(m.papers.isEmpty ? HTML("<p class=\"muted\">\(t.noPapers)</p>") : "<ul class=\"documents\">\(items)</ul>")
        \(upload)
        </section>
        """
    }

    static func documentLinks(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        guard !m.documents.isEmpty else { return .empty }
        let items = m.documents.map { d -> HTML in
            if let reason = d.unavailable { return "<li>\(d.kind.title) <span class=\"muted\">\(t.unavailableNote(reason))</span></li>" }
            let base = "/disputes/\(m.dispute.id)/documents/\(d.kind.rawValue)"
            return "<li>\(t.documentLabel(d.kind.title))<a href=\"\(base)\">\(t.printPage)</a> · <a href=\"\(base)/docx\">\(t.downloadDocx)</a></li>"
        }
        return "<h3>\(t.documentsTitle)</h3><ul class=\"documents\">\(items)</ul>"
    }

    static func sessionForm(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        return """
        <form method="post" action="/disputes/\(m.dispute.id)/session" class="step" novalidate>
        \(Layout.csrfField(m.csrf))
        <h3>\(t.recordSession)</h3>
        \(Layout.field(t.heldOn, name: "held_on", value: m.today.iso, type: "date", error: m.problem("session", field: "held_on")))
        \(Layout.field(t.place, name: "place", error: m.problem("session", field: "place"), required: true))
        \(Layout.field(t.attendees, name: "attendees", error: m.problem("session", field: "attendees"), required: true))
        \(Layout.textarea(t.sessionNotes, name: "session_notes", error: m.problem("session", field: "notes"), required: true))
        <button type="submit">\(t.recordSession)</button>
        </form>
        """
    }

    static func particularsForm(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        return """
        <details><summary>\(t.editParticulars)</summary>
        <form method="post" action="/disputes/\(m.dispute.id)/particulars" class="step" novalidate>
        \(Layout.csrfField(m.csrf))
        \(particularsFields(m, step: "particulars"))
        <button type="submit">\(t.saveParticulars)</button>
        </form>
        </details>
        """
    }

    /// A document on its own page: the console's frame on screen, the document alone on paper.
    static func documentPage(_ m: MediationDocumentPageModel) -> HTML {
        let t = UI.Disputes.self
        let base = "/disputes/\(m.caseID)/documents/\(m.document.kind.rawValue)"
        let body: HTML = """
        <div class="actions no-print"><a class="button secondary" href="/disputes/\(m.caseID)">\(t.backToCase(m.caseNo))</a><a class="button secondary" href="\(base)/docx">\(t.downloadDocx)</a></div>
        <p class="muted no-print">\(t.printHint)</p>
        \(MediationDocumentFiles.html(m.document))
        """
        return Layout.page(m.document.title, actor: m.actor, csrf: m.csrf, section: .disputes, body)
    }
}
