import Foundation
import GonghuiDomain
import GonghuiFiles

/// The loans' files: the bank's repayment file read (CSV/XLSX, UTF-8 or GBK, Chinese or English
/// headings, every bad row named), and a node's figures written as CSV (the report's keys as the
/// header) or XLSX (Chinese headings).
public enum LoanFiles {
    public enum Format: Sendable { case csv, xlsx }

    /// The rows of a repayment file; a file with any bad row throws them all
    /// (`AssistanceFiles.ReadError`), so nothing is recorded from it.
    public static func repayments(_ reader: TableReader) throws -> [LoanRepaymentRow] {
        guard let header = try reader.readHeader() else { throw AssistanceFiles.ReadError(problems: [FieldProblem(field: "第 1 行", value: "", reason: "文件是空的")]) }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "") }
        func column(_ options: [String]) -> Int? { names.firstIndex { options.contains($0) } }
        let loanNo = column(["贷款编号", "借据号", "loan_no"]), date = column(["还款日期", "交易日期", "paid_on"]), principal = column(["还款本金", "本金", "principal"])
        let interest = column(["还款利息", "利息", "interest"]), reference = column(["流水号", "交易流水号", "银行流水号", "reference"]), name = column(["借款人", "借款人姓名", "姓名", "name"])
        let missing = [("贷款编号", loanNo), ("还款日期", date), ("还款本金", principal), ("流水号", reference)].filter { $0.1 == nil }.map(\.0)
        if !missing.isEmpty {
            throw AssistanceFiles.ReadError(problems: [FieldProblem(field: "第 1 行", value: names.joined(separator: ","), reason: "表头缺少：\(missing.joined(separator: "、"))")])
        }
        var out: [LoanRepaymentRow] = []
        var problems: [FieldProblem] = []
        while let row = try reader.nextRow() {
            func cell(_ i: Int?) -> String { i.flatMap { $0 < row.cells.count ? row.cells[$0].trimmingCharacters(in: .whitespaces) : nil } ?? "" }
            if row.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let at = "第 \(row.number) 行"
            var bad = false
            func problem(_ field: String, _ value: String, _ reason: String) { problems.append(FieldProblem(field: "\(at) \(field)", value: value, reason: reason)); bad = true }
            if cell(loanNo).isEmpty { problem("贷款编号", "", "不能为空") }
            if cell(reference).isEmpty || cell(reference).count > 60 { problem("流水号", cell(reference), "不能为空，最多 60 字") }
            var on: CivilDate?
            do { on = try CivilDate(parsing: cell(date)) } catch { problem("还款日期", cell(date), error.message) }
            func money(_ field: String, _ i: Int?) -> Money? {
                let text = cell(i)
                if text.isEmpty { return .zero }
                do {
                    let m = try Money(parsingYuan: text)
                    if m.isNegative { problem(field, text, "不能为负"); return nil }
                    return m
                } catch { problem(field, text, error.message); return nil }
            }
            let p = money("还款本金", principal), i = money("还款利息", interest)
            if let p, let i, (p + i).isZero { problem("还款本金", cell(principal), "本金和利息不能都为 0") }
            guard !bad, let on, let p, let i else { continue }
            out.append(LoanRepaymentRow(row: row.number, loanNo: cell(loanNo), name: cell(name).isEmpty ? nil : cell(name), paidOn: on, principal: p, interest: i,
                                        reference: cell(reference)))
        }
        if !problems.isEmpty { throw AssistanceFiles.ReadError(problems: problems) }
        if out.isEmpty { throw AssistanceFiles.ReadError(problems: [FieldProblem(field: "第 2 行", value: "", reason: "文件中没有还款记录")]) }
        return out
    }

    static let keys: [String] = {
        var k = ["org_code", "org_name", "granted_loans", "granted_fen", "people_helped", "jobs_created", "outstanding_loans", "outstanding_fen", "overdue_loans", "overdue_fen"]
        for b in LoanOverdueBucket.allCases { k += ["overdue_\(b.rawValue)_loans", "overdue_\(b.rawValue)_fen"] }
        return k + ["overdue_rate", "written_off_fen", "recovered_fen", "quota_fen", "quota_used_fen"]
    }()
    static let headings: [String] = {
        var h = ["组织代码", "组织名称", "本年发放笔数", "本年发放金额（元）", "扶持创业人数", "带动就业人数", "在保笔数", "在保余额（元）", "逾期笔数", "逾期本金（元）"]
        for b in LoanOverdueBucket.allCases { h += ["\(b.title)笔数", "\(b.title)本金（元）"] }
        return h + ["逾期率", "核销（元）", "追回（元）", "担保额度（元）", "已用额度（元）"]
    }()

    static func fields(_ r: LoanFiguresRow) -> [String] {
        var out: [String] = [r.orgCode, r.orgName, String(r.grantedLoans), String(r.grantedFen), String(r.peopleHelped), String(r.jobsCreated)]
        out += [String(r.outstandingLoans), String(r.outstandingFen), String(r.overdueTotalLoans), String(r.overdueTotalFen)]
        for b in LoanOverdueBucket.allCases {
            out.append(String(r.overdueLoans[b.rawValue] ?? 0))
            out.append(String(r.overdueFen[b.rawValue] ?? 0))
        }
        out += [r.overdueRate ?? "", String(r.writtenOffFen), String(r.recoveredFen), String(r.quotaFen), String(r.quotaUsedFen)]
        return out
    }

    public static func figures(_ f: LoanFigures, format: Format) throws -> Data {
        switch format {
        case .csv:
            return CSVWriter.render([keys] + f.rows.map(fields), bom: true)
        case .xlsx:
            let x = XLSXWriter(sheetName: "贷款统计")
            x.setTitle("\(f.orgName) \(f.year) 年小额担保贷款统计（截至 \(f.asOf.iso)）", span: headings.count)
            x.addHeader(headings)
            func yuan(_ fen: Int64) -> XLSXCell { .decimal(Money(fen: fen).yuanString) }
            for (n, r) in f.rows.enumerated() {
                var cells: [XLSXCell] = [.text(r.orgCode), .text(r.orgName), .integer(Int64(r.grantedLoans)), yuan(r.grantedFen), .integer(Int64(r.peopleHelped))]
                cells += [.integer(Int64(r.jobsCreated)), .integer(Int64(r.outstandingLoans)), yuan(r.outstandingFen), .integer(Int64(r.overdueTotalLoans)), yuan(r.overdueTotalFen)]
                for b in LoanOverdueBucket.allCases {
                    cells.append(.integer(Int64(r.overdueLoans[b.rawValue] ?? 0)))
                    cells.append(yuan(r.overdueFen[b.rawValue] ?? 0))
                }
                cells.append(r.overdueRate.map { XLSXCell.decimal($0) } ?? XLSXCell.empty)
                cells += [yuan(r.writtenOffFen), yuan(r.recoveredFen), yuan(r.quotaFen), yuan(r.quotaUsedFen)]
                if n == 0 { x.addTotalsRow(cells) } else { x.addRow(cells) }
            }
            x.setColumnWidths([14, 26] + Array(repeating: 14, count: headings.count - 2))
            return try x.data()
        }
    }
}
