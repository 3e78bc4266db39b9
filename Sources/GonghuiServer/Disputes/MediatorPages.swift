import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 调解员名册: a union's roster of mediators, to read (one's own union, those below it and those
/// above it) and to keep (one's own and those below, for roles that edit the registry).
struct MediatorPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("disputes/mediators", use: roster)
        router.post("disputes/mediators", use: add)
        router.get("disputes/mediators/:id", use: editForm)
        router.post("disputes/mediators/:id", use: update)
    }

    func roster(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let code = q.string("org", maxLength: 64)
        return try await rosterPage(context, code: code.isEmpty ? nil : code, flash: q.string("ok"))
    }

    func add(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = MediatorForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let draft = form.parse(into: &errors) {
            do {
                let m = try await store.disputes.addMediator(draft, orgCode: form.orgCode.isEmpty ? nil : form.orgCode, actor: context.actor)
                return Web.redirect("/disputes/mediators?org=\(URLText.component(m.orgCode))&ok=ds_mediator")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: MediatorForm.fields)
            }
        }
        return try await rosterPage(context, code: form.orgCode.isEmpty ? nil : form.orgCode, form: form, errors: errors, status: .unprocessableContent)
    }

    func editForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await editPage(context, id: try context.pathInt("id"), form: nil)
    }

    func update(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = MediatorForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let draft = form.parse(into: &errors) {
            do {
                let m = try await store.disputes.updateMediator(id: id, draft, expectedVersion: Int(form.version), actor: context.actor)
                return Web.redirect("/disputes/mediators?org=\(URLText.component(m.orgCode))&ok=ds_mediator")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                if case .notFound = e { throw e }
                errors.add(e, fields: MediatorForm.fields)
            }
        }
        return try await editPage(context, id: id, form: form, errors: errors, status: .unprocessableContent)
    }

    func rosterPage(_ context: OfficerPageContext, code: String?, flash: String? = nil, form: MediatorForm? = nil, errors: FieldErrors = FieldErrors(),
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        let (org, mediators) = try await store.disputes.mediators(orgCode: code, actor: context.actor)
        let ownScope = (try? await store.orgs.org(code: org.code, actor: context.actor)) != nil
        let model = MediatorRosterPageModel(actor: context.actor, csrf: context.csrf, flash: flash, org: org, mediators: mediators,
                                            mayEdit: ownScope && context.actor.role.mayEditRegistry, form: form ?? MediatorForm(), errors: errors)
        return Web.page(MediatorViews.roster(model), status: status)
    }

    func editPage(_ context: OfficerPageContext, id: Int64, form: MediatorForm?, errors: FieldErrors = FieldErrors(),
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Disputes.readOnly) }
        let mediator = try await store.disputes.mediator(id: id, actor: context.actor)
        let model = MediatorEditPageModel(actor: context.actor, csrf: context.csrf, mediator: mediator, form: form ?? MediatorForm(mediator), errors: errors)
        return Web.page(MediatorViews.edit(model), status: status)
    }
}

/// The roster page: a union's mediators and, for those who may, the form to add one.
struct MediatorRosterPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var org: Organization
    var mediators: [Mediator]
    /// The union lies in the actor's subtree and the actor's role edits the registry.
    var mayEdit: Bool
    var form: MediatorForm
    var errors: FieldErrors
}

/// The page to correct a mediator or take them off the roster.
struct MediatorEditPageModel {
    var actor: Actor
    var csrf: String?
    var mediator: Mediator
    var form: MediatorForm
    var errors: FieldErrors
}

/// A mediator as the form holds it.
struct MediatorForm {
    static let fields: Set<String> = ["name", "role", "phone", "specialties", "note", "org_code"]
    var orgCode = "", name = "", role = MediatorRole.fullTime.rawValue, phone = "", note = "", version = ""
    var specialties: Set<String> = []
    var active = true

    init() {}

    init(_ f: WebForm) {
        orgCode = f["org_code"]; name = f["name"]; role = f["role"]; phone = f["phone"]; note = f["note"]; version = f["version"]
        specialties = Set(DisputeType.allCases.map(\.rawValue).filter { f["type_\($0)"] == "1" })
        active = !f.has("version") || f["active"] == "1"
    }

    init(_ m: Mediator) {
        orgCode = m.orgCode; name = m.name; role = m.role.rawValue; phone = m.phone ?? ""; note = m.note; version = String(m.version)
        specialties = Set(m.specialties.map(\.rawValue)); active = m.active
    }

    func parse(into errors: inout FieldErrors) -> MediatorDraft? {
        let kind = MediatorRole(rawValue: role)
        if kind == nil { errors.add("role", UI.Disputes.pleaseChoose) }
        var number: PhoneNumber?
        if !phone.isEmpty {
            do { number = try PhoneNumber(phone) } catch { errors.add("phone", error.message) }
        }
        let draft = MediatorDraft(name: name, role: kind ?? .officer, phone: number,
                                  specialties: DisputeType.allCases.filter { specialties.contains($0.rawValue) }, note: note, active: active)
        for p in draft.problems() { errors.add(p.field, p.reason) }
        guard kind != nil, errors.isEmpty else { return nil }
        return draft
    }
}
