import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// Membership transfers (会籍转接): both unions approve, the releasing one first.
struct TransferRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("transfers") { request, context in
            let actor = context.actor
            var q = QueryReader(request)
            let box = q.choice("box", allowed: MemberService.TransferBox.allCases.map(\.rawValue)) { MemberService.TransferBox(rawValue: $0) } ?? .all
            let state = q.choice("state", allowed: Vocab.transferStates) { MembershipTransfer.State(rawValue: $0) }
            let limit = q.int("limit", default: 50, min: 1, max: 500)
            let offset = q.int("offset", default: 0, min: 0, max: 10_000_000)
            try q.check()
            let items = try await store.members.transfers(box: box, state: state, actor: actor, limit: limit, offset: offset)
            return try JSONResponse.make(PageJSON(items: items.map(API.Transfer.init), limit: limit, offset: offset))
        }
        api.get("transfers/:id") { _, context in
            let actor = context.actor
            return try JSONResponse.make(API.Transfer(try await store.members.transfer(id: try context.pathID("id"), actor: actor)))
        }
        api.post("transfers") { request, context in
            let actor = context.actor
            var body = try await BodyReader.read(request, context: context)
            let memberID = body.int64("memberId", required: true)
            let to = body.string("toOrgCode", required: true, maxLength: 64)
            let date = body.date("date")
            let reason = body.string("reason", maxLength: 500) ?? ""
            try body.check()
            guard let memberID, memberID > 0 else { throw StoreError.notFound(entity: "会员", key: String(memberID ?? 0)) }
            let t = try await store.members.requestTransfer(memberID: memberID, toOrgCode: to!.trimmingCharacters(in: .whitespaces),
                                                           on: date ?? .today(), reason: reason.trimmingCharacters(in: .whitespaces), actor: actor)
            return try JSONResponse.created(API.Transfer(t), at: "/api/v1/transfers/\(t.id)")
        }
        api.post("transfers/:id/approve") { request, context in try await decide(request, context, approve: true) }
        api.post("transfers/:id/reject") { request, context in try await decide(request, context, approve: false) }
        api.post("transfers/:id/cancel") { _, context in
            let actor = context.actor
            return try JSONResponse.make(API.Transfer(try await store.members.cancelTransfer(id: try context.pathID("id"), actor: actor)))
        }
    }

    func decide(_ request: Request, _ context: APIOfficerContext, approve: Bool) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let date = body.date("date")
        let reason = body.string("reason", required: !approve, maxLength: 500) ?? ""
        try body.check()
        let t = try await store.members.decideTransfer(id: id, approve: approve, on: date ?? .today(), reason: reason.trimmingCharacters(in: .whitespaces), actor: actor)
        return try JSONResponse.make(API.Transfer(t))
    }
}
