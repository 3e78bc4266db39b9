import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// 审计日志 for auditors: who did what, filterable, and whether the hash chain is intact.
struct AuditPages {
    let store: Store
    /// The last verification: walking the whole chain takes a while on a busy system, so the page
    /// shows the last result and offers to check again.
    let last = NIOLockedValueBox<(AuditVerification, Int64)?>(nil)

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("audit") { request, context in
            let actor = try auditor(context)
            let q = PageQuery(request)
            var errors = FieldErrors()
            let from = errors.date("from", q.string("from", maxLength: 10), required: false)
            let to = errors.date("to", q.string("to", maxLength: 10), required: false)
            let offset = q.int("offset", default: 0, range: 0...10_000_000)
            func millis(_ d: CivilDate) -> Int64 { Int64(d.daysSinceEpoch) * 86_400_000 - 8 * 3_600_000 }
            let filter = AuditLog.Filter(actor: q.string("actor", maxLength: 80).nilIfEmpty, action: q.string("action", maxLength: 80).nilIfEmpty,
                                         entity: q.string("entity", maxLength: 40).nilIfEmpty, entityID: q.string("entity_id", maxLength: 80).nilIfEmpty,
                                         fromMillis: from.map(millis), toMillis: to.map { millis($0.adding(days: 1)) }, limit: 50, offset: offset)
            let entries = errors.isEmpty ? try await store.auditLog.list(actor: actor, filter: filter) : []
            var verification = last.withLockedValue { $0 }
            if verification == nil {
                let v = try await store.auditLog.verify()
                verification = (v, Clock.nowMillis())
                last.withLockedValue { $0 = verification }
            }
            return Web.page(Layout.page("审计日志", actor: actor, csrf: context.csrf, section: .audit,
                                        render(q: q, entries: entries, offset: offset, errors: errors, verification: verification!, csrf: context.csrf)))
        }
        router.post("audit/verify") { _, context in
            _ = try auditor(context)
            let v = try await store.auditLog.verify()
            last.withLockedValue { $0 = (v, Clock.nowMillis()) }
            return Web.redirect("/audit")
        }
    }

    func auditor(_ context: OfficerPageContext) throws -> Actor {
        let actor = context.actor
        guard actor.role.mayReadAudit else { throw WebError.forbidden("当前角色无权查看审计日志") }
        return actor
    }

    func render(q: PageQuery, entries: [AuditEntry], offset: Int, errors: FieldErrors, verification: (AuditVerification, Int64), csrf: String?) -> HTML {
        let (v, at) = verification
        let status: HTML = v.ok
            ? "<div class=\"flash\" role=\"status\">哈希链校验通过：共 \(Layout.number(Int(v.entries))) 条记录，未发现篡改（校验于 \(Layout.time(at))）。</div>"
            : "<div class=\"alert\" role=\"alert\">哈希链校验未通过：\(v.problem ?? "")（第 \(String(v.firstBadSeq ?? 0)) 条起，校验于 \(Layout.time(at))）。</div>"
        // The head, so an auditor can note it somewhere the database's administrators cannot reach.
        let head: HTML = "<dl class=\"fields\"><dt>审计日志头</dt><dd>第 \(String(v.headSeq)) 条，哈希 <code>\(v.headHash)</code></dd></dl>"
        let rows = entries.map { e -> HTML in
            "<tr><td class=\"num\">\(String(e.seq))</td><td>\(Layout.time(e.at))</td><td>\(e.actor)</td><td><code>\(e.action)</code></td><td>\(e.entity) \(e.entityID)</td><td>\(e.summary)</td></tr>"
        }
        let keys = ["actor", "action", "entity", "entity_id", "from", "to"]
        return """
        \(status)
        \(head)
        <form method="post" action="/audit/verify" class="actions">\(Layout.csrfField(csrf))<button type="submit" class="secondary">重新校验哈希链</button></form>
        \(Layout.formErrors(errors))
        <form method="get" action="/audit" class="search card" role="search">
        \(Layout.field("操作人", name: "actor", value: q.string("actor")))
        \(Layout.field("操作", name: "action", value: q.string("action"), hint: "如 member.reveal、org.move"))
        \(Layout.field("对象类型", name: "entity", value: q.string("entity"), hint: "org、member、transfer、user"))
        \(Layout.field("对象编号", name: "entity_id", value: q.string("entity_id")))
        \(Layout.field("起始日期", name: "from", value: q.string("from"), type: "date", error: errors["from"]))
        \(Layout.field("截止日期", name: "to", value: q.string("to"), type: "date", error: errors["to"]))
        <button type="submit">筛选</button>
        </form>
        \(entries.isEmpty ? HTML("<p>没有符合条件的记录。</p>") : """
        <div class="table-wrap"><table><thead><tr><th scope="col" class="num">序号</th><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">摘要</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/audit", query: keys.map { ($0, q.string($0)) }, offset: offset, limit: 50, total: nil, shown: entries.count))
        """)
        """
    }
}

