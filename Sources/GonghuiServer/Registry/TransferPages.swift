import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 待办: membership transfers waiting for this subtree's decision, releasing side first.
struct TransferPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("transfers", use: list)
        router.post("transfers/:id/decide", use: decide)
        router.post("transfers/:id/cancel", use: cancel)
    }

    func list(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let query = TransferListForm(PageQuery(request))
        let model = try await TransferListPageModel.load(query.box, offset: query.offset, store: store, actor: context.actor, csrf: context.csrf, flash: query.flash)
        return Web.page(TransferViews.list(model))
    }

    func decide(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = TransferDecisionForm(try await WebForm.read(request))
        do {
            _ = try await store.members.decideTransfer(id: id, approve: form.approve, on: .today(), reason: form.reason, actor: context.actor)
            return Web.redirect("/transfers?box=\(form.box.rawValue)&ok=\(form.approve ? "approved" : "rejected")")
        } catch let e as StoreError {
            let message: String
            if case .invalid(let ps) = e { message = ps.map(\.reason).joined(separator: UI.Registry.listSeparator) } else { message = e.message }
            let model = try await TransferListPageModel.load(form.box, offset: 0, store: store, actor: context.actor, csrf: context.csrf, errors: [id: message])
            return Web.page(TransferViews.list(model), status: .unprocessableContent)
        }
    }

    func cancel(_ request: Request, context: OfficerPageContext) async throws -> Response {
        _ = try await store.members.cancelTransfer(id: try context.pathInt("id"), actor: context.actor)
        return Web.redirect("/transfers?box=outgoing&ok=cancelled")
    }
}
