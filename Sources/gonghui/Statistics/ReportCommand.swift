import ArgumentParser
import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "统计报表。", subcommands: [Annual.self, Assistance.self, Disputes.self, MutualAid.self, Loans.self, Cards.self])

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annual",
            abstract: "工会统计年报：某组织及其下级各节点截至某日的会员、基层工会、职工、制度建设和集体合同等数字（每个节点含其全部下级）。")
        @Option(help: "组织代码") var org: String
        @Option(name: .customLong("as-of"), help: "截至日期 YYYY-MM-DD（默认今天）") var asOf: String?
        @Option(help: "输出格式：csv、xlsx 或 json") var format: String = "csv"
        @Option(help: "列出下级的层数：数字，或 all 列出全部节点（默认 1）") var depth: String = "1"
        @Option(help: "输出文件（默认写到标准输出；xlsx 必须指定文件）") var output: String?
        @Flag(name: .customLong("english-keys"), help: "CSV 表头用英文键名（与 JSON 相同），默认用中文列名") var englishKeys = false
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard AnnualReportFiles.Format(rawValue: format.lowercased()) != nil else { throw ValidationError("--format 应为 csv、xlsx 或 json") }
            guard depth.lowercased() == "all" || Int(depth).map({ $0 >= 0 }) == true else { throw ValidationError("--depth 应为非负整数或 all") }
            if let asOf { do { _ = try CivilDate(parsing: asOf) } catch { throw ValidationError("--as-of：\(error.message)") } }
            if format.lowercased() == "xlsx" && output == nil { throw ValidationError("xlsx 格式请用 --output 指定文件") }
        }

        func run() async throws {
            try await runCommand {
                let format = AnnualReportFiles.Format(rawValue: format.lowercased())!
                let date = try asOf.map { try CivilDate(parsing: $0) } ?? .today()
                let levels = depth.lowercased() == "all" ? nil : Int(depth)
                let (s, _) = try await store.open()
                let started = ContinuousClock.now
                let report: AnnualReport
                do {
                    report = try await s.statistics.annualReport(code: org, asOf: date, depth: levels, actor: .system("cli"))
                } catch {
                    await s.close()
                    throw error
                }
                let elapsed = ContinuousClock.now - started
                await s.close()
                let data = try AnnualReportFiles.render(report, format: format, englishKeys: englishKeys)
                if let output {
                    try data.write(to: URL(fileURLWithPath: output))
                    Console.info("已写出 \(report.rows.count) 行到 \(output)（计算用时 \(String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))) 秒）")
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
    }
}

extension ReportCommand {
    struct Disputes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disputes",
            abstract: "劳动争议调处统计：某组织及其下级各节点在一段时间内受理的案件数、集体案件、涉及职工、办结与按期办结、调解与调解成功、涉及和追回金额（每个节点含其全部下级；案件计入其办理工会）。")
        @Option(help: "组织代码") var org: String
        @Option(help: "受理日期自 YYYY-MM-DD（含）") var from: String
        @Option(help: "受理日期至 YYYY-MM-DD（含）") var to: String
        @Option(help: "输出格式：json、csv 或 xlsx") var format: String = "json"
        @Option(help: "列出下级的层数：数字，或 all 列出全部节点（默认 1）") var depth: String = "1"
        @Option(help: "输出文件（默认写到标准输出；xlsx 必须指定文件）") var output: String?
        @Flag(name: .customLong("english-keys"), help: "CSV 表头用英文键名（与 JSON 相同），默认用中文列名") var englishKeys = false
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard AnnualReportFiles.Format(rawValue: format.lowercased()) != nil else { throw ValidationError("--format 应为 json、csv 或 xlsx") }
            guard depth.lowercased() == "all" || Int(depth).map({ $0 >= 0 }) == true else { throw ValidationError("--depth 应为非负整数或 all") }
            for (name, value) in [("--from", from), ("--to", to)] {
                do { _ = try CivilDate(parsing: value) } catch { throw ValidationError("\(name)：\(error.message)") }
            }
            if format.lowercased() == "xlsx" && output == nil { throw ValidationError("xlsx 格式请用 --output 指定文件") }
        }

        func run() async throws {
            try await runCommand {
                let format = AnnualReportFiles.Format(rawValue: format.lowercased())!
                let (s, _) = try await store.open()
                let report: DisputeReport
                var rights: RightsFigures?
                do {
                    report = try await s.disputes.report(code: org, from: try CivilDate(parsing: from), to: try CivilDate(parsing: to),
                                                         depth: depth.lowercased() == "all" ? nil : Int(depth), actor: .system("cli"))
                    if format == .json {
                        rights = try await s.rightsFigures(code: org, from: try CivilDate(parsing: from), to: try CivilDate(parsing: to), actor: .system("cli"))
                    }
                } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                let data = try DisputeReportFiles.render(report, format: format, englishKeys: englishKeys, rights: rights)
                if let output {
                    try data.write(to: URL(fileURLWithPath: output))
                    Console.info("已写出 \(report.rows.count) 行到 \(output)")
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
    }
}
