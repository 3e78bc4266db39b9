import Foundation
import GonghuiDomain

/// The merchants' page rendered. Pure.
enum CardMerchantViews {
    typealias T = UI.CardMerchants

    static func row(_ k: CardMerchant, today: CivilDate) -> HTML {
        let left = k.expiring(on: today, within: CardPages.expiringDays)
        let state: HTML = !k.inForce(on: today) ? "<span class=\"tag bad\">\(T.notInForce)</span>"
            : left.map { "<span class=\"tag warn\">\(T.expiring($0))</span>" } ?? "<span class=\"tag ok\">\(T.inForce)</span>"
        return """
        <tr><td data-label="\(T.colName)">\(k.name)</td><td data-label="\(T.colCategory)">\(k.category.title)</td><td data-label="\(T.colDiscount)">\(k.discount)</td>\
        <td data-label="\(T.colContract)">\(T.contractLine(k.contractNo, k.contractFrom.iso, k.contractTo.iso))</td><td data-label="\(T.colUnion)">\(k.orgName)</td>\
        <td data-label="\(T.colState)">\(state)</td></tr>
        """
    }

    static func table(_ list: [CardMerchant], today: CivilDate) -> HTML {
        """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colName)</th><th scope="col">\(T.colCategory)</th><th scope="col">\(T.colDiscount)</th>\
        <th scope="col">\(T.colContract)</th><th scope="col">\(T.colUnion)</th><th scope="col">\(T.colState)</th></tr></thead>\
        <tbody>\(list.map { row($0, today: today) })</tbody></table></div>
        """
    }

    static func list(actor: Actor, csrf: String?, flash: String, merchants: [CardMerchant], values v: [String: String], errors e: FieldErrors, today: CivilDate) -> HTML {
        let expiring = merchants.filter { $0.expiring(on: today, within: CardPages.expiringDays) != nil }
        let categories = [("", T.choose)] + MerchantCategory.allCases.map { ($0.rawValue, $0.title) }
        func f(_ label: String, _ name: String, type: String = "text", hint: String? = nil, required: Bool = true) -> HTML {
            Layout.field(label, name: name, value: v[name] ?? "", type: type, error: e[name], hint: hint, required: required)
        }
        let form: HTML = !actor.role.mayEditRegistry ? .empty : """
            <form method="post" action="/cards/merchants" class="card form" novalidate><h2>\(T.newTitle)</h2>\(Layout.csrfField(csrf))
            \(Layout.formErrors(e))
            \(f(T.colName, "name"))
            \(Layout.select(T.colCategory, name: "category", options: categories, selected: v["category"] ?? "", error: e["category"]))
            \(f(T.address, "address"))
            \(f(T.phone, "phone", required: false))
            \(Layout.textarea(T.colDiscount, name: "discount", value: v["discount"] ?? "", error: e["discount"], hint: T.discountHint, required: true))
            <div class="grid three">\(f(T.contractNo, "contract_no"))\(f(T.contractFrom, "contract_from", type: "date"))\(f(T.contractTo, "contract_to", type: "date"))</div>
            <button type="submit">\(T.submit)</button></form>
            """
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(UI.Hardship.breadcrumbs)"><ol><li><a href="/cards">\(UI.Cards.title)</a></li><li aria-current="page">\(T.title)</li></ol></nav>
        <p>\(T.intro)</p>
        <section class="card" aria-labelledby="h-expiring"><h2 id="h-expiring">\(T.worklist(CardPages.expiringDays))</h2>
        \(expiring.isEmpty ? HTML("<p class=\"muted\">\(T.noneExpiring)</p>") : table(expiring, today: today))</section>
        <h2>\(T.allTitle)</h2>
        \(merchants.isEmpty ? HTML("<p class=\"muted\">\(T.none)</p>") : table(merchants, today: today))
        \(form)
        """
        return Layout.page(T.title, actor: actor, csrf: csrf, section: .programs, flash: flash, body)
    }
}
