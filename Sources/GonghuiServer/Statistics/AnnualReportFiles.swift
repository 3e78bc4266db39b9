import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore

/// The annual statistics as files: CSV (the columns' Chinese names as the header, or the keys on
/// request, for machines and analysts),
/// XLSX (the layout of a statistics table: title with the node and date, two-row merged header,
/// totals row), and JSON (the API's shape).
public enum AnnualReportFiles {
    public enum Format: String, CaseIterable, Sendable {
        case csv, xlsx, json
        public var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .json: "application/json; charset=utf-8"
            }
        }
    }

    public static func title(_ report: AnnualReport) -> String {
        "\(report.root.orgName) 工会统计年报（截至 \(report.asOf.iso)）"
    }

    /// A file name without characters that trouble a download: code and date only.
    public static func fileName(_ report: AnnualReport, format: Format) -> String {
        "annual-\(report.root.orgCode)-\(report.asOf.iso).\(format.rawValue)"
    }

    static func cells(_ row: AnnualReportRow) -> [String] {
        [row.orgCode, row.orgName, row.kind.title] + row.figures.values.map(String.init) + [row.figures.membershipRate ?? ""]
    }

    /// The CSV's header: the columns' Chinese names as the XLSX has them ("会员数-女会员"), or
    /// with `englishKeys` the API's keys ("women_members").
    public static func csvHeader(englishKeys: Bool) -> [String] {
        AnnualReport.columns.map { englishKeys ? $0.key : $0.group.isEmpty ? $0.title : "\($0.group)-\($0.title)" }
    }

    public static func render(_ report: AnnualReport, format: Format, englishKeys: Bool = false) throws -> Data {
        switch format {
        case .csv:
            let header = csvHeader(englishKeys: englishKeys)
            return CSVWriter.render([header] + report.rows.map(cells), bom: true)
        case .json:
            return json(report)
        case .xlsx:
            return try xlsx(report)
        }
    }

    /// `AnnualReportJSON` written directly, keys sorted as `JSONEncoder` would sort them: a
    /// province's report has tens of thousands of rows, and the generic encoder spent longer on
    /// them than the figures took to compute.
    static func json(_ report: AnnualReport) -> Data {
        let keys = AnnualReport.columns.dropFirst(3).dropLast().map(\.key)
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        // Each figure's `"key":` (with its leading comma after the first), made once.
        let names = order.enumerated().map { i, k in Array(((i > 0 ? ",\"" : "\"") + keys[k] + "\":").utf8) }
        var out = JSONBytes(capacity: report.rows.count * 700 + 64)
        out.append("{\"asOf\":\"\(report.asOf.iso)\",")
        if let depth = report.depth { out.append("\"depth\":"); out.append(depth); out.append(",") }
        out.append("\"rows\":[")
        for (n, r) in report.rows.enumerated() {
            if n > 0 { out.append(",") }
            let values = r.figures.values
            out.append("{\"figures\":{")
            for (i, k) in order.enumerated() { out.append(names[i]); out.append(values[k]) }
            out.append("},\"hasChildren\":"); out.append(r.hasChildren ? "true" : "false")
            out.append(",\"kind\":"); out.append(string: r.kind.rawValue)
            out.append(",\"kindLabel\":"); out.append(string: r.kind.title)
            out.append(",\"level\":"); out.append(r.level)
            if let rate = r.figures.membershipRate { out.append(",\"membershipRate\":"); out.append(string: rate) }
            out.append(",\"orgCode\":"); out.append(string: r.orgCode)
            out.append(",\"orgName\":"); out.append(string: r.orgName)
            if let p = r.parentCode { out.append(",\"parentCode\":"); out.append(string: p) }
            out.append("}")
        }
        out.append("]}")
        return Data(out.bytes)
    }

    /// The two-row header of a statistics table: consecutive columns of one group share the
    /// group's title over them; a column without a group (title "") spans both rows.
    static func headerGroups(_ columns: [(key: String, title: String, group: String)]) -> [(title: String, span: Int)] {
        var groups: [(title: String, span: Int)] = []
        for c in columns {
            if let last = groups.last, !c.group.isEmpty, last.title == c.group { groups[groups.count - 1].span += 1 } else { groups.append((c.group, 1)) }
        }
        return groups
    }

    static func xlsx(_ report: AnnualReport) throws -> Data {
        let columns = AnnualReport.columns
        let x = XLSXWriter(sheetName: "统计年报")
        x.setTitle(title(report), span: columns.count)
        x.addMergedHeader(groups: headerGroups(columns), header: columns.map(\.title))
        for row in report.rows {
            let indent = String(repeating: "　", count: row.level)
            var cells: [XLSXCell] = [.text(row.orgCode), .text(indent + row.orgName), .text(row.kind.title)]
            cells += row.figures.values.map { .integer(Int64($0)) }
            cells.append(row.figures.membershipRate.map { .decimal($0) } ?? .empty)
            x.addRow(cells)
        }
        // The node's own row is the total of its subtree; repeated as 合计 at the foot, as statistics tables do.
        let root = report.root.figures
        var totals: [XLSXCell] = [.text("合计"), .text(report.root.orgName), .empty]
        totals += root.values.map { .integer(Int64($0)) }
        totals.append(root.membershipRate.map { .decimal($0) } ?? .empty)
        x.addTotalsRow(totals)
        return try x.data()
    }
}

/// The report in the API's generated type. The route writes the same document with
/// `AnnualReportFiles.json` (a province's report has tens of thousands of rows, and the generic
/// encoder took longer than the figures); StatisticsAPITests checks the two agree.
extension API.AnnualReport {
    package init(_ report: AnnualReport) throws {
        let keys = AnnualReport.columns.dropFirst(3).dropLast().map(\.key)
        let rows = try report.rows.map { r in
            // The figures by their column keys, read as the contract's type (which names each).
            let figures = try JSONDecoder().decode(RowsPayloadPayload.FiguresPayload.self,
                                                   from: JSONEncoder().encode(Dictionary(uniqueKeysWithValues: zip(keys, r.figures.values))))
            return RowsPayloadPayload(orgCode: r.orgCode, orgName: r.orgName, kind: r.kind.rawValue, kindLabel: r.kind.title, level: r.level,
                                      parentCode: r.parentCode, hasChildren: r.hasChildren, membershipRate: r.figures.membershipRate,
                                      figures: figures)
        }
        self.init(asOf: report.asOf.iso, depth: report.depth, rows: rows)
    }
}
