import Foundation
import GonghuiDomain
import GonghuiFiles

/// The dispute figures as files: CSV with the XLSX's Chinese headings (or the keys on request)
/// and JSON with the keys, for machines and analysts; XLSX with a title naming the node and the
/// period.
public enum DisputeReportFiles {
    public static func title(_ report: DisputeReport) -> String {
        "\(report.rows.first?.orgName ?? "") 劳动争议调处统计（\(report.from.iso) 至 \(report.to.iso) 受理）"
    }

    public static func fileName(_ report: DisputeReport) -> String {
        "disputes-\(report.rows.first?.orgCode ?? "")-\(report.from.iso)-\(report.to.iso).xlsx"
    }

    static let keys = ["org_code", "org_name", "kind"] + DisputeFigures.columns.map(\.key) + ["on_time_rate", "agreement_rate"]
    static let headings = ["组织代码", "组织名称", "类型"] + DisputeFigures.columns.map(\.title) + ["按期办结率", "调解成功率"]

    static func cells(_ row: DisputeReport.Row) -> [String] {
        [row.orgCode, row.orgName, row.kind.title] + row.figures.values.map(String.init) + [row.figures.onTimeRate ?? "", row.figures.agreementRate ?? ""]
    }

    /// `rights`: the node's risk alerts and legal aid, added to the JSON as the `rights` object.
    public static func render(_ report: DisputeReport, format: AnnualReportFiles.Format, englishKeys: Bool = false, rights: RightsFigures? = nil) throws -> Data {
        switch format {
        case .csv: return CSVWriter.render([englishKeys ? keys : headings] + report.rows.map(cells), bom: true)
        case .json: return try json(report, rights: rights)
        case .xlsx: return try xlsx(report)
        }
    }

    static func json(_ report: DisputeReport, rights: RightsFigures? = nil) throws -> Data {
        let rows: [[String: Any]] = report.rows.map { r in
            var o: [String: Any] = ["org_code": r.orgCode, "org_name": r.orgName, "kind": r.kind.rawValue, "level": r.level]
            if let p = r.parentCode { o["parent_code"] = p }
            for (c, v) in zip(DisputeFigures.columns, r.figures.values) { o[c.key] = v }
            if let rate = r.figures.onTimeRate { o["on_time_rate"] = rate }
            if let rate = r.figures.agreementRate { o["agreement_rate"] = rate }
            return o
        }
        var doc: [String: Any] = ["from": report.from.iso, "to": report.to.iso, "rows": rows]
        if let depth = report.depth { doc["depth"] = depth }
        if let rights { doc["rights"] = Dictionary(uniqueKeysWithValues: rights.keyed.map { ($0.key, $0.value) }) }
        return try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    static func xlsx(_ report: DisputeReport) throws -> Data {
        let header = headings
        let x = XLSXWriter(sheetName: "劳动争议调处统计")
        x.setTitle(title(report), span: header.count)
        x.addHeader(header)
        for row in report.rows {
            var cells: [XLSXCell] = [.text(row.orgCode), .text(String(repeating: "　", count: row.level) + row.orgName), .text(row.kind.title)]
            cells += row.figures.values.map { .integer($0) }
            cells += [row.figures.onTimeRate.map { .decimal($0) } ?? .empty, row.figures.agreementRate.map { .decimal($0) } ?? .empty]
            x.addRow(cells)
        }
        return try x.data()
    }
}
