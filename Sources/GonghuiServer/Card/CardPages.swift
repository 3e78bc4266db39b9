import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 会员服务卡 in the console: the measures of the officer's union and each child (送得出、激活率、
/// 用得上、长期用) against the year's target, the sleeping cards to follow up, and the target set.
struct CardPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("cards", use: measures)
        router.post("cards/target", use: target)
        registerMerchants(on: router)
    }

    func measures(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        guard let org = q.string("org").isEmpty ? context.actor.orgCode : q.string("org") else { throw WebError.notFound }
        return try await page(org: org, context: context, flash: q.string("ok"))
    }

    /// The page of a node: its measures, the last twelve months and the sleeping cards.
    func page(org: String, context: OfficerPageContext, flash: String = "", error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let m = try await store.cards.measures(orgCode: org, actor: context.actor)
        let sleeping = try await store.cards.sleeping(orgCode: org, actor: context.actor, limit: 100)
        let monthly = try await store.cards.monthly(orgCode: org, actor: context.actor)
        return Web.page(CardViews.measures(actor: context.actor, csrf: context.csrf, flash: flash, measures: m, sleeping: sleeping, error: error, monthly: monthly),
                        status: status)
    }

    func target(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let org = form["org"].isEmpty ? (context.actor.orgCode ?? "") : form["org"]
        do {
            guard let n = Int(form["target"]) else { throw StoreError.invalid([FieldProblem(field: "target", value: form["target"], reason: UI.Cards.targetWhole)]) }
            try await store.cards.setTarget(orgCode: org, year: CivilDate.today().year, target: n, actor: context.actor)
            return Web.redirect("/cards?org=\(org)&ok=cd_target")
        } catch let e as StoreError {
            guard case .invalid(let problems) = e else { throw e }
            return try await page(org: org, context: context, error: problems.first?.reason, status: .unprocessableContent)
        }
    }
}
