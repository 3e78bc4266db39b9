import ArgumentParser
import Crypto
import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore
import Hummingbird
import Logging

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "批量导入组织、会员或历史维权案件（CSV / XLSX，UTF-8 或 GBK 编码，中文或英文表头）。",
        discussion: "先校验全部行；有任何错误时不写入任何数据并逐行报告（行号、列、值、原因）。加 --skip-invalid 时导入正确的行，错误行写入 --rejects 文件。重复导入同一文件不会产生任何更改。")
    enum Kind: String, ExpressibleByArgument, CaseIterable { case orgs, members, disputes, bankResults = "bank-results", mutualAidEnrollment = "mutual-aid-enrollment", loanRepayments = "loan-repayments", cardResults = "card-results", cardUsage = "card-usage", cardActivations = "card-activations" }
    @Argument(help: "导入内容：orgs（组织）、members（会员）、disputes（历史维权案件台账）、bank-results（银行回单：参考号、结果、失败原因）、mutual-aid-enrollment（职工医疗互助参保名单：身份证号、姓名、所属工会代码）、loan-repayments（银行贷款还款明细：贷款编号、还款日期、还款本金、还款利息、流水号）、card-results（服务卡制卡结果：身份证号、卡号、发卡日期）、card-usage（服务卡用卡记录：卡号、交易日期、商户、交易金额、优惠金额、流水号）或 card-activations（服务卡激活明细：卡号、激活日期）") var kind: Kind
    @Argument(help: "文件路径（.csv 或 .xlsx）") var file: String
    @OptionGroup var store: StoreOptions
    @Flag(name: .customLong("skip-invalid"), help: "跳过错误行，只导入正确的行") var skipInvalid = false
    @Option(help: "错误行输出文件（CSV，含错误原因列）") var rejects: String?
    @Flag(name: .customLong("dry-run"), help: "只校验，不写入") var dryRun = false
    @Option(help: "发放批次编号（bank-results）") var batch: Int64?
    @Option(help: "互助轮次编号（mutual-aid-enrollment）") var round: Int64?

    func validate() throws {
        if kind == .bankResults && batch == nil { throw ValidationError("导入银行回单请用 --batch 指定发放批次编号") }
        if kind == .mutualAidEnrollment && round == nil { throw ValidationError("导入互助参保名单请用 --round 指定互助轮次编号") }
        if [.bankResults, .loanRepayments, .cardResults, .cardUsage, .cardActivations].contains(kind) && (dryRun || skipInvalid || rejects != nil) {
            throw ValidationError("\(kind.rawValue) 文件只能整体登记：不支持 --dry-run、--skip-invalid 和 --rejects（有错误时不会登记任何一行）")
        }
    }

    func run() async throws {
        try await runCommand {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                Console.error("找不到文件或无法读取：\(file)")
                throw ExitCode(2)
            }
            if [.bankResults, .loanRepayments, .cardResults, .cardUsage, .cardActivations].contains(kind) {
                let (s, _) = try await store.open()
                do {
                    if kind == .cardActivations {
                        print(try await CardActivationsImport(file: url).run(s))
                    } else if kind == .cardResults {
                        print(try await CardResultsImport(file: url).run(s))
                    } else if kind == .cardUsage {
                        print(try await CardUsageImport(file: url).run(s))
                    } else if kind == .loanRepayments {
                        print(try await LoanRepaymentsImport(file: url).run(s))
                    } else if let batch {
                        print(try await BankResultsImport(batch: batch, file: url).run(s))
                    }
                } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                return
            }
            if skipInvalid && rejects == nil { Console.warn("未指定 --rejects，错误行将只在屏幕上列出") }
            let (s, _) = try await store.open()
            let options = ImportOptions(skipInvalid: skipInvalid, dryRun: dryRun, fileName: url.lastPathComponent, fileSHA256: try sha256(of: url))
            let actor = Actor.system("cli")
            var rejectWriter: CSVWriter?
            var rejectHeaderWritten = false
            var header: [String] = []
            if let rejects { rejectWriter = try CSVWriter(url: URL(fileURLWithPath: rejects)) }
            let onReject: (Int, [String], [ImportProblem]) -> Void = { row, cells, problems in
                guard let w = rejectWriter else { return }
                if !rejectHeaderWritten {
                    try? w.write(["行号"] + header + ["错误原因"])
                    rejectHeaderWritten = true
                }
                try? w.write([String(row)] + cells + [problems.map { "[\($0.column)] \($0.reason)" }.joined(separator: "；")])
            }
            let bar = ProgressBar([.members: "导入会员", .disputes: "导入案件", .mutualAidEnrollment: "导入参保名单"][kind] ?? "导入组织")
            var current: FileTable?
            let open: () throws -> any TableSource = {
                let t = try FileTable(url)
                current = t
                return t
            }
            let progress: (ImportProgress) -> Void = { p in
                let f = current.flatMap { t in t.reader.totalBytes.map { Double(t.reader.bytesRead) / Double(max($0, 1)) } }
                bar.update(rows: p.rows, fraction: f.map {
                    switch p.phase {
                    case .validating: $0 / 2
                    case .writing: 0.5 + $0 / 2
                    case .loading: $0
                    }
                })
            }
            // Peek the header for the rejects file.
            if let h = try FileTable(url).readHeader() { header = h }
            let report: ImportReport
            switch kind {
            case .members:
                report = try await MemberImporter(store: s).run(open: open, options: options, actor: actor, onReject: onReject, progress: progress).0
            case .disputes:
                report = try await DisputeImporter(store: s).run(source: try open(), options: options, actor: actor, onReject: onReject, progress: progress).0
            case .mutualAidEnrollment:
                report = try await MutualAidEnrollmentImporter(store: s).run(source: try open(), roundID: round ?? 0, options: options, actor: actor, onReject: onReject)
            case .orgs, .bankResults, .loanRepayments, .cardResults, .cardUsage, .cardActivations:
                report = try await OrgImporter(store: s).run(source: try open(), options: options, actor: actor, onReject: onReject, progress: progress).0
            }
            try rejectWriter?.close()
            bar.finish(rows: report.rowsTotal)
            await s.close()
            let shown = report.problems.prefix(200)
            for p in shown { Console.info(p.description) }
            if report.problems.count > shown.count { Console.info("……另有 \(report.problems.count - shown.count) 处错误未列出" + (rejects.map { "，见 \($0)" } ?? "")) }
            for w in report.warnings.prefix(50) { Console.warn(w.description) }
            if let at = report.previouslyImportedAt {
                Console.info("提示：同一文件曾于 \(StoreError.shanghaiTime(at)) 导入过。")
            }
            print(report.summary)
            if !report.problems.isEmpty && !skipInvalid { throw ExitCode(4) }
        }
    }
}
