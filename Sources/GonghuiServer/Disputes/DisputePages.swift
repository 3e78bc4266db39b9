import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 维权: labor-dispute cases (劳动争议调处): the worklist by deadline, intake, and the case page
/// with its clocks, timeline and steps. Who may take which step is decided by the store and the
/// workflow; the page only offers the steps the case's state allows and shows their answer.
struct DisputePages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("disputes", use: list)
        router.get("disputes/new", use: newCase)
        router.post("disputes/new", use: registerCase)
        router.get("disputes/:id", use: casePage)
        router.post("disputes/:id/act", use: act)
        router.post("disputes/:id/transfer", use: transfer)
    }

    func list(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let model = try await DisputeListPageModel.load(store: store, query: DisputeListQuery(q), actor: context.actor, csrf: context.csrf,
                                                        flash: q.string("ok"))
        return Web.page(DisputeViews.list(model), status: model.orgError == nil ? .ok : .unprocessableContent)
    }

    func newCase(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayEditRegistry else { throw WebError.forbidden(UI.Disputes.readOnly) }
        let model = DisputeIntakePageModel(actor: context.actor, csrf: context.csrf, values: DisputeIntakeForm(), errors: FieldErrors(), duplicateOffered: false)
        return Web.page(DisputeViews.intake(model))
    }

    func registerCase(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        var values = DisputeIntakeForm(form)
        var errors = FieldErrors()
        var duplicate = false
        // The handling union, when another than the officer's own, by name or code.
        let handling = OrgPicker.typed(form, "handling_org")
        if !handling.isEmpty {
            let picked = try await OrgPicker.inScope.settleInline(handling, store: store, actor: context.actor)
            if let problem = picked.problem { errors.add("handling_org_code", problem) }
            values.values["handling_org"] = picked.code ?? handling
        }
        if let intake = values.parse(into: &errors), errors.isEmpty {
            do {
                let c = try await store.disputes.register(intake, allowDuplicate: form["allow_duplicate"] == "1", actor: context.actor)
                return Web.redirect("/disputes/\(c.id)?ok=ds_registered")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                if case .conflict(let code, _, _) = e, code == "duplicate" { duplicate = true }
                errors.add(e, fields: DisputeIntakeForm.fields)
            }
        }
        let model = DisputeIntakePageModel(actor: context.actor, csrf: context.csrf, values: values, errors: errors, duplicateOffered: duplicate)
        return Web.page(DisputeViews.intake(model), status: duplicate ? .conflict : .unprocessableContent)
    }

    func casePage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await page(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok"))
    }

    func act(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = DisputeStepForm(try await WebForm.read(request))
        let action: DisputeAction
        switch try form.parse() {
        case .action(let a): action = a
        case .problem(let problem): return try await page(id: id, context: context, problem: problem, status: .unprocessableContent)
        case .transfer: throw WebError.badRequest(UI.Disputes.unknownStep)
        }
        do {
            _ = try await store.disputes.act(id: id, action, particulars: form.particulars, expectedVersion: form.version, actor: context.actor)
            return Web.redirect("/disputes/\(id)?ok=ds_\(form.step)")
        } catch let e as StoreError {
            guard let (status, problem) = form.problem(for: e) else { throw e }
            return try await page(id: id, context: context, problem: problem, status: status)
        }
    }

    func transfer(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = DisputeStepForm(try await WebForm.read(request))
        guard case .transfer(var code, let reason) = try form.parse() else { throw WebError.badRequest(UI.Disputes.unknownStep) }
        // The receiving union by name or code (any case).
        let picked = try await OrgPicker.inScope.settleInline(code, store: store, actor: context.actor)
        if let problem = picked.problem {
            return try await page(id: id, context: context, problem: ActionProblem(action: "transfer", field: "org_code", message: problem), status: .unprocessableContent)
        }
        code = picked.code ?? code
        do {
            _ = try await store.disputes.transfer(id: id, toOrgCode: code, reason: reason, expectedVersion: form.version, actor: context.actor)
            // The case may have left the officer's view: back to the worklist.
            return Web.redirect("/disputes?ok=ds_transfer")
        } catch let e as StoreError {
            guard let refused = form.problem(for: e) else { throw e }
            var problem = refused.problem
            if case .invalid(let ps) = e, let p = ps.first { problem.field = p.field == "reason" ? "reason" : "org_code" }
            return try await page(id: id, context: context, problem: problem, status: refused.status)
        }
    }

    func page(id: Int64, context: OfficerPageContext, flash: String? = nil, problem: ActionProblem? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let model = try await DisputeCasePageModel.load(store: store, id: id, actor: context.actor, csrf: context.csrf, flash: flash, problem: problem)
        return Web.page(DisputeViews.casePage(model), status: status)
    }
}
