import Foundation
import GonghuiDomain
import GonghuiStore

/// The audit log page, rendered from its model.
enum AuditViews {
    typealias A = UI.Audit

    static func auditLog(_ m: AuditPageModel) -> HTML {
        let rows = m.entries.map { e -> HTML in
            """
            <tr><td class="num">\(String(e.seq))</td><td class="nw">\(Layout.time(e.at))</td><td>\(A.actorName(e))</td><td>\(A.actionName(e.action))</td>\
            <td>\(A.entityName(e.entity)) <span class="muted nw">\(e.entityID)</span></td><td>\(e.summary)</td></tr>
            """
        }
        let query: [(String, String?)] = AuditFilterForm.keys.map { ($0, m.form[$0]) }
        return """
        \(chain(m.verification))
        <form method="post" action="/audit/verify" class="actions">\(Layout.csrfField(m.csrf))<button type="submit" class="secondary">\(A.verifyAgain)</button></form>
        \(Layout.formErrors(m.errors))
        \(filterForm(m.form, errors: m.errors))
        <p>\(A.matching(Layout.number(m.total)))<br><span class="muted">\(A.scopeNote)</span></p>
        \(m.entries.isEmpty ? HTML("<p>\(A.noEntries)</p>") : """
        <div class="table-wrap"><table><thead><tr><th scope="col" class="num">\(A.seq)</th><th scope="col">\(A.time)</th><th scope="col">\(A.actor)</th><th scope="col">\(A.action)</th><th scope="col">\(A.object)</th><th scope="col">\(A.summary)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/audit", query: query, offset: m.form.offset, limit: AuditFilterForm.pageSize, total: m.total, shown: m.entries.count))
        """)
        """
    }

    /// Whether the hash chain is intact, and its head, so an auditor can note it somewhere the
    /// database's administrators cannot reach.
    static func chain(_ verification: (AuditVerification, Int64)) -> HTML {
        let (v, at) = verification
        let status: HTML = v.ok
            ? "<div class=\"flash\" role=\"status\">\(A.chainIntact(entries: Layout.number(Int(v.entries)), checkedAt: Layout.time(at)))</div>"
            : "<div class=\"alert\" role=\"alert\">\(A.chainBroken(v.problem ?? "", fromSeq: String(v.firstBadSeq ?? 0), checkedAt: Layout.time(at)))</div>"
        let head: HTML = "<dl class=\"fields\"><dt>\(A.head)</dt><dd>\(A.headEntry(String(v.headSeq)))<code>\(v.headHash)</code></dd></dl>"
        return """
        \(status)
        \(head)
        """
    }

    static func filterForm(_ form: AuditFilterForm, errors: FieldErrors) -> HTML {
        """
        <form method="get" action="/audit" class="search card" role="search">
        \(Layout.field(A.actor, name: "actor", value: form["actor"], hint: A.actorHint))
        \(Layout.select(A.action, name: "action", options: [("", A.allActions)] + A.actions, selected: form["action"]))
        \(Layout.select(A.entity, name: "entity", options: [("", A.allEntities)] + A.entities, selected: form["entity"]))
        \(Layout.field(A.entityID, name: "entity_id", value: form["entity_id"]))
        \(Layout.field(A.from, name: "from", value: form["from"], type: "date", error: errors["from"]))
        \(Layout.field(A.to, name: "to", value: form["to"], type: "date", error: errors["to"]))
        <button type="submit">\(A.filter)</button>
        </form>
        """
    }
}
