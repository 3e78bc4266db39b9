import Foundation
import GonghuiDomain

/// 我的服务卡 rendered. Phone-sized first.
enum PortalCardViews {
    typealias P = UI.PortalCard

    struct Merchants {
        var list: [CardMerchant]
        var cities: [(code: String, name: String)]
        var city: String
        var category: MerchantCategory?
    }

    typealias M = UI.CardMerchants

    /// Nearby merchants with a city and category filter.
    static func merchants(_ m: Merchants) -> HTML {
        let cities = [("", M.all)] + m.cities.map { ($0.code, $0.name) }
        let categories = [("", M.all)] + MerchantCategory.allCases.map { ($0.rawValue, $0.title) }
        let items = m.list.map { k -> HTML in
            "<li class=\"card\"><a href=\"/my/merchants/\(String(k.id))\"><strong>\(k.name)</strong></a><br><span class=\"muted\">\(M.merchantLine(k.category.title, k.discount))</span></li>"
        }
        return """
        <h2>\(M.nearby)</h2>
        <form method="get" action="/my/card" class="form">\(Layout.select(M.city, name: "city", options: cities, selected: m.city))\
        \(Layout.select(M.category, name: "category", options: categories, selected: m.category?.rawValue ?? ""))<button type="submit">\(M.find)</button></form>
        \(m.list.isEmpty ? HTML("<p class=\"muted\">\(M.noneNearby)</p>") : "<ul class=\"plain\">\(items)</ul>")
        """
    }

    static func merchant(_ frame: WorkerFrame, _ k: CardMerchant) -> HTML {
        let body: HTML = """
        <p>\(M.merchantLine(k.category.title, k.discount))</p>
        <p>\(M.addressLine(k.address, k.phone))</p>
        <p class="muted">\(M.contractUntil(k.contractTo.iso))</p>
        <p class="muted">\(M.signedBy(k.orgName))</p>
        <p><a href="/my/card">\(P.title)</a></p>
        """
        return PortalViews.page(frame, body)
    }

    static func home(_ frame: WorkerFrame, card: MemberCard?, usage: [(on: CivilDate, merchant: String, amount: Money, discount: Money)], error: String?,
                     merchants m: Merchants) -> HTML {
        let alert: HTML = error.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" } ?? .empty
        let applyForm: HTML = """
            <form method="post" action="/my/card" class="card form" novalidate>\(Layout.csrfField(frame.csrf))
            \(Layout.field(P.branch, name: "branch", error: error, hint: P.branchHint, required: true))
            <button type="submit">\(P.apply)</button></form>
            """
        var state: HTML
        if let c = card {
            var lines: [String] = [P.stateLine(c.state.title, c.branch)]
            if let masked = c.cardMasked, let on = c.issuedOn { lines.append(P.cardLine(masked, on.iso)) }
            state = "<section class=\"card\"><h2>\(P.title)</h2>\(HTML.join(lines.map { "<p>\($0)</p>" as HTML }))"
            if c.state == .issued {
                state += """
                    <form method="post" action="/my/card/activate">\(Layout.csrfField(frame.csrf))<p class="muted">\(P.activateHint)</p>\
                    <button type="submit">\(P.activate)</button></form>
                    """
            }
            state += "</section>"
        } else {
            state = "<p class=\"muted\">\(P.none)</p>" + applyForm
        }
        let services = P.services.map { "<li>\($0)</li>" as HTML }
        let uses = usage.map { "<li>\(P.usageLine($0.on.iso, $0.merchant, $0.amount.groupedYuan, $0.discount.groupedYuan))</li>" as HTML }
        let body: HTML = """
        <p>\(P.intro)</p>
        \(alert)
        \(state)
        <h2>\(P.servicesTitle)</h2><ul class="plain">\(services)</ul>
        \(card?.state == .active ? "<h2>\(P.usageTitle)</h2>" + (usage.isEmpty ? HTML("<p class=\"muted\">\(P.noUsage)</p>") : "<ul class=\"plain\">\(uses)</ul>") : HTML.empty)
        \(merchants(m))
        """
        return PortalViews.page(frame, body)
    }
}
