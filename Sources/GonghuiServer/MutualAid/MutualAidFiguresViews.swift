import Foundation
import GonghuiDomain

/// The round's figures rendered. Pure: no store, no request.
enum MutualAidFiguresViews {
    typealias T = UI.MutualAidFigures

    static func yuan(_ fen: Int64) -> String { Money(fen: fen).groupedYuan }

    static func ratio(_ r: String?) -> String { r.flatMap { Rate.percent(fourPlaces: $0) } ?? UI.none }

    /// The ratio in basis points for a bar (0 without contributions).
    static func basisPoints(_ r: String?) -> Int { r.flatMap { Double($0) }.map { Int(($0 * 10_000).rounded()) } ?? 0 }

    static func page(actor: Actor, csrf: String?, report r: MutualAidReport) -> HTML {
        let base = "/mutual-aid/rounds/\(r.roundID)/figures"
        // Children with no one enrolled and no claim are counted, not listed.
        let node = r.rows[0], all = Array(r.rows.dropFirst()), children = all.filter { $0.enrolled > 0 || $0.claims > 0 }
        let shown = [node] + children
        let tiles: [HTML] = [
            "<li><span class=\"n\">\(Layout.number(node.enrolled))</span>\(T.enrolled(node.units))</li>",
            "<li><span class=\"n\">\(yuan(node.contributionsFen))</span>\(T.received(yuan(node.contributionsDueFen)))</li>",
            "<li><span class=\"n\">\(Layout.number(node.claimsPaid))</span>\(T.paid(yuan(node.benefitsPaidFen)))</li>",
            "<li><span class=\"n\">\(ratio(node.payoutRatio))</span>\(T.ratio)</li>",
            "<li><span class=\"n\">\(Layout.number(node.claims))</span>\(T.claims(node.claimsApproved, node.claimsRefused))</li>",
            "<li><span class=\"n\">\(node.averageDaysToPay.map { String(format: "%.1f", $0) } ?? UI.none)</span>\(T.days)</li>",
        ]
        let rows = shown.enumerated().map { i, row -> HTML in
            let name: HTML = i == 0 ? "\(row.orgName)" : "<a href=\"\(base)?org=\(row.orgCode)\">\(row.orgName)</a>"
            return """
            <tr\(i == 0 ? HTML(raw: " class=\"total\"") : .empty)><td data-label="\(T.colOrg)">\(name)</td><td class="num" data-label="\(T.colEnrolled)">\(Layout.number(row.enrolled))</td>\
            <td class="num" data-label="\(T.colReceived)">\(yuan(row.contributionsFen))</td><td class="num" data-label="\(T.colClaims)">\(Layout.number(row.claims))</td>\
            <td class="num" data-label="\(T.colPaid)">\(Layout.number(row.claimsPaid))</td><td class="num" data-label="\(T.colBenefits)">\(yuan(row.benefitsPaidFen))</td>\
            <td class="num" data-label="\(T.colRatio)">\(ratio(row.payoutRatio))</td></tr>
            """
        }
        let table: HTML = """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colOrg)</th><th scope="col" class="num">\(T.colEnrolled)</th>\
            <th scope="col" class="num">\(T.colReceived)</th><th scope="col" class="num">\(T.colClaims)</th><th scope="col" class="num">\(T.colPaid)</th>\
            <th scope="col" class="num">\(T.colBenefits)</th><th scope="col" class="num">\(T.colRatio)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let withMoney = children.filter { $0.payoutRatio != nil }
        let ratioChart: HTML = withMoney.isEmpty ? .empty : """
            <section class="card" aria-labelledby="h-ratio"><h2 id="h-ratio">\(T.ratioByChild)</h2>
            \(Charts.bars(withMoney.map { ($0.orgName, basisPoints($0.payoutRatio)) }, title: T.ratioByChild, horizontal: true,
                          format: { String(format: "%.2f%%", Double($0) / 100) }))</section>
            """
        func breakdown(_ title: String, _ id: String, _ items: [MutualAidBreakdown]) -> HTML {
            guard !items.isEmpty else { return .empty }
            let rows = items.map { "<tr><td>\($0.title)</td><td class=\"num\">\(Layout.number($0.claims))</td><td class=\"num\">\(Layout.number($0.claimsPaid))</td><td class=\"num\">\(yuan($0.benefitsPaidFen))</td></tr>" as HTML }
            return """
            <section class="card" aria-labelledby="\(id)"><h2 id="\(id)">\(title)</h2>
            \(Charts.bars(items.map { ($0.title, Int($0.benefitsPaidFen / 100)) }, title: title, horizontal: true))
            <div class="table-wrap"><table class="narrow"><thead><tr><th scope="col">\(T.colItem)</th><th scope="col" class="num">\(T.colClaims)</th>\
            <th scope="col" class="num">\(T.colPaid)</th><th scope="col" class="num">\(T.colBenefits)</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
            """
        }
        let body: HTML = """
        \(MutualAidViews.crumbs(r.roundName))
        <p>\(T.intro(r.planName, r.roundName, r.orgName))</p>
        <ul class="kpis" aria-label="\(T.summary)">\(tiles)</ul>
        <p class="actions"><a class="button secondary" href="\(base)?org=\(r.orgCode)&amp;format=xlsx">\(T.excel)</a>\
        <a class="button secondary" href="\(base)?org=\(r.orgCode)&amp;format=csv">\(T.csv)</a>\
        <a class="button secondary" href="/mutual-aid/rounds/\(r.roundID)">\(T.back)</a></p>
        <section aria-labelledby="h-rows"><h2 id="h-rows">\(T.byChild)</h2>\(table)\
        \(all.count > children.count ? HTML("<p class=\"muted\">\(T.notShown(all.count - children.count))</p>") : .empty)</section>
        \(ratioChart)
        \(breakdown(T.byBenefit, "h-benefit", r.byBenefit))
        \(breakdown(T.byDiagnosis, "h-diagnosis", r.byDiagnosis))
        <p class="muted">\(T.ratioNote)</p>
        """
        return Layout.page(T.title(r.roundName, r.orgName), actor: actor, csrf: csrf, section: .programs, body)
    }
}
