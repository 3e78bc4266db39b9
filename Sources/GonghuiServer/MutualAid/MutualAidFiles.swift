import Foundation
import GonghuiDomain
import GonghuiFiles

/// A round's figures as files: CSV with the report's keys as its header (for scripts and the
/// federation's own tools), XLSX with Chinese headings, the node's row first and a sheet of
/// claims by benefit and by diagnosis.
public enum MutualAidFiles {
    public enum Format: Sendable { case csv, xlsx }

    static let keys = ["org_code", "org_name", "enrolled", "units", "contributions_due_fen", "contributions_fen", "claims", "claims_approved", "claims_refused",
                       "claims_paid", "benefits_paid_fen", "payout_ratio", "average_days_to_pay"]
    static let headings = ["组织代码", "组织名称", "参保人数", "参保单位", "应缴互助金（元）", "实收互助金（元）", "理赔申请", "批准", "不予给付", "已发放笔数",
                           "已发放互助金（元）", "赔付率", "申请至发放平均天数"]

    static func fields(_ r: MutualAidFiguresRow) -> [String] {
        [r.orgCode, r.orgName, String(r.enrolled), String(r.units), String(r.contributionsDueFen), String(r.contributionsFen), String(r.claims),
         String(r.claimsApproved), String(r.claimsRefused), String(r.claimsPaid), String(r.benefitsPaidFen), r.payoutRatio ?? "",
         r.averageDaysToPay.map { String(format: "%.1f", $0) } ?? ""]
    }

    public static func report(_ r: MutualAidReport, format: Format) throws -> Data {
        switch format {
        case .csv:
            return CSVWriter.render([keys] + r.rows.map(fields), bom: true)
        case .xlsx:
            let x = XLSXWriter(sheetName: "互助统计")
            x.setTitle("\(r.planName) \(r.roundName) 互助统计：\(r.orgName)", span: headings.count)
            x.addHeader(headings)
            for (i, row) in r.rows.enumerated() {
                let cells: [XLSXCell] = [
                    .text(row.orgCode), .text(row.orgName), .integer(Int64(row.enrolled)), .integer(Int64(row.units)), .decimal(Money(fen: row.contributionsDueFen).yuanString),
                    .decimal(Money(fen: row.contributionsFen).yuanString), .integer(Int64(row.claims)), .integer(Int64(row.claimsApproved)),
                    .integer(Int64(row.claimsRefused)), .integer(Int64(row.claimsPaid)), .decimal(Money(fen: row.benefitsPaidFen).yuanString),
                    row.payoutRatio.map { .decimal($0) } ?? .empty, row.averageDaysToPay.map { .decimal(String(format: "%.1f", $0)) } ?? .empty,
                ]
                if i == 0 { x.addTotalsRow(cells) } else { x.addRow(cells) }
            }
            x.setColumnWidths([14, 26, 10, 10, 16, 16, 10, 8, 10, 10, 16, 8, 12])
            return try x.data()
        }
    }

    /// The source material's kind of sentence: members, paid, how many, the ratio.
    public static func headline(_ r: MutualAidReport) -> String {
        guard let n = r.rows.first else { return "" }
        return "\(r.planName) \(r.roundName)（\(r.orgName)）：参保 \(n.enrolled) 人，实收互助金 \(Money(fen: n.contributionsFen).tenThousandYuan) 万元；"
            + "为 \(n.claimsPaid) 笔理赔发放互助金 \(Money(fen: n.benefitsPaidFen).tenThousandYuan) 万元，赔付率 \(n.payoutRatio.flatMap { Rate.percent(fourPlaces: $0) } ?? "—")"
    }
}
