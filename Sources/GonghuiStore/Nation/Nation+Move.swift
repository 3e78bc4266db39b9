import Foundation
import GonghuiDomain
import Logging
import SQLKit

extension Nation {
    /// The steps of moving a province between shards, in order. Each is committed and recorded
    /// in `nation_provinces.move_step` before the next begins, so a move stopped anywhere is
    /// finished by running it again, and nothing is lost meanwhile: the province is read-only from
    /// the first step to the last, and its rows stay on the old shard until the new copy has been
    /// verified and the coordinator points at it.
    public enum MoveStep: String, CaseIterable, Sendable {
        /// The province's foreign partitions refuse writes.
        case frozen
        /// Its tables were (re)created on the target shard and its rows copied there.
        case copied
        /// Row counts and checksums agree on both shards, table by table.
        case verified
        /// The coordinator's partitions point at the target shard.
        case switched
        /// The old shard's copy is dropped.
        case dropped

        public var label: String {
            switch self {
            case .frozen: "只读"
            case .copied: "已复制"
            case .verified: "已校验"
            case .switched: "已切换"
            case .dropped: "已删除旧副本"
            }
        }
    }

    /// What a finished move reports: rows and checksum per table.
    public struct MoveReport: Sendable, Equatable {
        public let code: String
        public let from: Int
        public let to: Int
        public let tables: [(table: String, rows: Int64, checksum: String)]
        public let resumedAfter: MoveStep?

        public static func == (a: MoveReport, b: MoveReport) -> Bool {
            a.code == b.code && a.from == b.from && a.to == b.to && a.resumedAfter == b.resumedAfter
                && a.tables.map { "\($0.table)|\($0.rows)|\($0.checksum)" } == b.tables.map { "\($0.table)|\($0.rows)|\($0.checksum)" }
        }
    }

    /// Moves province `code` to shard `to`, or finishes a move of it that stopped. `stopAfter`
    /// ends the run right after that step is recorded (to prove a stop there loses nothing).
    public static func moveProvince(coordinator url: String, code: String, to: Int, stopAfter: MoveStep? = nil,
                                    logger: Logger = Logger(label: "gonghui.nation")) async throws -> MoveReport {
        try await Database.using(url, logger: logger) { db in
            try await move(db, code: code.uppercased(), to: to, stopAfter: stopAfter, logger: logger)
        }
    }

