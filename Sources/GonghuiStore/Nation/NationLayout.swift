import Foundation
import GonghuiDomain
import SQLKit

/// The nation's deployment (全国部署): one coordinator PostgreSQL that the application connects to,
/// and shard servers that hold the person-level rows, each province's rows on one shard.
///
/// On the coordinator every distributed table is `PARTITION BY LIST (province_id)`; a province
/// placed on a shard has one `postgres_fdw` foreign partition per table (`members_hb` on server
/// `shard1`), and rows of provinces placed nowhere stay in a local default partition
/// (`members__local`). Everything else — the org tree, users, programs, policy, the roll-ups the
/// statistics read — stays on the coordinator. The application's queries do not change: the
/// planner prunes a province's work to its shard and pushes the national report's aggregates
/// down to every shard.
///
/// The migrations stay the same for every engine; `gonghui nation init` converts a migrated
/// coordinator. For Citus the conversion is `create_distributed_table(t, 'province_id')` per
/// table in `distributed` (co-located) and `create_reference_table` for the shared tables; see
/// DESIGN.md § "Beyond one machine".
public enum NationLayout {
    /// The person-level tables spread by province, in the order they are converted. Each has a
    /// `province_id NOT NULL` column written by the application with every row.
    public static let distributed: [String] = [
        "members", "member_periods", "member_events", "transfers",
        "loans", "member_cards",
        "mutual_aid_enrollments", "mutual_aid_claims",
        "dispute_cases", "dispute_workers", "dispute_events",
    ]

    /// Whether `table` is partitioned by province here, i.e. this is a nation's coordinator.
    static func isPartitioned(_ table: String, on db: any SQLDatabase) async throws -> Bool {
        guard db.dialect.name == "postgresql" else { return false }
        return try await db.raw("SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(\(bind: "public." + table))) AS yes")
            .first()?.decode(column: "yes", as: Bool.self) ?? false
    }

    /// A province's partition of `table`, on the coordinator and on its shard (`members_hb`).
    static func partition(_ table: String, code: String) -> String { "\(table)_\(code.lowercased())" }

    /// The coordinator's local default partition, for provinces placed on no shard.
    static func local(_ table: String) -> String { "\(table)__local" }

    /// The foreign server name of shard `n` (1-based).
    static func server(_ n: Int) -> String { "shard\(n)" }

    /// Province codes become table-name suffixes: letters and digits only.
    static func validCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 16 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}

/// What the nation's layout refuses, named for the officer running it.
public enum NationError: Error, UserFacingError, Equatable {
    case notPostgres
    case noShards
    case badAssignment(String)
    case unknownShard(code: String, shard: Int, shards: Int)
    case notANation
    case alreadyANation
    case unknownProvince(String)
    case sameShard(code: String, shard: Int)
    case checksumMismatch(table: String, source: String, target: String)
    case stoppedAfter(String)
    case shardUnavailable(server: String, detail: String)
    case backupPerInstance

    public var message: String {
        switch self {
        case .notPostgres: "全国部署只支持 PostgreSQL：协调库和分片库都须是 postgres:// 地址"
        case .noShards: "至少要给出一个分片库（--shard URL）"
        case .badAssignment(let s): "省份分配“\(s)”无法识别：应写成 省代码=分片序号，如 HB=1,HN=2（代码只含字母和数字）"
        case .unknownShard(let code, let shard, let shards): "省份 \(code) 分配到第 \(shard) 号分片，但只给出了 \(shards) 个分片"
        case .notANation: "这个数据库不是全国部署的协调库：请先执行 gonghui nation init"
        case .alreadyANation: "这个数据库已经是全国部署的协调库（分片已建好）：不能再次初始化"
        case .unknownProvince(let c): "省份 \(c) 没有分配到任何分片"
        case .sameShard(let c, let n): "省份 \(c) 已经在第 \(n) 号分片上"
        case .checksumMismatch(let t, let s, let d): "迁移校验不一致：表 \(t) 源分片 \(s)，目标分片 \(d)；未切换，源数据未动，可重新执行"
        case .stoppedAfter(let step): "按要求在“\(step)”之后停止；再次执行同一命令会从这里继续"
        case .backupPerInstance: "全国部署的协调库不能用 gonghui backup 备份：各省的个人数据在分片上。请在同一时刻对协调库和每个分片分别用 pg_dump 备份（见 DESIGN.md“全国部署”）"
        case .shardUnavailable(let server, let detail): "数据分片 \(server) 无法连接：存放在该分片上的省份暂时不能读写，其他省份不受影响（\(detail)）"
        }
    }
}

/// Statement text made here from catalog names (never from user input), as a query.
func sqlText(_ s: String) -> SQLQueryString { SQLQueryString(s) }
