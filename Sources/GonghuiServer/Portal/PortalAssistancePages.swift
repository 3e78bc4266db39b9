import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The worker's side of assistance in the portal: the cycles open to them and their household's
/// archive, a short application form with a confirmation of what the rules give and why, and
/// the progress of each application down to the day it was paid.
extension PortalPages {
    func registerAssistance(on router: RouterGroup<WorkerPageContext>) {
        router.get("my/assistance", use: assistance)
        router.get("my/assistance/grants", use: applications)
        router.post("my/assistance/grants/:id/withdraw", use: withdraw)
        router.get("my/assistance/:cycleId/apply", use: applyForm)
        router.post("my/assistance/:cycleId/apply", use: apply)
    }

    func assistance(_ request: Request, context: WorkerPageContext) async throws -> Response {
        Web.page(PortalAssistanceViews.home(try await AssistanceHomeModel.load(store, session: context.worker.session)))
    }

    func applications(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let model = try await MyApplicationsModel.load(store, session: context.worker.session, flash: PageQuery(request).string("ok"))
        return Web.page(PortalAssistanceViews.applications(model))
    }

    func withdraw(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let s = context.worker.session
        _ = try await WebForm.read(request)
        let m = try await store.portal.membership(memberID: s.memberID).member
        do {
            _ = try await store.assistance.withdraw(grantID: try context.pathInt("id"), memberID: s.memberID, worker: m.name)
        } catch let e as StoreError where e.code == "grant_state" {
            let frame = WorkerFrame(title: UI.Portal.myApplications, member: m, csrf: s.csrf)
            return Web.page(PortalViews.page(frame, PortalAssistanceViews.cannotWithdraw(e.message)), status: .conflict)
        }
        return Web.redirect("/my/assistance/grants?ok=withdrawn")
    }

    func applyForm(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let s = context.worker.session
        let (m, cycle) = try await ApplicationRefusal.applicable(store, cycleID: try context.pathInt("cycleId"), memberID: s.memberID)
        let frame = WorkerFrame(title: UI.Portal.applyTitle(cycle.name), member: m, csrf: s.csrf)
        if let refusal = try await ApplicationRefusal.check(cycle, memberID: s.memberID, store: store) {
            return Web.page(PortalViews.page(frame, PortalAssistanceViews.refusal(refusal, cycle: cycle)), status: refusal.status)
        }
        let applicant = try await store.assistance.portalFacts(memberID: s.memberID, declaration: .init())
        return Web.page(PortalViews.page(frame, PortalAssistanceViews.applyForm(ApplyPageModel(cycle: cycle, applicant: applicant, csrf: s.csrf))))
    }

    /// The form's three steps: `check` shows the confirmation (or the form again with what is
    /// wrong), `edit` the form again, `submit` applies.
    func apply(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let s = context.worker.session
        let memberID = s.memberID
        let (m, cycle) = try await ApplicationRefusal.applicable(store, cycleID: try context.pathInt("cycleId"), memberID: memberID)
        let frame = WorkerFrame(title: UI.Portal.applyTitle(cycle.name), member: m, csrf: s.csrf)
        func show(_ body: HTML, _ status: HTTPResponse.Status) -> Response { Web.page(PortalViews.page(frame, body), status: status) }
        if let refusal = try await ApplicationRefusal.check(cycle, memberID: memberID, store: store) {
            return show(PortalAssistanceViews.refusal(refusal, cycle: cycle), refusal.status)
        }
        let form = AssistanceApplicationForm(try await WebForm.read(request))
        var errors = FieldErrors()
        var declaration = form.declaration(for: cycle, errors: &errors)
        let applicant = try await store.assistance.portalFacts(memberID: memberID, declaration: declaration)
        func again(_ errors: FieldErrors, refused: GrantDecision? = nil, _ status: HTTPResponse.Status = .unprocessableContent) -> Response {
            let model = ApplyPageModel(cycle: cycle, applicant: applicant, values: form.values, errors: errors, refused: refused, csrf: s.csrf)
            return show(PortalAssistanceViews.applyForm(model), status)
        }
        if form.step == "edit" { return again(FieldErrors(), .ok) }
        if !errors.isEmpty { return again(errors) }
        let decision = try await store.assistance.preview(cycleID: cycle.id, memberID: memberID, declaration: declaration, scope: .everything)
        if !decision.isEligible || decision.amount.fen <= 0 { return again(errors, refused: decision) }
        if applicant.archiveAccountMasked == nil {
            form.account(into: &declaration, errors: &errors)
            if !errors.isEmpty { return again(errors) }
        }
        guard form.step == "submit" else {
            let model = ConfirmationModel(cycle: cycle, decision: decision, applicant: applicant, declaration: declaration,
                                          asksOutdoor: AssistanceApplicationForm.Asks(cycle).outdoor, values: form.values, csrf: s.csrf)
            return show(PortalAssistanceViews.confirmation(model), .ok)
        }
        do {
            _ = try await store.assistance.apply(cycleID: cycle.id, memberID: memberID, declaration: declaration, actor: nil, worker: m.name)
            return Web.redirect("/my/assistance/grants?ok=applied")
        } catch let e as StoreError {
            switch e.code {
            case "duplicate_grant":
                return show(PortalAssistanceViews.alreadyApplied(cycle), .conflict)
            case "cycle_not_open":
                return show(PortalAssistanceViews.closed(e.message), .conflict)
            default:
                // What the store refuses beyond the form (e.g. the account), beside the fields.
                if case .notFound = e { throw e }
                errors.add(e, fields: ["bank_name", "bank_account"])
                let recheck = try await store.assistance.preview(cycleID: cycle.id, memberID: memberID, declaration: declaration, scope: .everything)
                return again(errors, refused: recheck.isEligible ? nil : recheck)
            }
        }
    }
}
