import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird
import NIOConcurrencyHelpers

/// 审计日志 for auditors: who did what, filterable, and whether the hash chain is intact.
struct AuditPages {
    let store: Store
    /// The last verification: walking the whole chain takes a while on a busy system, so the page
    /// shows the last result and offers to check again.
    let last = NIOLockedValueBox<(AuditVerification, Int64)?>(nil)

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("audit", use: auditLog)
        router.post("audit/verify", use: verify)
    }

    func auditLog(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = try auditor(context)
        let form = AuditFilterForm(PageQuery(request))
        var errors = FieldErrors()
        let filter = form.parse(into: &errors)
        var entries: [AuditEntry] = []
        var total = 0
        if let filter {
            async let list = store.auditLog.list(actor: actor, filter: filter)
            async let count = store.auditLog.count(actor: actor, filter: filter)
            entries = try await list
            total = try await count
        }
        let model = AuditPageModel(form: form, entries: entries, total: total, errors: errors, verification: try await verification(), csrf: context.csrf)
        return Web.page(Layout.page(UI.Audit.title, actor: actor, csrf: context.csrf, section: .audit, AuditViews.auditLog(model)))
    }

    func verify(_ request: Request, context: OfficerPageContext) async throws -> Response {
        _ = try auditor(context)
        let v = try await store.auditLog.verify()
        last.withLockedValue { $0 = (v, Clock.nowMillis()) }
        return Web.redirect("/audit")
    }

    /// The last verification, or a new one when there is none yet.
    func verification() async throws -> (AuditVerification, Int64) {
        if let known = last.withLockedValue({ $0 }) { return known }
        let fresh = (try await store.auditLog.verify(), Clock.nowMillis())
        last.withLockedValue { $0 = fresh }
        return fresh
    }

    func auditor(_ context: OfficerPageContext) throws -> Actor {
        let actor = context.actor
        guard actor.role.mayReadAudit else { throw WebError.forbidden(UI.Audit.mayNotRead) }
        return actor
    }
}
