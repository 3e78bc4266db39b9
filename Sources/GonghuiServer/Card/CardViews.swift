import Foundation
import GonghuiDomain

/// The card pages rendered. Pure.
enum CardViews {
    typealias T = UI.Cards

    static func rate(_ r: String?) -> String { r.flatMap { Rate.percent(fourPlaces: $0) } ?? UI.none }

    static func measures(actor: Actor, csrf: String?, flash: String, measures m: CardMeasures, sleeping: [(card: MemberCard, why: CardSleep)], error: String?,
                         monthly: [(month: String, issued: Int, activated: Int, used: Int)]) -> HTML {
        let node = m.total
        let tiles: [HTML] = [
            "<li><span class=\"n\">\(Layout.number(node.issued))</span>\(T.issued)</li>",
            "<li><span class=\"n\">\(rate(node.activationRate))</span>\(T.activation(node.activated))</li>",
            "<li><span class=\"n\">\(rate(node.usageRate))</span>\(T.usage(node.used))</li>",
            "<li><span class=\"n\">\(rate(node.lastingRate))</span>\(T.lasting(node.lasting))</li>",
            "<li><span class=\"n\">\(Layout.number(node.sleeping))</span>\(T.sleepingTile)</li>",
            "<li><span class=\"n\">\(rate(node.targetDone))</span>\(T.targetTile(node.target.map { Layout.number($0) } ?? UI.none))</li>",
        ]
        let children = m.rows.dropFirst().filter { $0.issued > 0 || $0.target != nil }
        let rows = ([node] + children).enumerated().map { i, r -> HTML in
            let name: HTML = i == 0 ? "\(r.orgName)" : "<a href=\"/cards?org=\(r.orgCode)\">\(r.orgName)</a>"
            return """
            <tr\(i == 0 ? HTML(raw: " class=\"total\"") : .empty)><td data-label="\(T.colOrg)">\(name)</td><td class="num" data-label="\(T.issued)">\(Layout.number(r.issued))</td>\
            <td class="num" data-label="\(T.colActivation)">\(rate(r.activationRate))</td><td class="num" data-label="\(T.colUsage)">\(rate(r.usageRate))</td>\
            <td class="num" data-label="\(T.colLasting)">\(rate(r.lastingRate))</td><td class="num" data-label="\(T.sleepingTile)">\(Layout.number(r.sleeping))</td>\
            <td class="num" data-label="\(T.colTarget)">\(r.target.map { Layout.number($0) } ?? UI.none)</td></tr>
            """
        }
        let targetChart: HTML = node.target == nil ? .empty : Charts.bars([(T.targetBar, node.target ?? 0), (T.issuedBar, node.issued)], title: T.targetTitle, horizontal: true)
        let sleepers = sleeping.map { s -> HTML in
            """
            <tr><td data-label="\(T.colName)"><a href="/members/\(String(s.card.memberID))">\(s.card.name)</a></td><td data-label="\(T.colUnit)">\(s.card.orgCode)</td>\
            <td data-label="\(T.colCard)">\(s.card.cardMasked ?? UI.none)</td><td data-label="\(T.colWhy)">\(s.why.title)</td></tr>
            """
        }
        let form: HTML = !actor.role.mayEditRegistry ? .empty : """
            <form method="post" action="/cards/target" class="form" novalidate>\(Layout.csrfField(csrf))<input type="hidden" name="org" value="\(m.orgCode)">
            \(Layout.field(T.targetField(m.asOf.year), name: "target", value: node.target.map(String.init) ?? "", error: error, attributes: "inputmode=\"numeric\""))
            <button type="submit">\(T.targetButton)</button></form>
            """
        let monthRows = monthly.map { r -> HTML in
            """
            <tr><td data-label="\(T.colMonth)">\(r.month)</td><td class="num" data-label="\(T.issued)">\(Layout.number(r.issued))</td>\
            <td class="num" data-label="\(T.colActivated)">\(Layout.number(r.activated))</td><td class="num" data-label="\(T.colUsedInMonth)">\(Layout.number(r.used))</td></tr>
            """
        }
        let overTime: HTML = monthly.isEmpty ? .empty : """
            <section class="card" aria-labelledby="h-months"><h2 id="h-months">\(T.monthsTitle)</h2>
            \(Charts.bars(monthly.map { ($0.month, $0.used) }, title: T.colUsedInMonth, horizontal: false))
            <div class="table-wrap"><table class="narrow"><thead><tr><th scope="col">\(T.colMonth)</th><th scope="col" class="num">\(T.issued)</th>\
            <th scope="col" class="num">\(T.colActivated)</th><th scope="col" class="num">\(T.colUsedInMonth)</th></tr></thead><tbody>\(monthRows)</tbody></table></div></section>
            """
        let body: HTML = """
        <p>\(T.intro(m.asOf.iso))</p>
        <div class="actions"><a class="button secondary" href="/cards/merchants">\(UI.CardMerchants.link)</a></div>
        <ul class="kpis" aria-label="\(T.title)">\(tiles)</ul>
        <section class="card" aria-labelledby="h-target"><h2 id="h-target">\(T.targetTitle)</h2>\(targetChart)\(form)</section>
        \(overTime)
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colOrg)</th><th scope="col" class="num">\(T.issued)</th>\
        <th scope="col" class="num">\(T.colActivation)</th><th scope="col" class="num">\(T.colUsage)</th><th scope="col" class="num">\(T.colLasting)</th>\
        <th scope="col" class="num">\(T.sleepingTile)</th><th scope="col" class="num">\(T.colTarget)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        <section aria-labelledby="h-sleeping"><h2 id="h-sleeping">\(T.sleepingTitle)</h2><p class="muted">\(T.sleepingHint)</p>
        \(sleeping.isEmpty ? HTML("<p class=\"muted\">\(T.noSleeping)</p>") : """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colName)</th><th scope="col">\(T.colUnit)</th><th scope="col">\(T.colCard)</th>\
            <th scope="col">\(T.colWhy)</th></tr></thead><tbody>\(sleepers)</tbody></table></div>
            """)</section>
        """
        return Layout.page(T.pageTitle(m.orgName), actor: actor, csrf: csrf, section: .programs, flash: flash, body)
    }
}
