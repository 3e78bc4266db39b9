import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 我的服务卡 in the portal: apply choosing a branch, activate once collected, the services the card
/// carries and the last uses.
extension PortalPages {
    func registerCard(on router: RouterGroup<WorkerPageContext>) {
        router.get("my/card", use: myCard)
        router.post("my/card", use: applyForCard)
        router.post("my/card/activate", use: activateCard)
        router.get("my/merchants/:id", use: merchantPage)
    }

    func myCard(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let q = PageQuery(request)
        return try await cardPage(context, flash: q.string("ok"), city: q.string("city"), category: MerchantCategory(rawValue: q.string("category")))
    }

    func cardPage(_ context: WorkerPageContext, flash: String = "", error: String? = nil, city: String = "", category: MerchantCategory? = nil,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let memberID = context.worker.session.memberID
        let card = try await store.cards.memberCard(memberID: memberID)
        let usage = try await store.cards.memberUsage(memberID: memberID)
        let merchants = try await store.cards.merchantsFor(memberID: memberID, cityCode: city.isEmpty ? nil : city, category: category)
        let cities = try await store.cards.cities(memberID: memberID)
        let f = try await frame(UI.PortalCard.title, context, flash: flash)
        return Web.page(PortalCardViews.home(f, card: card, usage: usage, error: error,
                                             merchants: PortalCardViews.Merchants(list: merchants, cities: cities, city: city, category: category)), status: status)
    }

    /// A merchant's page: what it offers, where, until when. Any signed-in member may read it.
    func merchantPage(_ request: Request, context: WorkerPageContext) async throws -> Response {
        guard let k = try await store.cards.merchant(id: try context.pathInt("id")), k.inForce(on: .today()) else { throw WebError.notFound }
        let f = try await frame(k.name, context)
        return Web.page(PortalCardViews.merchant(f, k))
    }

    func applyForCard(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        do {
            _ = try await store.cards.request(memberID: context.worker.session.memberID, branch: form["branch"])
            return Web.redirect("/my/card?ok=cd_applied")
        } catch let e as StoreError {
            switch e {
            case .invalid(let problems): return try await cardPage(context, error: problems.first?.reason, status: .unprocessableContent)
            case .conflict(_, let message, _): return try await cardPage(context, error: message, status: .unprocessableContent)
            default: throw e
            }
        }
    }

    func activateCard(_ request: Request, context: WorkerPageContext) async throws -> Response {
        _ = try await WebForm.read(request)
        do {
            _ = try await store.cards.activate(memberID: context.worker.session.memberID)
            return Web.redirect("/my/card?ok=cd_activated")
        } catch StoreError.conflict(_, let message, _) {
            return try await cardPage(context, error: message, status: .unprocessableContent)
        }
    }
}
