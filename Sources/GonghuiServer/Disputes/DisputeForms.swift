import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes

/// The worklist's filters from the query string.
struct DisputeListQuery {
    var org: String
    var state: String
    var type: String
    var employer: String
    var overdue: Bool
    var offset: Int

    init(_ q: PageQuery) {
        org = OrgPicker.typed(q, "org")
        state = DisputeCaseState(rawValue: q.string("state", maxLength: 20)) != nil ? q.string("state", maxLength: 20) : ""
        type = DisputeType(rawValue: q.string("type", maxLength: 40)) != nil ? q.string("type", maxLength: 40) : ""
        employer = q.string("employer", maxLength: 100)
        overdue = q.string("overdue", maxLength: 5) == "1"
        offset = q.int("offset", default: 0, range: 0...10_000_000)
    }

    func filter(today: CivilDate) -> DisputeFilter {
        DisputeFilter(orgCode: org.isEmpty ? nil : org, states: DisputeCaseState(rawValue: state).map { [$0] } ?? [], type: DisputeType(rawValue: type),
                      employer: employer.isEmpty ? nil : employer, overdueOnly: overdue, today: today)
    }

    /// The filters as they travel in links (paging keeps them).
    var linkQuery: [(String, String?)] {
        [("org", org.isEmpty ? nil : org), ("state", state.isEmpty ? nil : state), ("type", type.isEmpty ? nil : type),
         ("employer", employer.isEmpty ? nil : employer), ("overdue", overdue ? "1" : nil)]
    }
}

/// The intake form (登记): fast to fill during a call; three worker rows and three claim rows, the
/// rest of a group added on the case page.
struct DisputeIntakeForm {
    static let workerRows = 3
    static let claimRows = 3
    /// The store's field names the form shows beside their inputs.
    static let fields: Set<String> = Set(["received_on", "workers", "workers_involved", "employer.name", "employer.credit_code", "types", "facts",
                                          "learned_on", "employment_ended_on", "handling_org_code"])
        .union((1...workerRows).flatMap { ["workers[\($0)].name", "workers[\($0)].id_number"] })
        .union((1...claimRows).flatMap { ["claims[\($0)].amount", "claims[\($0)].type"] })

    var values: [String: String]
    var types: Set<String>

    init(_ f: WebForm? = nil) {
        values = f?.fields.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? [:]
        types = Set(DisputeType.allCases.map(\.rawValue).filter { f?["type_\($0)"] == "1" })
        if values["received_on", default: ""].isEmpty { values["received_on"] = CivilDate.today().iso }
    }

    subscript(_ key: String) -> String { values[key] ?? "" }

