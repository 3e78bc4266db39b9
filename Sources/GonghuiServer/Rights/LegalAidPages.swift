import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 法律援助: the applications of the officer's subtree, the form (from a case or at the counter),
/// an application with its assessment and the decision, assignment and outcome forms, and the
/// lawyers' roster.
struct LegalAidPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("legal-aid", use: list)
        router.get("legal-aid/new", use: newForm)
        router.post("legal-aid/new", use: apply)
        router.get("legal-aid/lawyers", use: roster)
        router.post("legal-aid/lawyers", use: addLawyer)
        router.post("legal-aid/lawyers/:id/active", use: setActive)
        router.get("legal-aid/:id", use: applicationPage)
        router.get("legal-aid/:id/documents/:kind", use: documentPage)
        router.get("legal-aid/:id/documents/:kind/docx", use: documentFile)
        router.post("legal-aid/:id/:step", use: step)
    }

    func list(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let state = q.string("state", maxLength: 20)
        let offset = max(0, Int(q.string("offset", maxLength: 9)) ?? 0)
        let (items, total) = try await store.legalAid.list(state: LegalAidState(rawValue: state), actor: context.actor, limit: LegalAidListPageModel.pageSize, offset: offset)
        return Web.page(LegalAidViews.list(LegalAidListPageModel(actor: context.actor, csrf: context.csrf, flash: q.string("ok"), state: state,
                                                                 items: items, total: total, offset: offset)))
    }

    func newForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.LegalAid.readOnly) }
        var values = ["applied_on": CivilDate.today().iso]
        let caseID = PageQuery(request).string("case", maxLength: 18)
        var caseNo: String?
        if let id = Int64(caseID) {
            let c = try await store.disputes.find(id: id, actor: context.actor)
            values["case_id"] = String(id)
            caseNo = c.caseNo
            if let rep = c.workers.first(where: \.isRepresentative) ?? c.workers.first { values["name"] = rep.name }
        }
        return Web.page(LegalAidViews.form(LegalAidFormPageModel(actor: context.actor, csrf: context.csrf, values: values, caseNo: caseNo, errors: FieldErrors())))
    }

    func apply(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let fields: [String] = ["name", "id_number", "phone", "matter", "request", "applied_on", "org_code", "case_id"]
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0]) })
        var errors = FieldErrors()
        let id = errors.parse("id_number", form["id_number"], missing: UI.LegalAid.missingID) { try IDNumber($0) }
        let phone = form["phone"].isEmpty ? nil : errors.parse("phone", form["phone"], missing: "") { try PhoneNumber($0) }
        let matter = LegalAidMatter(rawValue: form["matter"])
        if matter == nil { errors.add("matter", UI.LegalAid.unknownMatter) }
        let applied = errors.date("applied_on", form["applied_on"])
        let caseID = Int64(form["case_id"])
        var caseNo: String?
        if let caseID { caseNo = try? await store.disputes.find(id: caseID, actor: context.actor).caseNo }
        if let id, let matter, let applied, errors.isEmpty {
            let draft = LegalAidDraft(name: form["name"], idNumber: id, phone: phone, matter: matter, request: form["request"], caseID: caseID,
                                      orgCode: form["org_code"].isEmpty ? nil : form["org_code"], appliedOn: applied)
            do {
                let a = try await store.legalAid.apply(draft, actor: context.actor)
                return Web.redirect("/legal-aid/\(a.id)?ok=la_applied")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: ["name", "request", "applied_on", "handling_org_code"])
                if let p = errors["handling_org_code"] { errors.add("org_code", p) }
            }
        }
        return Web.page(LegalAidViews.form(LegalAidFormPageModel(actor: context.actor, csrf: context.csrf, values: values, caseNo: caseNo, errors: errors)),
                        status: .unprocessableContent)
    }

    func applicationPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await page(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok"))
    }

    func step(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let step = context.parameters.get("step") ?? ""
        let form = try await WebForm.read(request)
        let version = Int(form["version"])
        var errors = FieldErrors()
        do {
            switch step {
            case "decide":
                let approve = form["decision"] == "approve"
                _ = try await store.legalAid.decide(id: id, approve: approve, note: form["decision_note"], expectedVersion: version, actor: context.actor)
                return Web.redirect("/legal-aid/\(id)?ok=\(approve ? "la_approved" : "la_refused")")
            case "assign":
                guard let lawyer = Int64(form["lawyer_id"]) else {
                    errors.add("lawyer_id", UI.LegalAid.pleaseChoose + UI.LegalAid.lawyer)
                    return try await page(id: id, context: context, step: step, errors: errors, status: .unprocessableContent)
                }
                _ = try await store.legalAid.assign(id: id, lawyerID: lawyer, expectedVersion: version, actor: context.actor)
                return Web.redirect("/legal-aid/\(id)?ok=la_assigned")
            case "conclude":
                let outcome = LegalAidOutcome(rawValue: form["outcome"])
                if outcome == nil { errors.add("outcome", UI.LegalAid.pleaseChoose + UI.LegalAid.outcome) }
                let obtained = errors.money("obtained", form["obtained"], missing: nil) ?? .zero
                let fee = errors.money("fee", form["fee"], missing: nil) ?? .zero
                let on = errors.date("concluded_on", form["concluded_on"])
                guard let outcome, let on, errors.isEmpty else { return try await page(id: id, context: context, step: step, errors: errors, status: .unprocessableContent) }
                _ = try await store.legalAid.conclude(id: id, outcome: outcome, obtained: obtained, fee: fee, note: form["outcome_note"], concludedOn: on,
                                                      expectedVersion: version, actor: context.actor)
                return Web.redirect("/legal-aid/\(id)?ok=la_concluded")
            default:
                throw WebError.badRequest(UI.malformed)
            }
        } catch let e as StoreError {
            switch e {
            case .forbidden, .notFound: throw e
            default:
                errors.add(e, fields: ["decision_note", "lawyer_id", "obtained", "fee", "concluded_on", "outcome_note"])
                if case .invalid(let ps) = e, ps.first?.field == "note" { errors.add(step == "decide" ? "decision_note" : "outcome_note", ps.first!.reason) }
                let status: HTTPResponse.Status = if case .invalid = e { .unprocessableContent } else { .conflict }
                return try await page(id: id, context: context, step: step, errors: errors, status: status)
            }
        }
    }

    func page(id: Int64, context: OfficerPageContext, flash: String? = nil, step: String? = nil, errors: FieldErrors = FieldErrors(),
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let a = try await store.legalAid.find(id: id, actor: context.actor)
        let lawyers = a.state == .approved || a.state == .assigned ? try await store.legalAid.lawyers(forOrgCode: a.orgCode, activeOnly: true) : []
        let model = LegalAidPageModel(actor: context.actor, csrf: context.csrf, flash: flash, application: a, lawyers: lawyers,
                                      mayHandle: context.actor.role.mayEditRegistry, step: step, errors: errors, today: .today())
        return Web.page(LegalAidViews.application(model), status: status)
    }

    // MARK: The papers

    func documentPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (a, doc) = try await document(context)
        return Web.page(LegalAidViews.documentPage(LegalAidDocumentPageModel(actor: context.actor, csrf: context.csrf, application: a, document: doc)))
    }

    func documentFile(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (a, doc) = try await document(context)
        return Web.download(try MediationDocumentFiles.docx(title: doc.title, blocks: doc.blocks), fileName: "\(a.applicationNo)-\(doc.kind.rawValue).docx",
                            contentType: MediationDocumentFiles.contentType)
    }

    /// The paper asked for; one the application does not have yet is not found.
    private func document(_ context: OfficerPageContext) async throws -> (LegalAidCase, LegalAidDocument) {
        let id = try context.pathInt("id")
        guard let kind = LegalAidDocument.Kind(rawValue: context.parameters.get("kind") ?? "") else { throw WebError.notFound }
        let paper = try await store.legalAid.paper(id: id, document: kind.title, actor: context.actor)
        guard let doc = LegalAidDocument.compose(kind, paper.application, idNumber: paper.idNumber, phone: paper.phone) else { throw WebError.notFound }
        return (paper.application, doc)
    }

    // MARK: The roster

    func roster(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await rosterPage(context, flash: PageQuery(request).string("ok"))
    }

    func addLawyer(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let phone = form["phone"].isEmpty ? nil : errors.parse("phone", form["phone"], missing: "") { try PhoneNumber($0) }
        let draft = LegalAidLawyerDraft(name: form["name"], firm: form["firm"], licenceNo: form["licence_no"], phone: phone, specialties: form["specialties"])
        if errors.isEmpty {
            do {
                _ = try await store.legalAid.addLawyer(draft, orgCode: nil, actor: context.actor)
                return Web.redirect("/legal-aid/lawyers?ok=la_lawyer")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: ["name", "firm", "licence_no", "phone", "specialties"])
            }
        }
        let values = Dictionary(uniqueKeysWithValues: ["name", "firm", "licence_no", "phone", "specialties"].map { ($0, form[$0]) })
        return try await rosterPage(context, values: values, errors: errors, status: .unprocessableContent)
    }

    func setActive(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        _ = try await store.legalAid.setLawyerActive(id: try context.pathInt("id"), active: form["active"] == "1", actor: context.actor)
        return Web.redirect("/legal-aid/lawyers?ok=la_lawyer")
    }

    func rosterPage(_ context: OfficerPageContext, flash: String? = nil, values: [String: String] = [:], errors: FieldErrors = FieldErrors(),
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let lawyers = try await store.legalAid.lawyers(forOrgCode: context.actor.orgCode ?? "", activeOnly: false)
        let model = LegalAidRosterPageModel(actor: context.actor, csrf: context.csrf, flash: flash, lawyers: lawyers,
                                            mayEdit: context.actor.role.mayEditRegistry, values: values, errors: errors)
        return Web.page(LegalAidViews.roster(model), status: status)
    }
}

struct LegalAidListPageModel {
    static let pageSize = 50
    var actor: Actor
    var csrf: String?
    var flash: String?
    var state: String
    var items: [LegalAidCase]
    var total: Int
    var offset: Int
}

struct LegalAidFormPageModel {
    var actor: Actor
    var csrf: String?
    var values: [String: String]
    var caseNo: String?
    var errors: FieldErrors
}

struct LegalAidPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var application: LegalAidCase
    /// The lawyers who may be assigned (its union's roster and those above), when it awaits one.
    var lawyers: [LegalAidLawyer]
    var mayHandle: Bool
    /// The step whose form came back with errors.
    var step: String?
    var errors: FieldErrors
    var today: CivilDate

    func error(_ step: String, _ field: String) -> String? { self.step == step ? errors[field] : nil }
}

struct LegalAidDocumentPageModel {
    var actor: Actor
    var csrf: String?
    var application: LegalAidCase
    var document: LegalAidDocument
}

struct LegalAidRosterPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var lawyers: [LegalAidLawyer]
    var mayEdit: Bool
    var values: [String: String]
    var errors: FieldErrors
}
