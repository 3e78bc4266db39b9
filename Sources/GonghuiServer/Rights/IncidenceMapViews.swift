import Foundation
import GonghuiDomain

/// The figures page's map of the regions under the node (a tile map: one square per region, in
/// the order of their codes, shaded by cases per 10,000 members), with its numbers in a table
/// beside it. Regions are tiles rather than outlines: the platform ships no boundaries, and a
/// tile map compares small and large regions alike. Shades are SVG attributes (no inline styles
/// under the pages' CSP).
enum IncidenceMapViews {
    typealias T = UI.Warnings

    /// Light to dark red, and grey for a region without members.
    static let palette = ["#fbe9e7", "#f6c1b9", "#ec8b7d", "#d4493b", "#9e1b1b"]
    static let empty = "#e6e6e6"

    static func section(_ regions: [RegionIncidence], link: (String) -> String) -> HTML {
        guard regions.count >= 2 else { return .empty }
        let columns = min(4, regions.count), tileW = 150, tileH = 72, gap = 8
        let rows = (regions.count + columns - 1) / columns
        let width = columns * (tileW + gap) - gap, height = rows * (tileH + gap) - gap
        let shades = RegionIncidence.shades(regions)
        let tiles = regions.enumerated().map { i, r -> HTML in
            let x = (i % columns) * (tileW + gap), y = (i / columns) * (tileH + gap)
            let fill = shades[i].map { palette[$0] } ?? empty
            let ink = (shades[i] ?? 0) >= 3 ? "#ffffff" : "#1a1a1a"
            let name = r.name.count > 9 ? String(r.name.prefix(8)) + "…" : r.name
            return """
            <a href="\(link(r.code))"><rect x="\(x)" y="\(y)" width="\(tileW)" height="\(tileH)" rx="6" fill="\(fill)" stroke="#ffffff"/>\
            <text x="\(x + 10)" y="\(y + 26)" font-size="15" fill="\(ink)">\(name)</text>\
            <text x="\(x + 10)" y="\(y + 54)" font-size="20" font-weight="bold" fill="\(ink)">\(r.rateText ?? UI.none)</text>\
            <title>\(T.mapTile(r.name, r.rateText, r.cases, r.members))</title></a>
            """
        }
        let legend = palette.enumerated().map { i, color -> HTML in
            "<rect x=\"\(i * 36)\" y=\"0\" width=\"34\" height=\"12\" fill=\"\(color)\"/>"
        }
        let table = regions.map { r -> HTML in
            """
            <tr><th scope="row"><a href="\(link(r.code))">\(r.name)</a></th><td class="num">\(Layout.number(r.cases))</td>\
            <td class="num">\(Layout.number(r.members))</td><td class="num">\(r.rateText ?? UI.none)</td></tr>
            """
        }
        return """
        <section class="card" aria-labelledby="h-incidence"><h2 id="h-incidence">\(T.mapTitle)</h2>
        <p class="muted">\(T.mapNote)</p>
        <div class="grid two">
        <figure><svg viewBox="0 0 \(width) \(height)" width="100%" role="img" aria-label="\(T.mapTitle)">\(tiles)</svg>
        <figcaption><svg viewBox="0 0 178 12" width="178" height="12" aria-hidden="true">\(legend)</svg> \(T.mapLegend)</figcaption></figure>
        <div class="table-wrap"><table><thead><tr><th scope="col">\(T.mapRegion)</th><th scope="col" class="num">\(T.mapCases)</th>\
        <th scope="col" class="num">\(T.mapMembers)</th><th scope="col" class="num">\(T.mapRate)</th></tr></thead><tbody>\(table)</tbody></table></div>
        </div>
        </section>
        """
    }
}