    /// The intake, or nil with every problem filed under its field.
    func parse(into errors: inout FieldErrors) -> DisputeIntake? {
        let channel = DisputeChannel(rawValue: self["channel"])
        if channel == nil { errors.add("channel", UI.Disputes.pleaseChoose) }
        let kind = DisputeRequestKind(rawValue: self["kind"])
        if kind == nil { errors.add("kind", UI.Disputes.pleaseChoose) }
        let received = date("received_on", into: &errors) ?? .today()
        var workers: [DisputeWorkerDraft] = []
        for i in 1...Self.workerRows {
            let name = self["worker\(i)_name"], id = self["worker\(i)_id"], phone = self["worker\(i)_phone"]
            if name.isEmpty && id.isEmpty && phone.isEmpty { continue }
            var idNumber: IDNumber?, phoneNumber: PhoneNumber?
            if !id.isEmpty { do { idNumber = try IDNumber(id) } catch { errors.add("workers[\(i)].id_number", error.message) } }
            if !phone.isEmpty { do { phoneNumber = try PhoneNumber(phone) } catch { errors.add("workers[\(i)].phone", error.message) } }
            workers.append(DisputeWorkerDraft(name: name, idNumber: idNumber, phone: phoneNumber, isRepresentative: self["worker\(i)_rep"] == "1"))
        }
        let involved = self["workers_involved"].isEmpty ? nil : Int(self["workers_involved"])
        if !self["workers_involved"].isEmpty && (involved == nil || involved! < 1) { errors.add("workers_involved", UI.Disputes.workersInvolvedHint) }
        var claims: [DisputeClaim] = []
        for i in 1...Self.claimRows {
            let amount = self["claim\(i)_amount"], type = self["claim\(i)_type"], text = self["claim\(i)_text"]
            if amount.isEmpty && type.isEmpty && text.isEmpty { continue }
            let money = Self.money(amount)
            if money == nil { errors.add("claims[\(i)].amount", UI.Disputes.amountInvalid) }
            guard let t = DisputeType(rawValue: type) else { errors.add("claims[\(i)].type", UI.Disputes.pleaseChoose); continue }
            if let money { claims.append(DisputeClaim(type: t, description: text, amount: money)) }
        }
        let learned = optionalDate("learned_on", into: &errors)
        let ended = optionalDate("employment_ended_on", into: &errors)
        guard let channel, let kind else { return nil }
        let employer = DisputeEmployer(name: self["employer_name"], creditCode: self["employer_code"].isEmpty ? nil : self["employer_code"],
                                       regionCode: self["employer_region"].isEmpty ? nil : self["employer_region"], industry: nil, unionCode: nil)
        return DisputeIntake(channel: channel, kind: kind, receivedOn: received, workers: workers, workersInvolved: involved ?? workers.count,
                             employer: employer, types: DisputeType.allCases.filter { types.contains($0.rawValue) }, claims: claims,
                             facts: self["facts"], learnedOn: learned, employmentEndedOn: ended, confidential: self["confidential"] == "1",
                             handlingOrgCode: self["handling_org"].isEmpty ? nil : self["handling_org"])
    }

    func date(_ key: String, into errors: inout FieldErrors) -> CivilDate? {
        guard let d = try? CivilDate(parsing: self[key]) else { errors.add(key, UI.Disputes.dateInvalid); return nil }
        return d
    }

    func optionalDate(_ key: String, into errors: inout FieldErrors) -> CivilDate? {
        self[key].isEmpty ? nil : date(key, into: &errors)
    }

    /// Yuan as typed ("18000", "1,800.50") to fen; nil when it is not an amount.
    static func money(_ text: String) -> Money? {
        try? Money(parsingYuan: text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "\u{FF0C}", with: ""))
    }
}

/// A step from the case page's forms.
struct DisputeStepForm {
    var step: String
    var form: WebForm
    var version: Int?

    init(_ f: WebForm) {
        step = f["action"]; form = f; version = Int(f["version"])
    }

    enum Parsed {
        case action(DisputeAction)
        case transfer(orgCode: String, reason: String)
        case problem(ActionProblem)
    }

    func problem(_ field: String, _ message: String) -> Parsed { .problem(ActionProblem(action: step, field: field, message: message)) }

    /// The particulars the documents print, as typed beside a mediation's start or its agreement
    /// (or in their own form); nil when none was given.
    var particulars: MediationParticulars? {
        let f = form
        let p = MediationParticulars(mediator: f["mediator"], employerRepresentative: f["employer_representative"], employerAgent: f["employer_agent"],
                                     workerAgent: f["worker_agent"], paymentMethod: f["payment_method"], claimsWaived: f["claims_waived"])
        return p.isEmpty ? nil : p
    }

    /// A mediation session from its form.
    func session(today: CivilDate = .today()) -> MediationSession? {
        guard let heldOn = form["held_on"].isEmpty ? today : try? CivilDate(parsing: form["held_on"]) else { return nil }
        return MediationSession(heldOn: heldOn, place: form["place"], attendees: form["attendees"], notes: form["session_notes"])
    }

