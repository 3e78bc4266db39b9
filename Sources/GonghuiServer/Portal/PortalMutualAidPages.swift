import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 我的互助 in the portal: the member's cover in each round (from when, what is left of each
/// cap), their claims and where each stands (the refusal's reason, the payment), and the claim
/// form on a phone with the papers photographed.
extension PortalPages {
    func registerMutualAid(on router: RouterGroup<WorkerPageContext>) {
        router.get("my/mutual-aid", use: myMutualAid)
        router.get("my/mutual-aid/rounds/:id/claim", use: claimForm)
        router.post("my/mutual-aid/rounds/:id/claim", use: fileMyClaim)
        router.get("my/mutual-aid/claims/:id", use: myClaim)
    }

    func myMutualAid(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let memberID = context.worker.session.memberID
        let cover = try await store.mutualAid.portalCover(memberID: memberID)
        let claims = try await store.mutualAid.portalClaims(memberID: memberID)
        let f = try await frame(UI.PortalMutualAid.title, context, flash: PageQuery(request).string("ok"))
        return Web.page(PortalMutualAidViews.home(f, cover: cover, claims: claims, today: .today()))
    }

    /// The round the member is enrolled in, or not found.
    func myRound(_ context: WorkerPageContext) async throws -> MutualAidCoverView {
        let id = try context.pathInt("id")
        guard let c = try await store.mutualAid.portalCover(memberID: context.worker.session.memberID).first(where: { $0.round.id == id }) else { throw WebError.notFound }
        return c
    }

    func claimForm(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let cover = try await myRound(context)
        let f = try await frame(UI.PortalMutualAid.claimTitle, context)
        return Web.page(PortalMutualAidViews.claimForm(f, cover: cover, form: MutualAidClaimForm()))
    }

    func fileMyClaim(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let cover = try await myRound(context)
        var (form, draft) = MutualAidClaimForm.read(try await WebForm.read(request), round: cover.round)
        if let draft {
            do {
                let claim = try await store.mutualAid.fileClaimFromPortal(memberID: context.worker.session.memberID, draft)
                return Web.redirect("/my/mutual-aid/claims/\(claim.id)?ok=ma_my_claim")
            } catch let e as StoreError {
                if case .notFound = e { throw e }
                form.add(e)
            }
        }
        let f = try await frame(UI.PortalMutualAid.claimTitle, context)
        return Web.page(PortalMutualAidViews.claimForm(f, cover: cover, form: form), status: .unprocessableContent)
    }

    func myClaim(_ request: Request, context: WorkerPageContext) async throws -> Response {
        let claim = try await store.mutualAid.portalClaim(id: try context.pathInt("id"), memberID: context.worker.session.memberID)
        let f = try await frame(UI.PortalMutualAid.claimNo(claim.claimNo), context, flash: PageQuery(request).string("ok"))
        return Web.page(PortalMutualAidViews.claim(f, claim))
    }
}
