import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore

/// The files of assistance payments: the bank's payment file (代发文件), the bank's results
/// read back (回单), and the report of a cycle.
public enum AssistanceFiles {
    public enum Format: String, CaseIterable, Sendable {
        case csv, xlsx
        public var contentType: String {
            switch self {
            case .csv: "text/csv; charset=utf-8"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    public static let paymentHeader = ["序号", "姓名", "开户行", "账号", "金额（元）", "参考号"]

    /// The bank's file: one line per payment, amounts in yuan with two decimals, and a totals
    /// line in the XLSX. CSV in UTF-8 with BOM, its account numbers kept as text for Excel; or
    /// GB18030 with bare digits for banks whose systems read GBK files.
    public static func payments(_ batch: PaymentBatch, lines: [PaymentLine], format: Format, gbk: Bool = false) throws -> Data {
        let rows = lines.enumerated().map { i, l in [String(i + 1), l.name, l.bankName, l.account, l.amount.yuanString, l.reference] }
        switch format {
        case .csv:
            return gbk ? CSVWriter.render([paymentHeader] + rows, encoding: .gb18030, protectingIdentifiers: false) : CSVWriter.render([paymentHeader] + rows, bom: true)
        case .xlsx:
            let x = XLSXWriter(sheetName: "代发明细")
            x.setTitle("帮扶资金代发明细 \(batch.batchNo)（\(lines.count) 笔，合计 \(batch.total.yuanString) 元）", span: paymentHeader.count)
            x.addHeader(paymentHeader)
            for (i, l) in lines.enumerated() {
                x.addRow([.integer(Int64(i + 1)), .text(l.name), .text(l.bankName), .text(l.account), .decimal(l.amount.yuanString), .text(l.reference)])
            }
            x.addTotalsRow([.text("合计"), .text("\(lines.count) 笔"), .empty, .empty, .decimal(lines.map(\.amount).sum().yuanString), .empty])
            x.setColumnWidths([6, 10, 24, 24, 12, 22])
            return try x.data()
        }
    }

    public static func paymentsFileName(_ batch: PaymentBatch, format: Format) -> String { "payments-\(batch.batchNo).\(format.rawValue)" }

    /// Why a bank result file could not be read: every row's problem, named by row and column.
    public struct ReadError: Error, UserFacingError {
        public var problems: [FieldProblem]
        public var message: String { problems.map { "\($0.field)：\($0.reason)" }.joined(separator: "；") }
    }

    /// Reads the bank's results: columns 参考号, 结果 (成功/失败), 失败原因 and 入账日期, found by their
    /// header in any order, from CSV (UTF-8 or GBK) or XLSX. Every bad row is reported at once.
    public static func bankResults(_ reader: TableReader) throws -> [BankResult] {
        guard let header = try reader.readHeader() else { throw ReadError(problems: [FieldProblem(field: "第 1 行", value: "", reason: "文件是空的")]) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ options: [String]) -> Int? { names.firstIndex { options.contains($0) } }
        guard let ref = column(["参考号", "reference", "交易参考号", "业务参考号"]), let result = column(["结果", "result", "处理结果", "状态"]) else {
            throw ReadError(problems: [FieldProblem(field: "第 1 行", value: names.joined(separator: ","), reason: "表头应包含“参考号”和“结果”两列")])
        }
        let reason = column(["失败原因", "reason", "备注", "原因"])
        let date = column(["入账日期", "日期", "交易日期", "date"])
        var out: [BankResult] = []
        var problems: [FieldProblem] = []
        while let row = try reader.nextRow() {
            func cell(_ i: Int?) -> String { i.flatMap { $0 < row.cells.count ? row.cells[$0].trimmingCharacters(in: .whitespaces) : nil } ?? "" }
            if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let r = cell(ref), outcome = cell(result)
            if r.isEmpty { problems.append(FieldProblem(field: "第 \(row.number) 行 参考号", value: "", reason: "参考号不能为空")); continue }
            let paid: Bool
            switch outcome.lowercased() {
            case "成功", "已发放", "success", "paid", "s": paid = true
            case "失败", "fail", "failed", "f": paid = false
            default:
                problems.append(FieldProblem(field: "第 \(row.number) 行 结果", value: outcome, reason: "结果应为“成功”或“失败”")); continue
            }
            var on: CivilDate?
            if !cell(date).isEmpty {
                do { on = try CivilDate(parsing: cell(date)) } catch {
                    problems.append(FieldProblem(field: "第 \(row.number) 行 入账日期", value: cell(date), reason: error.message)); continue
                }
            }
            out.append(BankResult(row: row.number, reference: r, paid: paid, reason: cell(reason).isEmpty ? nil : cell(reason), on: on))
        }
        if !problems.isEmpty { throw ReadError(problems: problems) }
        if out.isEmpty { throw ReadError(problems: [FieldProblem(field: "第 2 行", value: "", reason: "文件中没有回单记录")]) }
        return out
    }

    /// The report of a cycle under a union: by child union, then by category, with totals.
    public static func report(_ r: AssistanceReport, format: Format) throws -> Data {
        let header = ["分组", "代码", "名称", "批准人数", "批准金额（元）", "已发放人数", "已发放金额（元）"]
        let rows = r.byChild.map { ("按单位", $0) } + r.byCategory.map { ("按类别", $0) }
        switch format {
        case .csv:
            let body = rows.map { g, row in [g, row.key, row.label, String(row.approvedPeople), row.approved.yuanString, String(row.paidPeople), row.paid.yuanString] }
            let total = ["合计", "", r.orgName, String(r.total.approvedPeople), r.total.approved.yuanString, String(r.total.paidPeople), r.total.paid.yuanString]
            return CSVWriter.render([header] + body + [total], bom: true)
        case .xlsx:
            let x = XLSXWriter(sheetName: "帮扶统计")
            x.setTitle("\(r.cycle.name) 帮扶情况统计：\(r.orgName)", span: header.count)
            x.addHeader(header)
            for (g, row) in rows {
                x.addRow([.text(g), .text(row.key), .text(row.label), .integer(Int64(row.approvedPeople)), .decimal(row.approved.yuanString),
                          .integer(Int64(row.paidPeople)), .decimal(row.paid.yuanString)])
            }
            x.addTotalsRow([.text("合计"), .empty, .text(r.orgName), .integer(Int64(r.total.approvedPeople)), .decimal(r.total.approved.yuanString),
                            .integer(Int64(r.total.paidPeople)), .decimal(r.total.paid.yuanString)])
            x.setColumnWidths([8, 20, 28, 10, 16, 10, 16])
            return try x.data()
        }
    }

    /// The seeds' kind of sentence ("慰问困难职工6673人、发放慰问款物700.0293万元"), with 万元 to two
    /// decimals as the console shows money.
    public static func headline(_ r: AssistanceReport) -> String {
        "\(r.cycle.name)：帮扶 \(r.total.paidPeople) 人、发放帮扶资金 \(r.total.paid.tenThousandYuan) 万元（已批准 \(r.total.approvedPeople) 人、\(r.total.approved.groupedYuan) 元）"
    }
}
