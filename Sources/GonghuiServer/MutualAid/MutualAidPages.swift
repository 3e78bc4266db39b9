import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 职工医疗互助 in the console: the plans the officer works with and their rounds, a plan and a
/// round set by its owner, and a round's page with its terms, each unit's enrollment and
/// contributions, and the forms to enroll a unit's members and record its payment.
struct MutualAidPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("mutual-aid", use: plans)
        router.post("mutual-aid/plans", use: createPlan)
        router.post("mutual-aid/rounds", use: addRound)
        router.get("mutual-aid/rounds/:id", use: roundPage)
        router.post("mutual-aid/rounds/:id/enroll", use: enroll)
        router.post("mutual-aid/rounds/:id/payment", use: payment)
        registerClaims(on: router)
        registerFigures(on: router)
    }

    func plans(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await plansPage(context, flash: PageQuery(request).string("ok"))
    }

    func plansPage(_ context: OfficerPageContext, flash: String? = nil, form: String? = nil, values: [String: String] = [:], errors: FieldErrors = FieldErrors(),
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        var rows: [(MutualAidPlan, [MutualAidRound])] = []
        for p in try await store.mutualAid.plans(actor: context.actor) { rows.append((p, try await store.mutualAid.rounds(planCode: p.code, actor: context.actor))) }
        let own = context.actor.orgCode
        let owns = rows.filter { $0.0.ownerCode == own }.map(\.0)
        var mayOwn = false
        if context.actor.role.mayEditRegistry, let own, let org = try? await store.orgs.org(code: own, actor: context.actor) {
            mayOwn = org.kind == .province || org.kind == .city
        }
        let model = MutualAidPlansPageModel(actor: context.actor, csrf: context.csrf, flash: flash, plans: rows, ownPlans: owns, mayOwn: mayOwn,
                                            form: form, values: values, errors: errors, today: .today())
        return Web.page(MutualAidViews.plans(model), status: status)
    }

    func createPlan(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let values = ["code": form["code"], "name": form["name"], "kind": form["kind"]]
        var errors = FieldErrors()
        guard let kind = MutualAidPlanKind(rawValue: form["kind"]) else {
            errors.add("kind", UI.MutualAid.pleaseChoose + UI.MutualAid.kind)
            return try await plansPage(context, form: "plan", values: values, errors: errors, status: .unprocessableContent)
        }
        do {
            _ = try await store.mutualAid.createPlan(code: form["code"], name: form["name"], kind: kind, ownerCode: context.actor.orgCode ?? "", actor: context.actor)
            return Web.redirect("/mutual-aid?ok=ma_plan")
        } catch let e as StoreError {
            if case .forbidden = e { throw e }
            errors.add(e, fields: ["code", "name", "kind", "owner_code"])
            return try await plansPage(context, form: "plan", values: values, errors: errors, status: .unprocessableContent)
        }
    }

    func addRound(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let fields = ["plan", "name", "starts_on", "ends_on", "enrollment_opens", "enrollment_closes", "contribution", "waiting_days", "claim_limit_days",
                      "owner_approval_above", "source"]
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0]) })
        var errors = FieldErrors()
        let starts = errors.date("starts_on", form["starts_on"]), ends = errors.date("ends_on", form["ends_on"])
        let opens = errors.date("enrollment_opens", form["enrollment_opens"]), closes = errors.date("enrollment_closes", form["enrollment_closes"])
        let contribution = errors.money("contribution", form["contribution"], missing: UI.MutualAid.contribution)
        let approval = errors.money("owner_approval_above", form["owner_approval_above"], missing: UI.MutualAid.ownerApproval)
        let waiting = Int(form["waiting_days"]), limit = Int(form["claim_limit_days"])
        if waiting == nil { errors.add("waiting_days", UI.MutualAid.wholeDays) }
        if limit == nil { errors.add("claim_limit_days", UI.MutualAid.wholeDays) }
        if let starts, let ends, let opens, let closes, let contribution, let approval, let waiting, let limit, errors.isEmpty {
            do {
                // The benefits of the plan's latest round, or the usual five for its first.
                let previous = try await store.mutualAid.rounds(planCode: form["plan"], actor: context.actor).last?.terms
                var terms = previous ?? MutualAidRound.exampleTerms(source: form["source"])
                terms.contribution = contribution; terms.waitingDays = waiting; terms.claimLimitDays = limit
                terms.ownerApprovalAbove = approval; terms.source = form["source"]
                _ = try await store.mutualAid.addRound(planCode: form["plan"], name: form["name"], startsOn: starts, endsOn: ends, enrollmentOpens: opens,
                                                       enrollmentCloses: closes, terms: terms, actor: context.actor)
                return Web.redirect("/mutual-aid?ok=ma_round")
            } catch let e as StoreError {
                errors.add(e, fields: Set(fields))
            }
        }
        return try await plansPage(context, form: "round", values: values, errors: errors, status: .unprocessableContent)
    }

    func roundPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await page(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok"))
    }

    func page(id: Int64, context: OfficerPageContext, flash: String? = nil, form: String? = nil, values: [String: String] = [:], errors: FieldErrors = FieldErrors(),
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let (plan, round) = try await store.mutualAid.round(id: id, actor: context.actor)
        let standings = try await store.mutualAid.standings(roundID: id, actor: context.actor)
        let claims = try await store.mutualAid.claimCounts(roundID: id, actor: context.actor)
        let batches = try await store.mutualAid.batches(roundID: id, actor: context.actor)
        let model = MutualAidRoundPageModel(actor: context.actor, csrf: context.csrf, flash: flash, plan: plan, round: round, standings: standings,
                                            mayHandle: context.actor.role.mayEditRegistry, claims: claims, batches: batches, form: form, values: values, errors: errors,
                                            today: .today())
        return Web.page(MutualAidViews.round(model), status: status)
    }

    func enroll(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let values = ["unit_code": form["unit_code"], "id_numbers": form["id_numbers"]]
        // A list of ID numbers, one a line; none means every member in good standing.
        let lines = form["id_numbers"].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var numbers: [IDNumber] = []
        for (i, line) in lines.enumerated() {
            do { numbers.append(try IDNumber(line)) } catch { errors.add("id_numbers", UI.MutualAid.listLine(i + 1, line, error.message)) }
        }
        guard errors.isEmpty else {
            return try await page(id: id, context: context, form: "enroll", values: values, errors: errors, status: .unprocessableContent)
        }
        do {
            if numbers.isEmpty {
                _ = try await store.mutualAid.enroll(roundID: id, unitCode: form["unit_code"], actor: context.actor)
            } else {
                _ = try await store.mutualAid.enroll(roundID: id, unitCode: form["unit_code"], idNumbers: numbers, actor: context.actor)
            }
            return Web.redirect("/mutual-aid/rounds/\(id)?ok=ma_enrolled")
        } catch let e as StoreError {
            switch e {
            case .forbidden, .notFound: throw e
            case .invalid(let problems):
                for p in problems {
                    if p.field.hasPrefix("id_numbers["), let i = Int(p.field.dropFirst(11).dropLast()) {
                        errors.add("id_numbers", UI.MutualAid.listLine(i + 1, p.value, p.reason))
                    } else {
                        errors.add(.invalid([p]), fields: ["unit_code", "id_numbers"])
                    }
                }
                return try await page(id: id, context: context, form: "enroll", values: values, errors: errors, status: .unprocessableContent)
            default:
                errors.add(e, fields: ["unit_code"])
                return try await page(id: id, context: context, form: "enroll", values: values, errors: errors, status: .conflict)
            }
        }
    }

    func payment(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        let values = ["unit_code": form["unit_code"], "amount": form["amount"], "received_on": form["received_on"], "receipt_no": form["receipt_no"]]
        var errors = FieldErrors()
        let amount = errors.money("amount", form["amount"], missing: UI.MutualAid.amount)
        let on = errors.date("received_on", form["received_on"])
        if let amount, let on, errors.isEmpty {
            do {
                _ = try await store.mutualAid.recordPayment(roundID: id, unitCode: form["unit_code"], amount: amount, receivedOn: on, receiptNo: form["receipt_no"],
                                                            actor: context.actor)
                return Web.redirect("/mutual-aid/rounds/\(id)?ok=ma_paid")
            } catch let e as StoreError {
                switch e {
                case .forbidden, .notFound: throw e
                default: errors.add(e, fields: ["unit_code", "amount", "received_on", "receipt_no"])
                }
            }
        }
        return try await page(id: id, context: context, form: "payment", values: values, errors: errors, status: .unprocessableContent)
    }
}

