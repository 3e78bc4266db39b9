import Foundation
import GonghuiDomain
import GonghuiStore

/// The claim form (理赔申请表) as the unit's officer and the worker fill it: the benefit, the
/// event's dates and costs, the account and the papers. Read into a draft, or into the errors
/// beside each field; rendered the same in the console and the portal.
struct MutualAidClaimForm {
    typealias T = UI.MutualAidClaims
    static let fields = ["id_number", "benefit", "event_on", "discharged_on", "diagnosis", "disability_grade", "total_cost", "insurance_paid", "bank_name",
                         "bank_account", "papers", "round"]
    /// One file input per kind of paper.
    static let paperKinds: [MutualAidPaperKind] = [.dischargeSummary, .invoice, .settlement, .diagnosis, .certificate]

    var values: [String: String]
    var errors = FieldErrors()

    init(values: [String: String] = [:]) { self.values = values }

    subscript(_ field: String) -> String { values[field] ?? "" }

    /// Reads the form; the draft is nil when a field could not be read (each error beside it).
    static func read(_ form: WebForm, round: MutualAidRound) -> (MutualAidClaimForm, MutualAidClaimDraft?) {
        var f = MutualAidClaimForm(values: Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0]) }))
        let benefit = round.terms.benefits.first { $0.code == form["benefit"] }
        if benefit == nil { f.errors.add("benefit", T.chooseBenefit) }
        let on = f.errors.date("event_on", form["event_on"])
        let kind = benefit?.event ?? .hospitalStay
        let discharged = kind == .hospitalStay ? f.errors.date("discharged_on", form["discharged_on"]) : nil
        let total = kind == .hospitalStay ? f.errors.money("total_cost", form["total_cost"], missing: T.totalCost) : nil
        let insurance = kind == .hospitalStay ? f.errors.money("insurance_paid", form["insurance_paid"], missing: nil) : nil
        var grade: Int?
        if kind == .accidentalDisability {
            grade = Int(form["disability_grade"])
            if grade == nil { f.errors.add("disability_grade", T.chooseGrade) }
        }
        var papers: [(kind: MutualAidPaperKind, filename: String, data: [UInt8])] = []
        for k in paperKinds {
            if let file = form.files["paper_\(k.rawValue)"], !file.data.isEmpty { papers.append((k, file.fileName, [UInt8](file.data))) }
        }
        guard let benefit, let on, f.errors.isEmpty else { return (f, nil) }
        let event = MutualAidEvent(kind: benefit.event, on: on, dischargedOn: discharged, diagnosis: benefit.event == .majorIllness ? form["diagnosis"] : nil,
                                   disabilityGrade: grade, totalCost: total ?? .zero, insurancePaid: insurance ?? .zero)
        return (f, MutualAidClaimDraft(roundID: round.id, benefitCode: benefit.code, event: event, bankName: form["bank_name"], bankAccount: form["bank_account"],
                                       papers: papers))
    }

    /// Files the store's refusal beside the fields it names (a paper's under the papers).
    mutating func add(_ error: StoreError) {
        if case .invalid(let problems) = error {
            errors.add(.invalid(problems.map { p in p.field == "file" ? FieldProblem(field: "papers", value: p.value, reason: T.paperName(p.value, p.reason)) : p }),
                       fields: Set(Self.fields))
        } else {
            errors.add(error, fields: Set(Self.fields))
        }
    }

    /// The fields after the person: benefit, event, costs, account, papers.
    func body(round: MutualAidRound) -> HTML {
        let e = errors
        let benefits = [("", T.pleaseChoose)] + round.terms.benefits.map { ($0.code, T.benefitOption($0.title, $0.event.title)) }
        let diagnoses = [("", T.pleaseChoose)] + (round.terms.benefits.first { $0.event == .majorIllness }?.diagnoses ?? []).map { ($0, $0) }
        let grades = [("", T.pleaseChoose)] + (1...10).map { (String($0), T.grade($0)) }
        let papers = Self.paperKinds.map { k -> HTML in
            """
            <div class="field"><label for="f-paper_\(k.rawValue)">\(k.title)</label>
            <input type="file" id="f-paper_\(k.rawValue)" name="paper_\(k.rawValue)" accept="application/pdf,image/jpeg,image/png"></div>
            """
        }
        return """
        \(Layout.select(T.benefit, name: "benefit", options: benefits, selected: self["benefit"], error: e["benefit"]))
        \(Layout.field(T.eventOn, name: "event_on", value: self["event_on"], type: "date", error: e["event_on"], hint: T.eventOnHint, required: true))
        <fieldset><legend>\(T.stayLegend)</legend>
        \(Layout.field(T.dischargedOn, name: "discharged_on", value: self["discharged_on"], type: "date", error: e["discharged_on"]))
        \(Layout.field(T.totalCost, name: "total_cost", value: self["total_cost"], error: e["total_cost"], attributes: "inputmode=\"decimal\""))
        \(Layout.field(T.insurancePaid, name: "insurance_paid", value: self["insurance_paid"], error: e["insurance_paid"], hint: T.insuranceHint, attributes: "inputmode=\"decimal\""))
        </fieldset>
        <fieldset><legend>\(T.otherLegend)</legend>
        \(Layout.select(T.diagnosis, name: "diagnosis", options: diagnoses, selected: self["diagnosis"], error: e["diagnosis"]))
        \(Layout.select(T.disabilityGrade, name: "disability_grade", options: grades, selected: self["disability_grade"], error: e["disability_grade"]))
        </fieldset>
        <fieldset><legend>\(T.accountLegend)</legend><p class="hint">\(T.accountHint)</p>
        \(Layout.field(T.bankName, name: "bank_name", value: self["bank_name"], error: e["bank_name"], required: true))
        \(Layout.field(T.bankAccount, name: "bank_account", value: self["bank_account"], error: e["bank_account"], required: true, autocomplete: "off", attributes: "inputmode=\"numeric\""))
        </fieldset>
        <fieldset\(e["papers"] == nil ? HTML.empty : HTML(raw: " aria-describedby=\"papers-error\""))><legend>\(T.papersLegend)</legend><p class="hint">\(T.papersHint)</p>
        \(Layout.errorNote("papers", e["papers"]))\(papers)</fieldset>
        """
    }
}
