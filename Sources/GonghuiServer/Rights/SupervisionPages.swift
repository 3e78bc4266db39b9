import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 劳动法律监督（一函两书）: the worklist and the supervisions of the officer's subtree, the
/// employer search with its cases beside it, a supervision with its letters, the employer's
/// answers and the labor department's decision, and each letter to print or download.
struct SupervisionPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("supervision", use: list)
        router.get("supervision/new", use: newForm)
        router.post("supervision/new", use: open)
        router.get("supervision/:id", use: matterPage)
        router.get("supervision/:id/letters/:letter", use: letterPage)
        router.get("supervision/:id/letters/:letter/docx", use: letterFile)
        router.post("supervision/:id/:step", use: step)
    }

    func list(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let state = q.string("state", maxLength: 20)
        let offset = max(0, Int(q.string("offset", maxLength: 9)) ?? 0)
        let today = CivilDate.today()
        let (items, total) = try await store.supervision.list(state: SupervisionState(rawValue: state), actor: context.actor,
                                                              limit: SupervisionListPageModel.pageSize, offset: offset)
        let worklist = try await store.supervision.worklist(actor: context.actor, today: today)
        return Web.page(SupervisionViews.list(SupervisionListPageModel(actor: context.actor, csrf: context.csrf, flash: q.string("ok"), state: state,
                                                                       worklist: worklist, items: items, total: total, offset: offset, today: today)))
    }

    func newForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Supervision.readOnly) }
        let q = PageQuery(request)
        let query = q.string("q", maxLength: 100)
        let found = try await store.supervision.employers(matching: query, actor: context.actor)
        var values = ["issued_on": CivilDate.today().iso, "first_letter": SupervisionLetterKind.reminder.rawValue]
        values["employer_name"] = q.string("employer", maxLength: 100)
        values["employer_credit_code"] = q.string("code", maxLength: 18)
        values["case_id"] = q.string("case", maxLength: 18)
        let chosen = found.first { $0.name == values["employer_name"] && ($0.creditCode ?? "") == (values["employer_credit_code"] ?? "") }
        return Web.page(SupervisionViews.form(SupervisionFormPageModel(actor: context.actor, csrf: context.csrf, query: query, found: found,
                                                                       chosen: chosen, values: values, errors: FieldErrors())))
    }

    func open(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let fields = ["employer_name", "employer_credit_code", "case_id", "violation", "legal_basis", "correction", "labor_department", "first_letter", "issued_on"]
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0]) })
        var errors = FieldErrors()
        let code = form["employer_credit_code"].isEmpty ? nil
            : errors.parse("employer_credit_code", form["employer_credit_code"], missing: "") { try CreditCode($0) }
        let kind = SupervisionLetterKind(rawValue: form["first_letter"])
        if kind == nil { errors.add("first_letter", UI.Supervision.unknownKind) }
        let issued = errors.date("issued_on", form["issued_on"])
        if let kind, let issued, errors.isEmpty {
            let draft = SupervisionDraft(employerName: form["employer_name"], employerCreditCode: code, caseID: Int64(form["case_id"]),
                                         violation: form["violation"], legalBasis: form["legal_basis"], correction: form["correction"],
                                         laborDepartment: form["labor_department"], firstLetter: kind, issuedOn: issued)
            do {
                let m = try await store.supervision.open(draft, actor: context.actor)
                return Web.redirect("/supervision/\(m.id)?ok=sv_opened")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: Set(fields))
            }
        }
        let found = try await store.supervision.employers(matching: form["employer_credit_code"].isEmpty ? form["employer_name"] : form["employer_credit_code"],
                                                          actor: context.actor)
        let chosen = found.first { $0.name == form["employer_name"] }
        return Web.page(SupervisionViews.form(SupervisionFormPageModel(actor: context.actor, csrf: context.csrf, query: "", found: [],
                                                                       chosen: chosen, values: values, errors: errors)),
                        status: .unprocessableContent)
    }

    func matterPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await page(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok"))
    }

    func step(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let step = context.parameters.get("step") ?? ""
        let form = try await WebForm.read(request)
        let version = Int(form["version"])
        var errors = FieldErrors()
        func optional(_ key: String) -> String? { form[key].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : form[key] }
        do {
            switch step {
            case "answer":
                let on = errors.date("answered_on", form["answered_on"])
                let result = SupervisionAnswerResult(rawValue: form["answer_result"])
                if result == nil { errors.add("answer_result", UI.Supervision.pleaseChoose + UI.Supervision.answerResult) }
                guard let on, let result, errors.isEmpty else { return try await page(id: id, context: context, step: step, errors: errors, status: .unprocessableContent) }
                _ = try await store.supervision.answer(matterID: id, answeredOn: on, result: result, text: form["answer"], expectedVersion: version, actor: context.actor)
                return Web.redirect("/supervision/\(id)?ok=sv_answered")
            case "issue":
                let on = errors.date("issued_on", form["issued_on"])
                guard let kind = SupervisionLetterKind(rawValue: form["kind"]) else { throw WebError.badRequest(UI.malformed) }
                guard let on, errors.isEmpty else { return try await page(id: id, context: context, step: step, errors: errors, status: .unprocessableContent) }
                _ = try await store.supervision.issue(kind, matterID: id, issuedOn: on, recipient: optional("recipient"), violation: optional("violation"),
                                                      legalBasis: optional("legal_basis"), correction: optional("correction"), expectedVersion: version,
                                                      actor: context.actor)
                return Web.redirect("/supervision/\(id)?ok=sv_issued")
            case "decide":
                let on = errors.date("decided_on", form["decided_on"])
                let decision = LaborDepartmentDecision(rawValue: form["decision"])
                if decision == nil { errors.add("decision", UI.Supervision.pleaseChoose + UI.Supervision.decision) }
                guard let on, let decision, errors.isEmpty else { return try await page(id: id, context: context, step: step, errors: errors, status: .unprocessableContent) }
                _ = try await store.supervision.decide(matterID: id, decidedOn: on, decision: decision, note: form["decision_note"], expectedVersion: version,
                                                       actor: context.actor)
                return Web.redirect("/supervision/\(id)?ok=sv_decided")
            default:
                throw WebError.badRequest(UI.malformed)
            }
        } catch let e as StoreError {
            switch e {
            case .forbidden, .notFound: throw e
            default:
                errors.add(e, fields: ["answered_on", "answer", "issued_on", "recipient", "violation", "legal_basis", "correction", "decided_on", "decision_note"])
                let status: HTTPResponse.Status = if case .invalid = e { .unprocessableContent } else { .conflict }
                return try await page(id: id, context: context, step: step, errors: errors, status: status)
            }
        }
    }

    func page(id: Int64, context: OfficerPageContext, flash: String? = nil, step: String? = nil, errors: FieldErrors = FieldErrors(),
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let m = try await store.supervision.find(id: id, actor: context.actor)
        let model = SupervisionPageModel(actor: context.actor, csrf: context.csrf, flash: flash, matter: m, mayHandle: context.actor.role.mayEditRegistry,
                                         step: step, errors: errors, today: .today())
        return Web.page(SupervisionViews.matter(model), status: status)
    }

    // MARK: The letters

    func letterPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (m, doc) = try await document(context)
        return Web.page(SupervisionViews.letterPage(SupervisionLetterPageModel(actor: context.actor, csrf: context.csrf, matter: m,
                                                                               letterID: try context.pathInt("letter"), document: doc)))
    }

    func letterFile(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (_, doc) = try await document(context)
        return Web.download(try MediationDocumentFiles.docx(title: doc.title, blocks: doc.blocks), fileName: "\(doc.number).docx",
                            contentType: MediationDocumentFiles.contentType)
    }

    private func document(_ context: OfficerPageContext) async throws -> (SupervisionMatter, SupervisionDocument) {
        let m = try await store.supervision.find(id: try context.pathInt("id"), actor: context.actor)
        let letterID = try context.pathInt("letter")
        guard let letter = m.letters.first(where: { $0.id == letterID }) else { throw WebError.notFound }
        return (m, SupervisionDocument.compose(letter, of: m))
    }
}

struct SupervisionListPageModel {
    static let pageSize = 50
    var actor: Actor
    var csrf: String?
    var flash: String?
    var state: String
    var worklist: [(matter: SupervisionMatter, step: SupervisionNextStep)]
    var items: [SupervisionMatter]
    var total: Int
    var offset: Int
    var today: CivilDate
}

struct SupervisionFormPageModel {
    var actor: Actor
    var csrf: String?
    var query: String
    var found: [SupervisionEmployer]
    /// The employer chosen from the search, whose cases the form offers to link.
    var chosen: SupervisionEmployer?
    var values: [String: String]
    var errors: FieldErrors
}

struct SupervisionPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var matter: SupervisionMatter
    var mayHandle: Bool
    var step: String?
    var errors: FieldErrors
    var today: CivilDate

    func error(_ step: String, _ field: String) -> String? { self.step == step ? errors[field] : nil }
}

struct SupervisionLetterPageModel {
    var actor: Actor
    var csrf: String?
    var matter: SupervisionMatter
    var letterID: Int64
    var document: SupervisionDocument
}
