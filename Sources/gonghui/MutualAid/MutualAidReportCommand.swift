import ArgumentParser
import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore

extension ReportCommand {
    /// `gonghui report mutual-aid --round R --org CODE`: a round's figures for a node and its
    /// children, the payout ratio to four decimals.
    struct MutualAid: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mutual-aid",
            abstract: "职工医疗互助统计：某轮次在某组织及其下级的参保人数、互助金、理赔与发放、赔付率（已发放互助金 ÷ 实收互助金，四位小数）。")
        @Option(help: "互助轮次编号") var round: Int64
        @Option(help: "组织代码") var org: String
        @Option(help: "输出格式：json、csv 或 xlsx") var format: String = "json"
        @Option(help: "输出文件（默认写到标准输出；xlsx 必须指定文件）") var output: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard ["csv", "xlsx", "json"].contains(format.lowercased()) else { throw ValidationError("--format 应为 json、csv 或 xlsx") }
            if format.lowercased() == "xlsx" && output == nil { throw ValidationError("xlsx 格式请用 --output 指定文件") }
        }

        func run() async throws {
            try await runCommand {
                let (s, _) = try await store.open()
                let report: MutualAidReport
                do { report = try await s.mutualAid.report(roundID: round, orgCode: org, actor: .system("cli")) } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                let data: Data
                switch format.lowercased() {
                case "json":
                    let e = JSONEncoder()
                    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    data = try e.encode(report)
                case "xlsx": data = try MutualAidFiles.report(report, format: .xlsx)
                default: data = try MutualAidFiles.report(report, format: .csv)
                }
                if let output {
                    try data.write(to: URL(fileURLWithPath: output))
                    Console.info(MutualAidFiles.headline(report))
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
    }
}
