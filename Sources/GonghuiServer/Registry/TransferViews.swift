import Foundation
import GonghuiDomain

/// The transfer worklist's markup.
enum TransferViews {
    typealias W = UI.Registry

    static func list(_ m: TransferListPageModel) -> HTML {
        let tabs = TransferPages.Box.allCases.map { b -> HTML in
            b == m.box ? "<li><a href=\"/transfers?box=\(b.rawValue)\" aria-current=\"page\">\(b.title)</a></li>" : "<li><a href=\"/transfers?box=\(b.rawValue)\">\(b.title)</a></li>"
        }
        let rows = m.items.map { row($0, m) }
        let body: HTML = """
        <ul class="tabs">\(tabs)</ul>
        <p class="muted">\(W.transferRule)</p>
        \(m.items.isEmpty ? HTML("<p>\(W.nothingToDo)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(W.member)</th><th scope="col">\(W.fromUnion)</th><th scope="col">\(W.toUnion)</th><th scope="col">\(W.requestedOn)</th><th scope="col">\(W.reason)</th><th scope="col">\(W.progress)</th><th scope="col">\(W.handle)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/transfers", query: [("box", m.box.rawValue)], offset: m.offset, limit: 50, total: nil, shown: m.items.count))
        """)
        """
        return Layout.page(W.transfersTitle, actor: m.actor, csrf: m.csrf, section: .transfers, flash: m.flash, body)
    }

    static func row(_ t: MembershipTransfer, _ m: TransferListPageModel) -> HTML {
        """
        <tr><td data-label="\(W.member)"><a href="/members/\(String(t.memberID))">\(t.memberName)</a></td><td data-label="\(W.fromUnion)">\(t.fromOrgName)</td><td data-label="\(W.toUnion)">\(t.toOrgName)</td>
        <td data-label="\(W.requestedOn)">\(Layout.day(t.requestedOn))</td><td data-label="\(W.reason)">\(t.reason.isEmpty ? UI.none : t.reason)</td>
        <td data-label="\(W.progress)"><div>\(t.state.label)<br><span class="muted">\(W.sides(outgoing: t.outgoing.label, incoming: t.incoming.label))</span>\(t.rejectionReason.map { "<br>\(W.rejectionReason($0))" } ?? .empty)</div></td>
        <td data-label="\(W.handle)">\(handling(t, m))</td></tr>
        """
    }

    /// The forms to decide on or withdraw a transfer, or a dash.
    static func handling(_ t: MembershipTransfer, _ m: TransferListPageModel) -> HTML {
        var decide: HTML = .empty
        if m.mayDecide(t) {
            let err = m.errors[t.id]
            decide = """
            <form method="post" action="/transfers/\(String(t.id))/decide" class="decide">
            \(Layout.csrfField(m.csrf))<input type="hidden" name="box" value="\(m.box.rawValue)">
            <label for="reason-\(String(t.id))">\(W.decisionNote)</label>
            <input type="text" id="reason-\(String(t.id))" name="reason"\(err != nil ? HTML(raw: " aria-invalid=\"true\" aria-describedby=\"err-\(t.id)\"") : .empty)>
            \(err.map { "<p class=\"field-error\" id=\"err-\(String(t.id))\">\($0)</p>" } ?? .empty)
            <div class="actions"><button type="submit" name="decision" value="approve">\(W.approve)</button><button type="submit" name="decision" value="reject" class="danger">\(W.reject)</button></div>
            </form>
            """
        }
        if m.mayWithdraw(t) {
            decide += """
            <form method="post" action="/transfers/\(String(t.id))/cancel">\(Layout.csrfField(m.csrf))<button type="submit" class="secondary">\(W.withdraw)</button></form>
            """
        }
        if decide.raw.isEmpty { decide = "<span class=\"muted\">\(UI.none)</span>" }
        return "<div>" + decide + "</div>"
    }
}
