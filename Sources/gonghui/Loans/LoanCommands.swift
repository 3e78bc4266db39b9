import ArgumentParser
import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore

/// `gonghui import loan-repayments FILE`: the bank's repayment file, all rows or none, every bad
/// row named.
struct LoanRepaymentsImport {
    let file: URL

    func run(_ s: Store) async throws -> String {
        let rows: [LoanRepaymentRow]
        do {
            rows = try LoanFiles.repayments(try TableReader(url: file))
        } catch let e as AssistanceFiles.ReadError {
            for p in e.problems.prefix(200) { Console.info("\(p.field)：\(p.reason)" + (p.value.isEmpty ? "" : "（\(p.value)）")) }
            Console.error("还款明细有 \(e.problems.count) 处错误，未登记任何一笔")
            throw ExitCode(4)
        }
        do {
            let r = try await s.loans.importRepayments(rows, fileName: file.lastPathComponent, actor: .system("cli"))
            return "已登记 \(r.count) 笔还款：本金 \(r.principal.yuanString) 元，利息 \(r.interest.yuanString) 元；结清 \(r.closed) 笔"
        } catch StoreError.invalid(let problems) {
            for p in problems.prefix(200) { Console.info("\(p.field)：\(p.reason)" + (p.value.isEmpty ? "" : "（\(p.value)）")) }
            Console.error("还款明细有 \(problems.count) 处问题，未登记任何一笔")
            throw ExitCode(4)
        }
    }
}

extension ReportCommand {
    /// `gonghui report loans --org CODE --year Y`: a node's loan figures and its children's.
    struct Loans: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "loans",
            abstract: "小额担保贷款统计：某组织及其下级本年发放笔数和金额、扶持创业人数、带动就业人数、在保余额、按天数分组的逾期和逾期率、核销与追回、担保额度使用。")
        @Option(help: "组织代码") var org: String
        @Option(help: "年度（默认今年；往年按 12 月 31 日计算在保和逾期）") var year: Int?
        @Option(help: "计算在保和逾期的日期（YYYY-MM-DD，默认今天或该年 12 月 31 日）") var asOf: String?
        @Option(help: "输出格式：json、csv 或 xlsx") var format: String = "json"
        @Option(help: "输出文件（默认写到标准输出；xlsx 必须指定文件）") var output: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard ["csv", "xlsx", "json"].contains(format.lowercased()) else { throw ValidationError("--format 应为 json、csv 或 xlsx") }
            if format.lowercased() == "xlsx" && output == nil { throw ValidationError("xlsx 格式请用 --output 指定文件") }
            if let asOf, (try? CivilDate(parsing: asOf)) == nil { throw ValidationError("--as-of 应为 YYYY-MM-DD 日期") }
        }

        func run() async throws {
            try await runCommand {
                let today = CivilDate.today()
                let y = year ?? today.year
                let day = try asOf.map { try CivilDate(parsing: $0) } ?? (y >= today.year ? today : CivilDate(year: y, month: 12, day: 31)!)
                let (s, _) = try await store.open()
                let figures: LoanFigures
                do { figures = try await s.loans.figures(orgCode: org, year: y, asOf: day, actor: .system("cli")) } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                let data: Data
                switch format.lowercased() {
                case "json":
                    let e = JSONEncoder()
                    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    e.keyEncodingStrategy = .convertToSnakeCase
                    data = try e.encode(figures)
                case "xlsx": data = try LoanFiles.figures(figures, format: .xlsx)
                default: data = try LoanFiles.figures(figures, format: .csv)
                }
                if let output {
                    try data.write(to: URL(fileURLWithPath: output))
                    let n = figures.total
                    Console.info("\(figures.orgName) \(figures.year) 年发放小额担保贷款 \(n.grantedLoans) 笔 \(Money(fen: n.grantedFen).tenThousandYuan) 万元，扶持 \(n.peopleHelped) 人创业，带动就业 \(n.jobsCreated) 人；在保余额 \(Money(fen: n.outstandingFen).tenThousandYuan) 万元，逾期率 \(n.overdueRate.flatMap { Rate.percent(fourPlaces: $0) } ?? "—")")
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
    }
}
