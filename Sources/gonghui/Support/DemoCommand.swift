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

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "生成演示省份数据：写入数据库，或以 --output-dir 输出为可导入的 CSV 文件。")
    @Option(help: "会员人数") var members = 200_000
    @Option(help: "随机种子（相同种子生成相同数据）") var seed: UInt64 = 20_261_121
    @Option(name: .customLong("output-dir"), help: "输出 orgs.csv 与 members.csv 到此目录，不写数据库") var outputDir: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await runCommand {
            let province = DemoProvince(options: DemoOptions(members: members, seed: seed))
            if let outputDir {
                let dir = URL(fileURLWithPath: outputDir)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                let bar = ProgressBar("生成演示数据")
                let orgWriter = try CSVWriter(url: dir.appendingPathComponent("orgs.csv"))
                try orgWriter.write(ImportColumns.orgs.chineseHeader)
                for o in province.orgs { try orgWriter.write(DemoSeeder.orgCells(o)) }
                try orgWriter.close()
                let memberWriter = try CSVWriter(url: dir.appendingPathComponent("members.csv"))
                try memberWriter.write(ImportColumns.members.chineseHeader)
                var n = 0
                for m in province.members() {
                    try memberWriter.write(DemoSeeder.memberCells(m))
                    n += 1
                    if n % 50_000 == 0 { bar.update(rows: n, fraction: Double(n) / Double(members)) }
                }
                try memberWriter.close()
                bar.finish(rows: n)
                print("已生成 \(province.orgs.count) 个组织、\(n) 名会员：\(dir.path)/orgs.csv、members.csv")
                return
            }
            let (s, _) = try await store.open()
            let accounts = try await DemoSeeder(store: s, members: members, seed: seed).seedIfEmpty()
            await s.close()
            if accounts.isEmpty { print("数据库中已有数据，未生成演示数据。") }
            for a in accounts { print("  \(a.username) / \(a.password) / \(a.role) / \(a.orgCode)") }
        }
    }
}
