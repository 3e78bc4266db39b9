import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Claims (理赔) in the console: the worklist of claims waiting for the officer, the form the
/// unit fills for its member, a claim's page with its arithmetic, papers and the decision the
/// officer may take, and the round's payment batch.
extension MutualAidPages {
    func registerClaims(on router: RouterGroup<OfficerPageContext>) {
        router.get("mutual-aid/claims", use: claimList)
        router.get("mutual-aid/rounds/:id/claims/new", use: newClaim)
        router.post("mutual-aid/rounds/:id/claims", use: fileClaim)
        router.get("mutual-aid/claims/:id", use: claimPage)
        router.post("mutual-aid/claims/:id/review", use: review)
        router.post("mutual-aid/claims/:id/owner", use: ownerDecision)
        router.post("mutual-aid/claims/:id/requeue", use: requeue)
        router.get("mutual-aid/claims/:id/papers/:paper", use: paper)
        router.post("mutual-aid/rounds/:id/batches", use: createBatch)
    }

    func claimList(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let state = MutualAidClaimState(rawValue: q.string("state"))
        let round = Int64(q.string("round"))
        let awaiting = try await store.mutualAid.claimsAwaiting(actor: context.actor)
        let claims = try await store.mutualAid.claims(roundID: round, state: state, actor: context.actor)
        return Web.page(MutualAidClaimViews.list(actor: context.actor, csrf: context.csrf, awaiting: awaiting, claims: claims, state: state, roundID: round))
    }

    func newClaim(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (plan, round) = try await store.mutualAid.round(id: try context.pathInt("id"), actor: context.actor)
        return Web.page(MutualAidClaimViews.new(actor: context.actor, csrf: context.csrf, plan: plan, round: round, form: MutualAidClaimForm()))
    }

    func fileClaim(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (plan, round) = try await store.mutualAid.round(id: try context.pathInt("id"), actor: context.actor)
        let form = try await WebForm.read(request)
        var (f, draft) = MutualAidClaimForm.read(form, round: round)
        let id = f.errors.parse("id_number", form["id_number"], missing: UI.MutualAidClaims.idNumber) { try IDNumber($0) }
        if let id, let draft, f.errors.isEmpty {
            if let member = try? await store.members.lookup(idNumber: id, actor: context.actor) {
                do {
                    let claim = try await store.mutualAid.fileClaim(memberID: member.id, draft, actor: context.actor)
                    return Web.redirect("/mutual-aid/claims/\(claim.id)?ok=ma_claim_filed")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    f.add(e)
                }
            } else {
                f.errors.add("id_number", UI.MutualAidClaims.memberNotFound)
            }
        }
        return Web.page(MutualAidClaimViews.new(actor: context.actor, csrf: context.csrf, plan: plan, round: round, form: f), status: .unprocessableContent)
    }

    func claimPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await claimPage(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok").nilIfEmpty)
    }

    func claimPage(id: Int64, context: OfficerPageContext, flash: String? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let claim = try await store.mutualAid.claim(id: id, actor: context.actor)
        let papers = try await store.mutualAid.claimPapers(claimID: id, actor: context.actor)
        let awaiting = try await !store.mutualAid.claimsAwaiting(actor: context.actor, claimID: id).isEmpty
        let model = MutualAidClaimPageModel(actor: context.actor, csrf: context.csrf, flash: flash, claim: claim, papers: papers, mayDecide: awaiting, problem: problem)
        return Web.page(MutualAidClaimViews.claim(model), status: status)
    }

    func review(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await decide(request, context: context, flash: "ma_claim_decided") { id, approve, reason in
            _ = try await store.mutualAid.review(claimID: id, approve: approve, reason: reason, actor: context.actor)
        }
    }

    func ownerDecision(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await decide(request, context: context, flash: "ma_claim_decided") { id, approve, reason in
            _ = try await store.mutualAid.ownerDecide(claimID: id, approve: approve, reason: reason, actor: context.actor)
        }
    }

    func requeue(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await decide(request, context: context, flash: "ma_claim_requeued") { id, _, _ in
            _ = try await store.mutualAid.requeue(claimID: id, actor: context.actor)
        }
    }

    /// A decision from the claim's page: done, back to the page with its flash; refused by the
    /// rules, the page again with the reason beside the buttons.
    func decide(_ request: Request, context: OfficerPageContext, flash: String,
                _ act: @Sendable (Int64, Bool, String) async throws -> Void) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        do {
            try await act(id, form["decision"] != "refuse", String(form["reason"].prefix(600)))
            return Web.redirect("/mutual-aid/claims/\(id)?ok=\(flash)")
        } catch let e as StoreError {
            switch e {
            case .forbidden, .notFound: throw e
            default: return try await claimPage(id: id, context: context, problem: e.message, status: .conflict)
            }
        }
    }

    func paper(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let (name, type, data) = try await store.mutualAid.claimPaper(claimID: try context.pathInt("id"), paperID: try context.pathInt("paper"), actor: context.actor)
        return Web.download(Data(data), fileName: name, contentType: type)
    }

    func createBatch(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        do {
            let form = try await WebForm.read(request)
            let batch = try await store.mutualAid.createBatch(roundID: id, toCard: form["to_card"] == "1", actor: context.actor)
            return Web.redirect("/batches/\(batch.id)?ok=pg_batch")
        } catch let e as StoreError {
            if case .conflict = e { return try await page(id: id, context: context, form: "batch", errors: { var f = FieldErrors(); f.general.append(e.message); return f }(), status: .conflict) }
            throw e
        }
    }
}

struct MutualAidClaimPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var claim: MutualAidClaim
    var papers: [(id: Int64, kind: MutualAidPaperKind, filename: String, size: Int, uploadedBy: String)]
    /// Whether the claim waits for this officer (its review, or the owner's approval).
    var mayDecide: Bool
    var problem: String?

    var mayRequeue: Bool { claim.state == .failed && actor.role.mayDecideTransfers }
}
