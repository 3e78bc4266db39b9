import ArgumentParser
import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore

/// `gonghui export payments`: the bank's file of a payment batch (full accounts; audited).
struct PaymentsExport {
    let batch: Int64
    let output: String
    let gbk: Bool

    func run(_ s: Store) async throws -> String {
        let format: AssistanceFiles.Format = output.lowercased().hasSuffix(".xlsx") ? .xlsx : .csv
        let (b, lines) = try await s.assistance.exportBatch(id: batch, actor: .system("cli"))
        try AssistanceFiles.payments(b, lines: lines, format: format, gbk: gbk).write(to: URL(fileURLWithPath: output))
        return "已导出发放批次 \(b.batchNo)：\(lines.count) 笔，合计 \(b.total.yuanString) 元，写入 \(output)"
    }
}

/// `gonghui import bank-results`: the bank's results for a batch, all or nothing.
struct BankResultsImport {
    let batch: Int64
    let file: URL

    func run(_ s: Store) async throws -> String {
        let results: [BankResult]
        do {
            results = try AssistanceFiles.bankResults(try TableReader(url: file))
        } catch let e as AssistanceFiles.ReadError {
            for p in e.problems.prefix(200) { Console.info("\(p.field)：\(p.reason)" + (p.value.isEmpty ? "" : "（\(p.value)）")) }
            Console.error("回单文件有 \(e.problems.count) 处错误，未登记任何结果")
            throw ExitCode(4)
        }
        do {
            let r = try await s.assistance.recordBankResults(batchID: batch, results, actor: .system("cli"))
            return "已登记：成功 \(r.paid) 笔（\(r.paidTotal.yuanString) 元），失败 \(r.failed) 笔，此前已登记 \(r.alreadyRecorded) 笔" + (r.batchReconciled ? "；本批次已全部对账" : "")
        } catch StoreError.invalid(let problems) {
            for p in problems.prefix(200) { Console.info("\(p.field)：\(p.reason)（\(p.value)）") }
            Console.error("回单有 \(problems.count) 处问题，未登记任何结果")
            throw ExitCode(4)
        }
    }
}

extension ReportCommand {
    struct Assistance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assistance",
            abstract: "帮扶项目统计：某期项目在某组织下按单位、按困难类别的帮扶人数和金额（到分）。")
        @Option(help: "项目代码，如 SNW（与 --cycle 的批次名称一起用，或只给项目代码取其最新一期）") var program: String?
        @Option(help: "批次编号，或批次名称（如“2027年春节送温暖”）") var cycle: String
        @Option(help: "组织代码") var org: String
        @Option(help: "输出格式：csv、xlsx 或 json") var format: String = "csv"
        @Option(help: "输出文件（默认写到标准输出；xlsx 必须指定文件）") var output: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard ["csv", "xlsx", "json"].contains(format.lowercased()) else { throw ValidationError("--format 应为 csv、xlsx 或 json") }
            if format.lowercased() == "xlsx" && output == nil { throw ValidationError("xlsx 格式请用 --output 指定文件") }
        }

        func load(_ s: Store) async throws -> AssistanceReport {
            let cycles = try await s.assistance.cycles(actor: .system("cli")).filter { program == nil || $0.programCode == program }
            guard let c = cycles.first(where: { String($0.id) == cycle || $0.name == cycle }) else {
                Console.error("找不到帮扶项目批次“\(cycle)”。现有批次：" + cycles.map { "\($0.id) \($0.name)" }.joined(separator: "；"))
                throw ExitCode(2)
            }
            return try await s.assistance.report(cycleID: c.id, orgCode: org, actor: .system("cli"))
        }

        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                let report: AssistanceReport
                do { report = try await load(s) } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                let data: Data
                if format.lowercased() == "json" {
                    let e = JSONEncoder()
                    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    data = try e.encode(report)
                } else {
                    data = try AssistanceFiles.report(report, format: format.lowercased() == "xlsx" ? .xlsx : .csv)
                }
                if let output {
                    try data.write(to: URL(fileURLWithPath: output))
                    Console.info(AssistanceFiles.headline(report))
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
    }
}
