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
    }

    func myCard(_ request: Request, context: WorkerPageContext) async throws -> Response {
        try await cardPage(context, flash: PageQuery(request).string("ok"))
    }

    func cardPage(_ context: WorkerPageContext, flash: String = "", error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let memberID = context.worker.session.memberID
        let card = try await store.cards.memberCard(memberID: memberID)
        let usage = try await store.cards.memberUsage(memberID: memberID)
        let f = try await frame(UI.PortalCard.title, context, flash: flash)
        return Web.page(PortalCardViews.home(f, card: card, usage: usage, error: error), status: status)
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
