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

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "导出组织或会员（CSV / XLSX，可直接再导入）。命令行以系统操作身份导出完整证件号码，每次导出都记入审计日志。")
    enum Kind: String, ExpressibleByArgument, CaseIterable { case orgs, members, payments, cardIssuing = "card-issuing" }
    @Argument(help: "导出内容：orgs、members、payments（发放批次的银行代发文件）或 card-issuing（会员服务卡制卡文件）") var kind: Kind
    @Option(help: "组织代码：导出该组织及其全部下级（orgs、members）") var org: String?
    @Option(help: "发放批次编号（payments）") var batch: Int64?
    @Option(help: "输出文件（.csv 或 .xlsx）") var output: String
    @Flag(help: "CSV 用 GBK（GB18030）编码，供要求 GBK 的银行系统（payments、card-issuing）") var gbk = false
    @Flag(name: .customLong("all-members"), help: "card-issuing：该组织下全部尚无服务卡的在会会员（否则只含在网上申领的会员）") var allMembers = false
    @Option(help: "card-issuing：批量发卡的领卡网点") var branch: String = ""
    @OptionGroup var store: StoreOptions

    func validate() throws {
        switch kind {
        case .payments: if batch == nil { throw ValidationError("导出银行代发文件请用 --batch 指定发放批次编号") }
        case .orgs, .members, .cardIssuing: if org == nil { throw ValidationError("请用 --org 指定组织代码") }
        }
    }

    func run() async throws {
        try await runCommand {
            let (s, _) = try await store.open()
            if kind == .payments || kind == .cardIssuing {
                do {
                    if kind == .cardIssuing, let org {
                        print(try await CardIssuingExport(org: org, allMembers: allMembers, branch: branch, output: output, gbk: gbk).run(s))
                    } else if let batch {
                        print(try await PaymentsExport(batch: batch, output: output, gbk: gbk).run(s))
                    }
                } catch {
                    await s.close()
                    throw error
                }
                await s.close()
                return
            }
            let org = org!
            let url = URL(fileURLWithPath: output)
            let exporter = RegistryExporter(store: s)
            let bar = ProgressBar(kind == .members ? "导出会员" : "导出组织")
            let rows: Int
            switch kind {
            case .members: rows = try await exporter.exportMembers(orgCode: org, to: url, actor: .system("cli")) { bar.update(rows: $0, fraction: nil) }
            case .orgs, .payments, .cardIssuing: rows = try await exporter.exportOrgs(orgCode: org, to: url, actor: .system("cli")) { bar.update(rows: $0, fraction: nil) }
            }
            bar.finish(rows: rows)
            await s.close()
            print("已导出 \(rows) 行到 \(output)")
        }
    }
}