    private static func move(_ db: Database, code: String, to: Int, stopAfter: MoveStep?, logger: Logger) async throws -> MoveReport {
        guard let placement = try await placements(db).first(where: { $0.code == code }) else { throw NationError.unknownProvince(code) }
        let shards = try await db.read { sql in
            try await sql.raw("SELECT n, url FROM nation_shards ORDER BY n").all().map { (try $0.decode(column: "n", as: Int.self), try $0.decode(column: "url", as: String.self)) }
        }
        guard let targetURL = shards.first(where: { $0.0 == to })?.1 else { throw NationError.unknownShard(code: code, shard: to, shards: shards.count) }
        let resumed = placement.movingTo == to ? placement.moveStep.flatMap(MoveStep.init(rawValue:)) : nil
        if resumed == nil, placement.shard == to { throw NationError.sameShard(code: code, shard: to) }
        // After the switch the placement already names the target: the source is the one recorded.
        let from = resumed == nil ? placement.shard : (placement.movingFrom ?? placement.shard)
        guard let sourceURL = shards.first(where: { $0.0 == from })?.1 else { throw NationError.unknownShard(code: code, shard: from, shards: shards.count) }
        let tables = try await db.read { sql in
            try await sql.raw("SELECT name, shard_ddl FROM nation_tables ORDER BY position").all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "shard_ddl", as: String.self)) }
        }
        var done = resumed.map { step in MoveStep.allCases.prefix(through: MoveStep.allCases.firstIndex(of: step)!) }.map(Set.init) ?? []

        func record(_ step: MoveStep) async throws {
            try await db.write { sql in
                try await sql.raw("UPDATE nation_provinces SET moving_from = \(bind: from), moving_to = \(bind: to), move_step = \(bind: step.rawValue), read_only = TRUE WHERE code = \(bind: code)").run()
            }
            done.insert(step)
            logger.info("nation: \(code) \(step.rawValue)")
            if step == stopAfter { throw NationError.stoppedAfter(step.label) }
        }

        func setUpdatable(_ updatable: Bool, on sql: any SQLDatabase) async throws {
            for (table, _) in tables {
                let partition = NationLayout.partition(table, code: code)
                let has = try await sql.raw("""
                    SELECT EXISTS (SELECT 1 FROM pg_foreign_table f, unnest(f.ftoptions) o WHERE f.ftrelid = \(bind: "public.\(partition)")::regclass AND o LIKE 'updatable=%') AS yes
                    """).first()?.decode(column: "yes", as: Bool.self) ?? false
                let action = has ? "SET" : "ADD"
                try await sql.raw(sqlText("ALTER FOREIGN TABLE public.\(partition) OPTIONS (\(action) updatable \(literal(updatable ? "true" : "false")))")).run()
            }
        }

        // 1. Read-only: writes through the coordinator are refused from here on.
        if !done.contains(.frozen) {
            try await db.write { sql in try await setUpdatable(false, on: sql) }
            try await record(.frozen)
        }
        // 2. Copy: the target's tables are made afresh (a half-done copy is thrown away) and
        //    filled through the coordinator from the source partitions.
        if !done.contains(.copied) {
            try await Database.using(targetURL, logger: logger) { target in
                try await target.write { sql in
                    for (table, ddl) in tables {
                        try await sql.raw(sqlText("DROP TABLE IF EXISTS public.\(NationLayout.partition(table, code: code))")).run()
                        for s in TableDefinition.shardDDL(template: ddl, table: table, code: code) { try await sql.raw(sqlText(s)).run() }
                    }
                }
            }
            try await db.write { sql in
                for (table, _) in tables {
                    let partition = NationLayout.partition(table, code: code)
                    let staging = "nation_move_\(partition)"
                    let columns = try await sql.raw("""
                        SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
                        WHERE a.attrelid = \(bind: "public.\(table)")::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
                        """).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "type", as: String.self)) }
                    try await sql.raw(sqlText("DROP FOREIGN TABLE IF EXISTS \(staging)")).run()
                    try await sql.raw(sqlText("""
                        CREATE FOREIGN TABLE \(staging) (\(columns.map { "\(ident($0.0)) \($0.1)" }.joined(separator: ", ")))
                        SERVER \(NationLayout.server(to)) OPTIONS (table_name \(literal(partition)))
                        """)).run()
                    let names = columns.map { ident($0.0) }.joined(separator: ", ")
                    try await sql.raw(sqlText("INSERT INTO \(staging) (\(names)) SELECT \(names) FROM public.\(partition)")).run()
                    try await sql.raw(sqlText("DROP FOREIGN TABLE \(staging)")).run()
                }
            }
            try await record(.copied)
        }
        // 3. Verify on each shard itself: rows and an order-independent checksum of every row.
        var sums: [(table: String, rows: Int64, checksum: String)] = []
        if !done.contains(.verified) || !done.contains(.dropped) {
            do {
                sums = try await Database.using(done.contains(.switched) ? targetURL : sourceURL, logger: logger) { side in
                    try await Database.using(targetURL, logger: logger) { target in
                        var sums: [(table: String, rows: Int64, checksum: String)] = []
                        for (table, _) in tables {
                            let partition = NationLayout.partition(table, code: code)
                            let a = try await checksum(partition, on: side)
                            let b = try await checksum(partition, on: target)
                            if !done.contains(.switched), a != b {
                                throw NationError.checksumMismatch(table: table, source: "\(a.0) 行 \(a.1)", target: "\(b.0) 行 \(b.1)")
                            }
                            sums.append((table, b.0, b.1))
                        }
                        return sums
                    }
                }
            } catch NationError.checksumMismatch(let table, let source, let target) {
                try? await db.write { sql in try await sql.raw("UPDATE nation_provinces SET move_step = 'frozen' WHERE code = \(bind: code)").run() }
                throw NationError.checksumMismatch(table: table, source: source, target: target)
            }
            if !done.contains(.verified) { try await record(.verified) }
        }
        // 4. Switch: the coordinator's partitions now name the target shard, still read-only.
        if !done.contains(.switched) {
            try await db.write { sql in
                guard let id = try await sql.raw("SELECT province_id FROM nation_provinces WHERE code = \(bind: code)").first()?.decode(column: "province_id", as: Int64?.self) else { return }
                for (table, _) in tables {
                    let partition = NationLayout.partition(table, code: code)
                    try await sql.raw(sqlText("DROP FOREIGN TABLE public.\(partition)")).run()
                    try await sql.raw(sqlText("""
                        CREATE FOREIGN TABLE public.\(partition) PARTITION OF public.\(table) FOR VALUES IN (\(id))
                        SERVER \(NationLayout.server(to)) OPTIONS (table_name \(literal(partition)), updatable 'false')
                        """)).run()
                }
                try await sql.raw("UPDATE nation_provinces SET shard = \(bind: to) WHERE code = \(bind: code)").run()
            }
            try await record(.switched)
        }
        // 5. Drop the old shard's copy.
        if !done.contains(.dropped) {
            try await Database.using(sourceURL, logger: logger) { source in
                try await source.write { sql in
                    for (table, _) in tables { try await sql.raw(sqlText("DROP TABLE IF EXISTS public.\(NationLayout.partition(table, code: code))")).run() }
                }
            }
            try await record(.dropped)
        }
        // 6. Writable again on its new shard.
        try await db.write { sql in
            try await setUpdatable(true, on: sql)
            try await sql.raw("UPDATE nation_provinces SET read_only = FALSE, moving_from = NULL, moving_to = NULL, move_step = NULL WHERE code = \(bind: code)").run()
        }
        if sums.isEmpty {
            sums = try await Database.using(targetURL, logger: logger) { target in
                try await tables.asyncMap { table, _ in
                    let s = try await checksum(NationLayout.partition(table, code: code), on: target)
                    return (table: table, rows: s.0, checksum: s.1)
                }
            }
        }
        return MoveReport(code: code, from: from, to: to, tables: sums, resumedAfter: resumed)
    }

    /// Rows of a shard's table and the sum of each row's MD5 (its first 60 bits), which does not
    /// depend on the rows' order.
    static func checksum(_ table: String, on db: Database) async throws -> (Int64, String) {
        try await db.read { sql in
            let row = try await sql.raw(sqlText("""
                SELECT COUNT(*) AS n, COALESCE(SUM(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0)::text AS s FROM public.\(table) t
                """)).first()
            return (try row?.decode(column: "n", as: Int64.self) ?? 0, try row?.decode(column: "s", as: String.self) ?? "0")
        }
    }
}