struct MutualAidPlansPageModel: OneOfSeveralForms {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var plans: [(MutualAidPlan, [MutualAidRound])]
    /// The plans the officer's own union owns (rounds are set for these).
    var ownPlans: [MutualAidPlan]
    /// Whether the officer's union is a province or city that may own plans.
    var mayOwn: Bool
    var form: String?
    var values: [String: String]
    var errors: FieldErrors
    var today: CivilDate

}

struct MutualAidRoundPageModel: OneOfSeveralForms {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var plan: MutualAidPlan
    var round: MutualAidRound
    var standings: [MutualAidUnitStanding]
    var mayHandle: Bool
    /// The round's claims by state, and the batches that paid them.
    var claims: [MutualAidClaimState: (Int, Money)]
    var batches: [PaymentBatch]
    var form: String?
    var values: [String: String]
    var errors: FieldErrors
    var today: CivilDate

}

/// A page with several forms, one of which may have come back with its values and errors.
protocol OneOfSeveralForms {
    var form: String? { get }
    var values: [String: String] { get }
    var errors: FieldErrors { get }
}

extension OneOfSeveralForms {
    func error(_ form: String, _ field: String) -> String? { self.form == form ? errors[field] : nil }
    func value(_ form: String, _ field: String) -> String { self.form == form ? values[field] ?? "" : "" }
}
