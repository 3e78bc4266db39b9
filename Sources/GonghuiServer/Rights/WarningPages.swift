import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 风险预警: the alerts in the officer's subtree, one alert with its handling, and the mark an
/// officer puts on a case (群体性/极端) that raises one at once.
struct WarningPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("warnings", use: list)
        router.get("warnings/duty", use: dutyPage)
        router.post("warnings/duty", use: addDuty)
        router.post("warnings/duty/:id/remove", use: removeDuty)
        router.get("warnings/:id", use: alertPage)
        router.post("warnings/:id/acknowledge", use: acknowledge)
        router.post("warnings/:id/close", use: close)
        router.post("disputes/:id/risk-mark", use: mark)
    }

    func list(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let state = q.string("state", maxLength: 20)
        let offset = max(0, Int(q.string("offset", maxLength: 9)) ?? 0)
        let chosen = RiskAlertState(rawValue: state)
        // The unclosed ones by default; the closed ones when asked for them or for all.
        let (alerts, total) = try await store.warnings.list(state: chosen, unclosed: state.isEmpty, actor: context.actor,
                                                            limit: WarningListPageModel.pageSize, offset: offset)
        let model = WarningListPageModel(actor: context.actor, csrf: context.csrf, flash: q.string("ok"), state: state, alerts: alerts,
                                         total: total, offset: offset, today: .today())
        return Web.page(WarningViews.list(model))
    }

    func alertPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await page(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok"))
    }

    func acknowledge(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await handle(request, context: context, action: "acknowledge")
    }

    func close(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await handle(request, context: context, action: "close")
    }

    func handle(_ request: Request, context: OfficerPageContext, action: String) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        let note = form["\(action)_note"] ?? ""
        let version = Int(form["version"] ?? "")
        do {
            if action == "close" {
                _ = try await store.warnings.close(id: id, note: note, expectedVersion: version, actor: context.actor)
            } else {
                _ = try await store.warnings.acknowledge(id: id, note: note, expectedVersion: version, actor: context.actor)
            }
            return Web.redirect("/warnings/\(id)?ok=\(action == "close" ? "warning_closed" : "warning_acknowledged")")
        } catch let e as StoreError {
            switch e {
            case .invalid(let problems):
                return try await page(id: id, context: context, problem: ActionProblem(action: action, field: "note", message: problems.first?.reason ?? ""),
                                      note: note, status: .unprocessableContent)
            case .conflict(_, let message, _):
                return try await page(id: id, context: context, problem: ActionProblem(action: action, field: nil, message: message), status: .conflict)
            case .staleVersion:
                return try await page(id: id, context: context, problem: ActionProblem(action: action, field: nil, message: e.message), status: .conflict)
            default: throw e
            }
        }
    }

    func page(id: Int64, context: OfficerPageContext, flash: String? = nil, problem: ActionProblem? = nil, note: String = "",
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let alert = try await store.warnings.find(id: id, actor: context.actor)
        let model = WarningPageModel(actor: context.actor, csrf: context.csrf, flash: flash, alert: alert, problem: problem, note: note,
                                     mayHandle: context.actor.role.mayEditRegistry, today: .today())
        return Web.page(WarningViews.alert(model), status: status)
    }

    // MARK: Officers on duty

    func dutyPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await dutyResponse(context, flash: PageQuery(request).string("ok"))
    }

    func addDuty(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let phone = errors.parse("phone", form["phone"], missing: UI.Warnings.dutyPhoneMissing) { try PhoneNumber($0) }
        if let phone, errors.isEmpty {
            do {
                _ = try await store.warnings.addDuty(WarningDutyDraft(name: form["name"], phone: phone, email: form["email"]), orgCode: nil, actor: context.actor)
                return Web.redirect("/warnings/duty?ok=saved")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: ["name", "email"])
            }
        }
        return try await dutyResponse(context, values: ["name": form["name"], "phone": form["phone"], "email": form["email"]], errors: errors, status: .unprocessableContent)
    }

    func removeDuty(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await store.warnings.removeDuty(id: try context.pathInt("id"), actor: context.actor)
        return Web.redirect("/warnings/duty?ok=saved")
    }

    func dutyResponse(_ context: OfficerPageContext, flash: String? = nil, values: [String: String] = [:], errors: FieldErrors = FieldErrors(),
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let duty = try await store.warnings.duty(orgCode: context.actor.orgCode ?? "", actor: context.actor)
        return Web.page(WarningViews.duty(WarningDutyPageModel(actor: context.actor, csrf: context.csrf, flash: flash, duty: duty,
                                                                mayEdit: context.actor.role.mayEditRegistry, values: values, errors: errors)), status: status)
    }

    /// Marks a case 群体性/极端 from its page.
    func mark(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        let cases = DisputePages(store: store)
        guard let mark = RiskMark(rawValue: form["risk_mark"] ?? "") else {
            return try await cases.page(id: id, context: context, problem: ActionProblem(action: "risk_mark", field: "mark", message: UI.Warnings.unknownMark),
                                        status: .unprocessableContent)
        }
        do {
            _ = try await store.disputes.markRisk(caseID: id, mark: mark, note: form["risk_note"] ?? "", actor: context.actor)
            return Web.redirect("/disputes/\(id)?ok=ds_risk")
        } catch let e as StoreError {
            switch e {
            case .invalid(let problems):
                return try await cases.page(id: id, context: context, problem: ActionProblem(action: "risk_mark", field: "note", message: problems.first?.reason ?? ""),
                                            status: .unprocessableContent)
            case .conflict(_, let message, _):
                return try await cases.page(id: id, context: context, problem: ActionProblem(action: "risk_mark", field: nil, message: message), status: .conflict)
            default: throw e
            }
        }
    }
}

struct WarningDutyPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var duty: [WarningDuty]
    var mayEdit: Bool
    var values: [String: String]
    var errors: FieldErrors
}

struct WarningListPageModel {
    static let pageSize = 100
    var actor: Actor
    var csrf: String?
    var flash: String?
    /// "" (unclosed), a state, or "all".
    var state: String
    var alerts: [RiskAlert]
    var total: Int
    var offset: Int
    var today: CivilDate
}

struct WarningPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var alert: RiskAlert
    var problem: ActionProblem?
    var note: String
    var mayHandle: Bool
    var today: CivilDate

    func problem(_ action: String, field: String?) -> String? { problem.message(action, field: field) }
}