    /// The step asked for, or the problem to show beside its form; an unknown step is a bad request.
    func parse(today: CivilDate = .today()) throws -> Parsed {
        let f = form
        switch step {
        case "answer": return .action(.answer(reply: String(f["reply"].prefix(2000))))
        case "accept": return .action(.accept)
        case "refuse": return .action(.refuse(reason: String(f["reason"].prefix(500))))
        case "extend":
            guard let days = Int(f["days"]), days > 0 else { return problem("days", UI.Disputes.extendDays) }
            return .action(.extend(days: days, reason: String(f["extend_reason"].prefix(500))))
        case "start_mediation":
            let applied = f["applied_on"].isEmpty ? today : (try? CivilDate(parsing: f["applied_on"]))
            guard let applied, applied <= today else { return problem("applied_on", UI.Disputes.dateInvalid) }
            return .action(.startMediation(appliedOn: applied, oral: f["oral"] == "1", note: String(f["mediation_note"].prefix(2000))))
        case "record_agreement": return terms()
        case "record_performance":
            guard let term = Int(f["term"]), term >= 1 else { throw WebError.badRequest(UI.Disputes.unknownStep) }
            guard let amount = DisputeIntakeForm.money(f["amount"]) else { return problem("amount", UI.Disputes.amountInvalid) }
            return .action(.recordPerformance(term: term - 1, performedOn: today, amount: amount))
        case "end_mediation":
            guard let outcome = DisputeOutcome(rawValue: f["outcome"]), outcome.endsMediation, outcome != .agreement else {
                return problem("outcome", UI.Disputes.pleaseChoose)
            }
            return .action(.endMediation(outcome, note: String(f["end_note"].prefix(2000))))
        case "resolve":
            let amount = f["recovered"].isEmpty ? Money.zero : DisputeIntakeForm.money(f["recovered"])
            guard let amount else { return problem("recovered", UI.Disputes.amountInvalid) }
            return .action(.resolve(note: String(f["resolve_note"].prefix(2000)), recovered: amount))
        case "transfer":
            return .transfer(orgCode: String(f["org_code"].prefix(64)), reason: String(f["transfer_reason"].prefix(500)))
        default:
            throw WebError.badRequest(UI.Disputes.unknownStep)
        }
    }

    func terms() -> Parsed {
        var out: [AgreementTerm] = []
        for i in 1...3 {
            let text = form["term\(i)_text"], amount = form["term\(i)_amount"], due = form["term\(i)_due"]
            if text.isEmpty && amount.isEmpty && due.isEmpty { continue }
            guard let money = DisputeIntakeForm.money(amount), let dueOn = try? CivilDate(parsing: due), !text.isEmpty else {
                return problem("term\(i)", UI.Disputes.termIncomplete)
            }
            out.append(AgreementTerm(description: String(text.prefix(500)), amount: money, dueOn: dueOn))
        }
        return .action(.recordAgreement(terms: out))
    }

    /// The page's answer to the store refusing the step, or nil when the error is shown as an error page.
    func problem(for e: StoreError) -> (HTTPStatusAndProblem)? {
        var p = ActionProblem(action: step, field: nil, message: e.message)
        switch e {
        case .forbidden: return (.forbidden, p)
        case .staleVersion:
            p.message = UI.Disputes.staleCase(e.message)
            return (.conflict, p)
        case .conflict(let code, let message, _):
            p.field = code == "reason_required" ? (step == "answer" ? "reply" : (step == "refuse" || step == "extend" || step == "transfer" ? "reason" : "note")) : nil
            p.message = code == "reason_required" ? UI.Disputes.reasonRequired : message
            return (.unprocessableContent, p)
        case .invalid(let ps):
            p.message = ps.map(\.reason).joined(separator: UI.Disputes.reasonSeparator)
            return (.unprocessableContent, p)
        default:
            return nil
        }
    }
}

typealias HTTPStatusAndProblem = (status: HTTPResponse.Status, problem: ActionProblem)
