import ArgumentParser
import Foundation
import GonghuiDomain
import GonghuiStore

/// `gonghui nation`: the nation's deployment on PostgreSQL distributed by province (全国部署).
struct NationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nation",
        abstract: "全国部署：按省分布到多个 PostgreSQL 分片（协调库 + 分片库，postgres_fdw 外部分区）。",
        subcommands: [NationInit.self, NationMove.self, NationStatus.self])
}

struct NationInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "建立全国部署：迁移协调库，在分片上建各省的表，把会员等个人数据表改为按省分区（已有数据随之分到各分片）。")
    @Option(help: "协调库：postgres:// 地址（应用连接它）") var coordinator: String
    @Option(help: "分片库：postgres:// 地址，可重复；第一个是 1 号分片") var shard: [String]
    @Option(help: "省份分配：省代码=分片序号，如 HB=1,HN=2；未分配的省份数据留在协调库") var assign: String

    func run() async throws {
        try await runCommand {
            let assignments = try Nation.parseAssignments(assign)
            let placements = try await Nation.initialize(coordinator: coordinator, shards: shard, assign: assignments)
            print("全国部署已建立：协调库 \(DatabaseLocation(coordinator))，\(shard.count) 个分片")
            printPlacements(placements)
        }
    }
}

struct NationMove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move-province",
        abstract: "把一个省迁到另一个分片：只读 → 复制 → 校验行数和校验和 → 切换 → 删除旧副本 → 恢复读写；中途停止后再执行同一命令会继续。")
    @Argument(help: "省代码，如 HB") var code: String
    @Option(help: "目标分片序号") var to: Int
    @Option(help: "协调库：postgres:// 地址（默认环境变量 GONGHUI_DATABASE）") var coordinator: String?

    func run() async throws {
        try await runCommand {
            guard let url = coordinator ?? ProcessInfo.processInfo.environment["GONGHUI_DATABASE"] else { throw NationError.notANation }
            // For the tests that stop a move at each step: GONGHUI_NATION_STOP_AFTER=frozen|copied|verified|switched|dropped.
            let stop = ProcessInfo.processInfo.environment["GONGHUI_NATION_STOP_AFTER"].flatMap(Nation.MoveStep.init(rawValue:))
            let report = try await Nation.moveProvince(coordinator: url, code: code, to: to, stopAfter: stop)
            if let r = report.resumedAfter { print("接续上次在“\(r.label)”之后停止的迁移") }
            print("省份 \(report.code) 已由 \(report.from) 号分片迁到 \(report.to) 号分片，校验一致：")
            for t in report.tables { print("  \(t.table)\t\(t.rows) 行\t校验和 \(t.checksum)") }
        }
    }
}

struct NationStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "各省所在分片、是否只读、进行中的迁移。")
    @Option(help: "协调库：postgres:// 地址（默认环境变量 GONGHUI_DATABASE）") var coordinator: String?

    func run() async throws {
        try await runCommand {
            guard let url = coordinator ?? ProcessInfo.processInfo.environment["GONGHUI_DATABASE"] else { throw NationError.notANation }
            printPlacements(try await Nation.status(coordinator: url))
        }
    }
}

private func printPlacements(_ placements: [Nation.Placement]) {
    print("省份\t分片\t省级组织\t状态")
    for p in placements {
        var state = p.provinceID == nil ? "待建（该省组织创建时自动放到分片）" : (p.readOnly ? "只读" : "正常")
        if let to = p.movingTo { state += "，正迁往 \(to) 号分片（已完成：\(p.moveStep.flatMap(Nation.MoveStep.init(rawValue:))?.label ?? "-")）" }
        print("\(p.code)\t\(p.shard)\t\(p.provinceID.map(String.init) ?? "-")\t\(state)")
    }
}
