import ArgumentParser
import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore

/// `gonghui export card-issuing --org CODE`: the bank's issuing file (full identifiers; audited).
struct CardIssuingExport {
    let org: String
    let allMembers: Bool
    let branch: String
    let output: String
    let gbk: Bool

    func run(_ s: Store) async throws -> String {
        let format: CardFiles.Format = output.lowercased().hasSuffix(".xlsx") ? .xlsx : (gbk ? .gbk : .csv)
        let (fileNo, lines) = try await s.cards.issuingFile(orgCode: org, allMembers: allMembers, branch: branch, actor: .system("cli"))
        try CardFiles.issuing(lines, fileNo: fileNo, format: format).write(to: URL(fileURLWithPath: output))
        return "已导出制卡文件 \(fileNo)：\(lines.count) 人，写入 \(output)"
    }
}

/// Prints a refused file's problems and exits 4.
func refuse(_ problems: [FieldProblem], _ what: String) throws -> Never {
    for p in problems.prefix(200) { Console.info((p.field.isEmpty ? "" : "\(p.field)：") + p.reason + (p.value.isEmpty ? "" : "（\(p.value)）")) }
    Console.error("\(what)有 \(problems.count) 处错误，未登记任何一行")
    throw ExitCode(4)
}

/// `gonghui import card-results FILE`: the bank's issuing results, all rows or none.
struct CardResultsImport {
    let file: URL

    func run(_ s: Store) async throws -> String {
        do {
            let rows = try CardFiles.results(try TableReader(url: file))
            let r = try await s.cards.importResults(rows, fileName: file.lastPathComponent, actor: .system("cli"))
            return "已登记制卡结果：发卡 \(r.issued) 张，未成功 \(r.refused) 张"
        } catch let e as AssistanceFiles.ReadError {
            try refuse(e.problems, "制卡结果")
        } catch StoreError.invalid(let problems) {
            try refuse(problems, "制卡结果")
        }
    }
}

/// `gonghui import card-activations FILE`: the bank's activation file, all rows or none.
struct CardActivationsImport {
    let file: URL

    func run(_ s: Store) async throws -> String {
        do {
            let rows = try CardFiles.activations(try TableReader(url: file))
            let r = try await s.cards.importActivations(rows, fileName: file.lastPathComponent, actor: .system("cli"))
            return "已登记激活：\(r.activated) 张，此前已激活 \(r.already) 张"
        } catch let e as AssistanceFiles.ReadError {
            try refuse(e.problems, "激活明细")
        } catch StoreError.invalid(let problems) {
            try refuse(problems, "激活明细")
        }
    }
}

/// `gonghui import card-usage FILE`: the bank's or merchants' uses, all rows or none, read and
/// written in batches.
struct CardUsageImport {
    let file: URL

    func run(_ s: Store) async throws -> String {
        do {
            let reader = try CardFiles.UsageReader(try TableReader(url: file))
            let bar = ProgressBar("导入用卡记录")
            var n = 0
            let r = try await s.cards.importUsage(next: {
                guard let batch = try reader.next() else { return nil }
                n += batch.count
                bar.update(rows: n, fraction: nil)
                return batch
            }, fileName: file.lastPathComponent, actor: .system("cli"), unreadable: { (reader.problemCount, reader.problems) })
            bar.finish(rows: r.rows)
            return "已导入 \(r.rows) 笔用卡记录，涉及 \(r.cards) 张卡"
        } catch let e as AssistanceFiles.ReadError {
            try refuse(e.problems, "用卡记录")
        } catch StoreError.invalid(let problems) {
            try refuse(problems, "用卡记录")
        }
    }
}

extension ReportCommand {
    /// `gonghui report cards --org CODE`: the card measures of a node and its children.
    struct Cards: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cards",
            abstract: "会员服务卡指标：某组织及其下级的发卡数（送得出）、激活数和激活率、近 90 天使用数和使用率（用得上）、近 12 个月至少 6 个月使用的卡数（长期用）、睡眠卡、年度目标完成率。")
        @Option(help: "组织代码") var org: String
        @Option(help: "统计日期（YYYY-MM-DD，默认今天）") var asOf: String?
        @Option(help: "输出格式：json 或 csv") var format: String = "json"
        @Option(help: "输出文件（默认写到标准输出）") var output: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard ["csv", "json"].contains(format.lowercased()) else { throw ValidationError("--format 应为 json 或 csv") }
            if let asOf, (try? CivilDate(parsing: asOf)) == nil { throw ValidationError("--as-of 应为 YYYY-MM-DD 日期") }
        }

        func run() async throws {
            try await runCommand {
                let day = try asOf.map { try CivilDate(parsing: $0) } ?? CivilDate.today()
                let (s, _) = try await store.open()
                let m: CardMeasures
                do { m = try await s.cards.measures(orgCode: org, asOf: day, actor: .system("cli")) } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                let data: Data
                if format.lowercased() == "json" {
                    let e = JSONEncoder()
                    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    e.keyEncodingStrategy = .convertToSnakeCase
                    data = try e.encode(m)
                } else {
                    let keys = ["org_code", "org_name", "issued", "activated", "used", "lasting", "sleeping", "target", "activation_rate", "usage_rate", "lasting_rate", "target_done"]
                    data = CSVWriter.render([keys] + m.rows.map { r in
                        [r.orgCode, r.orgName, String(r.issued), String(r.activated), String(r.used), String(r.lasting), String(r.sleeping), r.target.map(String.init) ?? "",
                         r.activationRate ?? "", r.usageRate ?? "", r.lastingRate ?? "", r.targetDone ?? ""]
                    }, bom: true)
                }
                if let output { try data.write(to: URL(fileURLWithPath: output)) } else { FileHandle.standardOutput.write(data) }
            }
        }
    }
}
