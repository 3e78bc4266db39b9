import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// Users (system administrators) and the audit log (auditors and system administrators).
struct AdminRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("users") { _, context in
            let actor = context.actor
            return try JSONResponse.make(ItemsJSON(items: try await store.users.list(actor: actor).map(API.User.init)))
        }
        api.post("users") { request, context in
            let actor = context.actor
            var body = try await BodyReader.read(request, context: context)
            let username = body.string("username", required: true, maxLength: 64)
            let displayName = body.string("displayName", maxLength: 50) ?? ""
            let password = body.string("password", required: true, maxLength: 256)
            let role = body.choice("role", required: true, allowed: Vocab.roles) { Role(parsing: $0) }
            let orgCode = body.string("orgCode", required: true, maxLength: 64)
            try body.check()
            let user: User
            do {
                user = try await store.users.add(username: username!, displayName: displayName.trimmingCharacters(in: .whitespaces),
                                                 password: password!, role: role!, orgCode: orgCode!, actor: actor)
            } catch StoreError.notFound {
                throw APIError.validation([FieldProblem(field: "orgCode", value: orgCode!, reason: "组织不存在或不在您的管辖范围内")])
            }
            return try JSONResponse.make(API.User(user), status: .created)
        }
        api.get("audit") { request, context in
            let actor = context.actor
            var q = QueryReader(request)
            let filter = AuditLog.Filter(
                actor: q.string("actor", maxLength: 100), action: q.string("action", maxLength: 100),
                entity: q.string("entity", maxLength: 100), entityID: q.string("entityId", maxLength: 100),
                limit: q.int("limit", default: 50, min: 1, max: 500), offset: q.int("offset", default: 0, min: 0, max: 10_000_000))
            try q.check()
            let entries = try await store.auditLog.list(actor: actor, filter: filter)
            return try JSONResponse.make(PageJSON(items: entries.map(API.AuditEntry.init), limit: filter.limit, offset: filter.offset))
        }
        api.get("audit/verify") { _, context in
            let actor = context.actor
            guard actor.role.mayReadAudit else { throw StoreError.forbidden("当前角色无权查看审计日志") }
            return try JSONResponse.make(API.AuditVerification(try await store.auditLog.verify()))
        }
    }
}
