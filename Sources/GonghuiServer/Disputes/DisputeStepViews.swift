import Foundation
import GonghuiDomain
import GonghuiStore

/// The case page's step forms: only those the case's state allows, each with its problem beside it.
extension DisputeViews {
    static func stepsSection(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        let content: HTML
        if !m.mayHandle {
            content = "<p class=\"muted\">\(t.readOnly)</p>"
        } else if m.steps.isEmpty {
            content = "<p class=\"muted\">\(t.noSteps)</p>"
        } else {
            content = "\(m.steps.map { stepForm($0, m) })"
        }
        return """
        <section class="card" aria-labelledby="d-steps" id="steps"><h2 id="d-steps">\(t.stepsTitle)</h2>
        \(m.problem.flatMap { $0.field == nil ? HTML("<p class=\"error\" role=\"alert\">\($0.message)</p>") : nil } ?? .empty)
        \(content)
        </section>
        """
    }

    static func stepForm(_ step: String, _ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        let fields: HTML
        let title: String
        switch step {
        case "answer": title = t.answer; fields = Layout.textarea(t.reply, name: "reply", error: m.problem(step, field: "reply"), required: true)
        case "accept": title = t.accept; fields = .empty
        case "refuse": title = t.refuse; fields = Layout.field(t.reason, name: "reason", error: m.problem(step, field: "reason"), required: true)
        case "extend":
            title = t.extend
            fields = """
            \(Layout.field(t.extendDays, name: "days", type: "number", error: m.problem(step, field: "days"), required: true))
            \(Layout.field(t.reason, name: "extend_reason", error: m.problem(step, field: "reason"), required: true))
            """
        case "start_mediation":
            title = t.startMediation
            fields = """
            \(Layout.field(t.appliedOn, name: "applied_on", value: m.today.iso, type: "date", error: m.problem(step, field: "applied_on")))
            \(Layout.checkbox(t.oralApplication, name: "oral", checked: false))
            \(Layout.textarea(t.note, name: "mediation_note", hint: t.oralNoteHint))
            \(mediatorField(m, step: step))
            """
        case "record_agreement": title = t.recordAgreement; fields = termFields(m) + particularsFields(m, step: step)
        case "record_performance": title = t.recordPerformance; fields = performanceFields(m)
        case "end_mediation":
            title = t.endMediation
            let endings: [DisputeOutcome] = m.dispute.workflow.state == .performing ? [.arbitration] : [.noAgreement, .withdrawn, .arbitration]
            fields = """
            \(Layout.select(t.outcome, name: "outcome", options: [("", t.pleaseChoose)] + endings.map { ($0.rawValue, $0.title) }, selected: "",
                            error: m.problem(step, field: "outcome")))
            \(Layout.textarea(t.note, name: "end_note", error: m.problem(step, field: "note"), required: true))
            """
        case "resolve":
            title = t.resolve
            fields = """
            \(Layout.field(t.recoveredAmount, name: "recovered", error: m.problem(step, field: "recovered"), attributes: "inputmode=\"decimal\""))
            \(Layout.textarea(t.note, name: "resolve_note", error: m.problem(step, field: "note"), required: true))
            """
        default:
            title = t.transfer
            fields = """
            \(OrgPicker.inScope.field(t.transferTo, name: "org_code", value: "", error: m.problem(step, field: "org_code"), required: true))
            \(Layout.field(t.reason, name: "transfer_reason", error: m.problem(step, field: "reason"), required: true))
            """
        }
        let action = step == "transfer" ? "/disputes/\(m.dispute.id)/transfer" : "/disputes/\(m.dispute.id)/act"
        return """
        <form method="post" action="\(action)" class="step" novalidate>
        \(Layout.csrfField(m.csrf))
        <input type="hidden" name="action" value="\(step)"><input type="hidden" name="version" value="\(m.dispute.version)">
        <h3>\(title)</h3>
        \(fields)
        <button type="submit"\(step == "refuse" || step == "end_mediation" ? HTML(raw: " class=\"secondary\"") : .empty)>\(title)</button>
        </form>
        """
    }

    static func termFields(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        let rows = (1...3).map { i -> HTML in
            """
            <div class="grid row-group" role="group" aria-label="\(t.termRow(i))">
            \(Layout.field(t.termDescription, name: "term\(i)_text", error: m.problem("record_agreement", field: "term\(i)")))
            \(Layout.field(t.termAmount, name: "term\(i)_amount", attributes: "inputmode=\"decimal\""))
            \(Layout.field(t.termDueOn, name: "term\(i)_due", type: "date"))
            </div>
            """
        }
        return "\(rows)"
    }

    static func performanceFields(_ m: DisputeCasePageModel) -> HTML {
        let t = UI.Disputes.self
        let open = m.dispute.workflow.terms.enumerated().filter { $0.element.performedOn == nil }
        let options = open.map { (String($0.offset + 1), t.termOption($0.offset + 1, $0.element.description, $0.element.amount.groupedYuan, $0.element.dueOn.iso)) }
        return """
        \(Layout.select(t.termToRecord, name: "term", options: options, selected: options.first?.0 ?? ""))
        \(Layout.field(t.amountReceived, name: "amount", value: open.first?.element.amount.yuanString ?? "", error: m.problem("record_performance", field: "amount"),
                       attributes: "inputmode=\"decimal\""))
        """
    }

    /// The mediator field, prefilled with what was recorded (or the officer), offering the
    /// roster's names (the list itself is rendered once per page, `mediatorList`).
    static func mediatorField(_ m: DisputeCasePageModel, step: String) -> HTML {
        let p = m.mediation.particulars
        let list = m.mediatorChoices.isEmpty ? "" : " list=\"mediator-choices\""
        return Layout.field(UI.Disputes.mediator, name: "mediator", value: p.mediator.isEmpty ? m.actor.displayName : p.mediator,
                            error: m.problem(step, field: "mediator"), hint: UI.Mediators.fieldHint, attributes: list + " maxlength=\"50\"")
    }

    /// The roster's names for the mediator fields: the handling union's first, then those above.
    static func mediatorList(_ m: DisputeCasePageModel) -> HTML {
        guard !m.mediatorChoices.isEmpty else { return .empty }
        let options = m.mediatorChoices.map { x -> HTML in "<option value=\"\(x.name)\">\(UI.Mediators.choiceLabel(x))</option>" }
        return "<datalist id=\"mediator-choices\">\(options)</datalist>"
    }

    /// What the documents print beyond the case, prefilled with what was recorded.
    static func particularsFields(_ m: DisputeCasePageModel, step: String) -> HTML {
        let t = UI.Disputes.self, p = m.mediation.particulars
        return """
        <fieldset><legend>\(t.particularsLegend)</legend>
        \(mediatorField(m, step: step))
        \(Layout.field(t.employerRepresentative, name: "employer_representative", value: p.employerRepresentative, error: m.problem(step, field: "employer_representative")))
        \(Layout.field(t.employerAgent, name: "employer_agent", value: p.employerAgent, error: m.problem(step, field: "employer_agent")))
        \(Layout.field(t.workerAgent, name: "worker_agent", value: p.workerAgent, error: m.problem(step, field: "worker_agent")))
        \(Layout.field(t.paymentMethod, name: "payment_method", value: p.paymentMethod, error: m.problem(step, field: "payment_method"), hint: t.paymentMethodHint))
        \(Layout.textarea(t.claimsWaived, name: "claims_waived", value: p.claimsWaived, error: m.problem(step, field: "claims_waived"), hint: t.claimsWaivedHint))
        </fieldset>
        """
    }
}
