import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 待办: membership transfers waiting for this subtree's decision, releasing side first.
struct TransferPages {
    let store: Store

    enum Box: String, CaseIterable {
        case outgoing, incoming, all
        var title: String {
            switch self {
            case .outgoing: "待我方转出审核"
            case .incoming: "待我方接收"
            case .all: "全部转接"
            }
        }
    }

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("transfers") { request, context in
            let actor = context.actor
            let q = PageQuery(request)
            let box = Box(rawValue: q.string("box")) ?? .outgoing
            let offset = q.int("offset", default: 0, range: 0...1_000_000)
            let items = try await list(box, actor: actor, offset: offset)
            return Web.page(Layout.page("待办：会籍转接", actor: actor, csrf: context.csrf, section: .transfers, flash: q.string("ok"),
                                        render(box, items: items, actor: actor, csrf: context.csrf, offset: offset, errors: [:])))
        }
        router.post("transfers/:id/decide") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            let approve = form["decision"] == "approve"
            let box = Box(rawValue: form["box"]) ?? .outgoing
            let reason = String(form["reason"].prefix(500))
            do {
                _ = try await store.members.decideTransfer(id: id, approve: approve, on: .today(), reason: reason, actor: actor)
                return Web.redirect("/transfers?box=\(box.rawValue)&ok=\(approve ? "approved" : "rejected")")
            } catch let e as StoreError {
                let message: String
                if case .invalid(let ps) = e { message = ps.map(\.reason).joined(separator: "；") } else { message = e.message }
                let items = try await list(box, actor: actor, offset: 0)
                return Web.page(Layout.page("待办：会籍转接", actor: actor, csrf: context.csrf, section: .transfers,
                                            render(box, items: items, actor: actor, csrf: context.csrf, offset: 0, errors: [id: message])), status: .unprocessableContent)
            }
        }
        router.post("transfers/:id/cancel") { _, context in
            let actor = context.actor
            _ = try await store.members.cancelTransfer(id: try context.pathInt("id"), actor: actor)
            return Web.redirect("/transfers?box=outgoing&ok=cancelled")
        }
    }

    func list(_ box: Box, actor: Actor, offset: Int) async throws -> [MembershipTransfer] {
        switch box {
        case .outgoing:
            // Waiting for the releasing union, which is in this subtree.
            return try await store.members.transfers(box: .outgoing, state: .processing, actor: actor, limit: 50, offset: offset).filter { $0.outgoing == .pending }
        case .incoming:
            return try await store.members.transfers(box: .incoming, state: .processing, actor: actor, limit: 50, offset: offset).filter { $0.outgoing == .approved }
        case .all:
            return try await store.members.transfers(box: .all, state: nil, actor: actor, limit: 50, offset: offset)
        }
    }

    func render(_ box: Box, items: [MembershipTransfer], actor: Actor, csrf: String?, offset: Int, errors: [Int64: String]) -> HTML {
        let tabs = Box.allCases.map { b -> HTML in
            b == box ? "<li><a href=\"/transfers?box=\(b.rawValue)\" aria-current=\"page\">\(b.title)</a></li>" : "<li><a href=\"/transfers?box=\(b.rawValue)\">\(b.title)</a></li>"
        }
        let rows = items.map { t -> HTML in
            var decide: HTML = .empty
            if t.state == .processing && box != .all && actor.role.mayDecideTransfers {
                let err = errors[t.id]
                decide = """
                <form method="post" action="/transfers/\(String(t.id))/decide" class="decide">
                \(Layout.csrfField(csrf))<input type="hidden" name="box" value="\(box.rawValue)">
                <label for="reason-\(String(t.id))">意见（不同意时必填）</label>
                <input type="text" id="reason-\(String(t.id))" name="reason"\(err != nil ? HTML(raw: " aria-invalid=\"true\" aria-describedby=\"err-\(t.id)\"") : .empty)>
                \(err.map { "<p class=\"field-error\" id=\"err-\(String(t.id))\">\($0)</p>" } ?? .empty)
                <div class="actions"><button type="submit" name="decision" value="approve">同意</button><button type="submit" name="decision" value="reject" class="danger">不同意</button></div>
                </form>
                """
            }
            // The releasing side may withdraw its own request before deciding on it.
            if t.state == .processing && t.outgoing == .pending && box == .outgoing && actor.role.mayEditRegistry {
                decide += """
                <form method="post" action="/transfers/\(String(t.id))/cancel">\(Layout.csrfField(csrf))<button type="submit" class="secondary">撤回申请</button></form>
                """
            }
            if decide.raw.isEmpty { decide = "<span class=\"muted\">\(UI.none)</span>" }
            decide = "<div>" + decide + "</div>"
            return """
            <tr><td data-label="会员"><a href="/members/\(String(t.memberID))">\(t.memberName)</a></td><td data-label="转出工会">\(t.fromOrgName)</td><td data-label="转入工会">\(t.toOrgName)</td>
            <td data-label="申请日期">\(t.requestedOn.iso)</td><td data-label="原因">\(t.reason.isEmpty ? UI.none : t.reason)</td>
            <td data-label="进度"><div>\(t.state.label)<br><span class="muted">转出方：\(t.outgoing.label)；转入方：\(t.incoming.label)</span>\(t.rejectionReason.map { "<br>理由：\($0)" } ?? .empty)</div></td>
            <td data-label="办理">\(decide)</td></tr>
            """
        }
        return """
        <ul class="tabs">\(tabs)</ul>
        <p class="muted">会籍转接先由转出工会审核，再由转入工会审核；任一方不同意即退回，会籍留在原工会。</p>
        \(items.isEmpty ? HTML("<p>没有待办事项。</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">会员</th><th scope="col">转出工会</th><th scope="col">转入工会</th><th scope="col">申请日期</th><th scope="col">原因</th><th scope="col">进度</th><th scope="col">办理</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/transfers", query: [("box", box.rawValue)], offset: offset, limit: 50, total: nil, shown: items.count))
        """)
        """
    }
}
