import Foundation
import GonghuiDomain
import PostgresKit
import SQLKit
import SQLiteKit

/// A transaction for bulk loads: besides ordinary SQL it can write many rows at once in the
/// engine's fastest way (multi-row INSERT on SQLite, COPY on PostgreSQL), and hands out primary
/// keys in advance so related rows can be written without reading anything back.
final class BulkTransaction: @unchecked Sendable {
    enum Connection {
        case sqlite(SQLiteLink), postgres(PostgresConnection)

        var engine: SQLEngine {
            if case .postgres = self { return .postgres }
            return .sqlite
        }

        /// SQLKit on this connection.
        var sql: any SQLDatabase {
            switch self {
            case .sqlite(let c): DirectSQLiteDatabase(c)
            case .postgres(let c): c.sql()
            }
        }
    }
    let connection: Connection
    let sql: any SQLDatabase
    let logger: Logger
    private var nextIDs: [String: Int64] = [:]
    /// PostgreSQL: ids drawn from a table's sequence and not handed out yet, in order.
    private var pooledIDs: [String: ArraySlice<Int64>] = [:]

    init(_ connection: Connection, logger: Logger) {
        self.connection = connection
        self.logger = logger
        sql = connection.sql
    }

    var isPostgres: Bool { connection.engine == .postgres }

    /// Whether `reserveIDs(table, count:)` can answer without a query (PostgreSQL draws ids from
    /// the sequence with one, which must not run while a COPY is in flight on the connection).
    func canReserveWithoutQuery(_ table: String, count: Int) -> Bool {
        !isPostgres || (pooledIDs[table]?.count ?? 0) >= count
    }

    /// `count` fresh ids for `table`, ascending. On PostgreSQL at least `ahead` are drawn from the
    /// sequence at a time, so that the next batches need no query.
    func reserveIDs(_ table: String, count: Int, ahead: Int = 0) async throws -> [Int64] {
        guard count > 0 else { return [] }
        switch connection {
        case .sqlite:
            // The writer connection is held exclusively for the whole transaction.
            var next: Int64
            if let n = nextIDs[table] {
                next = n
            } else {
                let row = try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM \(unsafeRaw: table)").first()
                next = (try row?.decode(column: "m", as: Int64.self) ?? 0) + 1
            }
            nextIDs[table] = next + Int64(count)
            return (0..<Int64(count)).map { next + $0 }
        case .postgres:
            if (pooledIDs[table]?.count ?? 0) < count {
                // One text value for the whole draw: thousands of rows decoded one by one cost more.
                let n = max(count - (pooledIDs[table]?.count ?? 0), ahead)
                let row = try await sql.raw("""
                    SELECT string_agg(id::text, ',' ORDER BY id) AS ids
                    FROM (SELECT nextval(pg_get_serial_sequence(\(bind: table), 'id')) AS id FROM generate_series(1, \(bind: n))) x
                    """).first()
                let drawn = try (row?.decode(column: "ids", as: String.self) ?? "").split(separator: ",").map { part -> Int64 in
                    guard let id = Int64(part) else { throw StoreError.conflict(code: "sequence", message: "数据库序列返回了无法识别的编号：\(part)") }
                    return id
                }
                pooledIDs[table] = (pooledIDs[table] ?? []) + drawn
            }
            let ids = pooledIDs[table]!.prefix(count)
            pooledIDs[table] = pooledIDs[table]!.dropFirst(count)
            return Array(ids)
        }
    }

    /// For a load into empty tables: drops their secondary indexes and returns the statements
    /// that create them again (`restoreIndexes`, before commit). Building an index once from
    /// sorted keys costs far less than keeping it up to date row by row with random keys (the
    /// blind indexes are random by design). Constraint-backed indexes (primary keys, UNIQUE
    /// columns) stay. Inside the transaction: a failed load leaves every index as it was.
    func suspendIndexes(on tables: [String]) async throws -> [String] {
        var statements: [String] = []
        for table in tables {
            let rows: [(name: String, sql: String)]
            switch connection {
            case .sqlite:
                // Indexes SQLite made for constraints have no SQL text.
                rows = try await sql.raw("""
                    SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL ORDER BY name
                    """).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String.self)) }
            case .postgres:
                rows = try await sql.raw("""
                    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS sql FROM pg_index x
                    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                    WHERE t.relname = \(bind: table) AND t.relnamespace = current_schema()::regnamespace
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
                    ORDER BY i.relname
                    """).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String.self)) }
            }
            for row in rows {
                try await sql.raw("DROP INDEX \(ident: row.name)").run()
                statements.append(row.sql)
            }
        }
        return statements
    }

    func restoreIndexes(_ statements: [String]) async throws {
        guard case .sqlite(let link) = connection else {
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
            return
        }
        // SQLite sorts an index's keys in runs as large as the page cache and merges them
        // (with temporary files allowed, `Database.bulk`); with helper threads the runs are
        // sorted in parallel. Runs of 16 MiB sorted on every core took 7.0 s for the seven
        // member indexes at 1,000,000 members, against 9.8 s as one in-memory sort in the bulk
        // load's 256 MiB cache (sqlite3 shell, same file).
        let threads = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8)
        try link.run("PRAGMA threads = \(threads)", [])
        try link.run("PRAGMA cache_size = -16384", [])
        defer {
            try? link.run("PRAGMA threads = 0", [])
            try? link.run("PRAGMA cache_size = -\(Database.sqliteBulkCacheKiB)", [])
        }
        try await link.offloaded { for statement in statements { try link.run(statement, []) } }
    }

    /// Stops the per-row upkeep of the member roll-up (`MemberTotals`) for a bulk load; returns
    /// what `restoreMemberTotals` needs to start it again and recompute the roll-up once, inside
    /// the same transaction, so no reader ever sees it out of step.
    func suspendMemberTotals(provinces: [Nation.Province]? = nil) async throws -> [String] {
        if let provinces {
            // A nation's provinces: their partitions' triggers only, so other provinces' loads
            // and writes go on meanwhile.
            var restore: [String] = []
            for province in provinces {
                let partition = NationLayout.partition("member_periods", code: province.code)
                for t in ["member_totals_period", MemberSnapshots.postgresTriggerName] {
                    try await sql.raw(sqlText("ALTER FOREIGN TABLE \(partition) DISABLE TRIGGER \(t)")).run()
                    restore.append("ALTER FOREIGN TABLE \(partition) ENABLE TRIGGER \(t)")
                }
            }
            return restore
        }
        switch connection {
        case .sqlite:
            let rows = try await sql.raw("""
                SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'member_totals_%' ORDER BY name
                """).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String.self)) }
            for row in rows { try await sql.raw("DROP TRIGGER \(ident: row.0)").run() }
            return rows.map(\.1)
        case .postgres:
            let triggers = ["member_totals_period", MemberSnapshots.postgresTriggerName]
            for t in triggers { try await sql.raw("ALTER TABLE member_periods DISABLE TRIGGER \(ident: t)").run() }
            return triggers.map { "ALTER TABLE member_periods ENABLE TRIGGER \($0)" }
        }
    }

    /// Starts the roll-up's triggers again and recomputes it, and the snapshots of every kept day
    /// (`MemberSnapshots`), from the periods.
    func restoreMemberTotals(_ statements: [String], provinces: [Nation.Province]? = nil) async throws {
        let ids = provinces?.map(\.id)
        for statement in statements + (ids.map { MemberTotals.rebuild(provinces: $0) } ?? MemberTotals.rebuild) {
            try await sql.raw(SQLQueryString(statement)).run()
        }
        try await MemberSnapshots.rebuild(on: sql, provinces: ids)
    }

    /// Writes rows of text-or-null values (the engines convert to the column types).
    func insert(_ table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        switch connection {
        case .sqlite(let link):
            // One prepared single-row INSERT run for every row, as the sqlite3 shell's .import
            // does. OR FAIL: a row that hits a constraint stops the statement without undoing
            // its own earlier work, so SQLite keeps no statement journal; the whole transaction
            // is rolled back on any error anyway.
            let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ",")
            try link.runEach("INSERT OR FAIL INTO \(table) (\(columns.joined(separator: ","))) VALUES (\(placeholders))", rows: rows)
        case .postgres(let conn):
            try await conn.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var buffer = ByteBuffer()
                buffer.reserveCapacity(1 << 20)
                for row in rows {
                    for (i, v) in row.enumerated() {
                        if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                        switch v {
                        case .null: buffer.writeString("\\N")
                        case .int(let n): buffer.writeString(String(n))
                        case .bool(let b): buffer.writeString(b ? "t" : "f")
                        case .text(let s): Self.writeCopyText(s, into: &buffer)
                        case .double(let d): buffer.writeString(String(d))
                        case .blob(let b):
                            // bytea's hex form, its backslash escaped for COPY.
                            buffer.writeString("\\\\x")
                            buffer.writeString(Data(b).hexString)
                        }
                    }
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    if buffer.readableBytes > (1 << 20) {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        }
    }

    /// COPY's text format: backslash, tab, newline and carriage return are escaped.
    static func writeCopyText(_ s: String, into buffer: inout ByteBuffer) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            case UInt8(ascii: "\n"): buffer.writeString("\\n")
            case UInt8(ascii: "\r"): buffer.writeString("\\r")
            default: buffer.writeInteger(b)
            }
        }
    }
}

/// A value written to or bound into SQL: the kinds the store uses.
enum BulkValue: Sendable {
    case null, text(String), int(Int64), bool(Bool), double(Double), blob([UInt8])
    init(_ s: String?) { self = s.map { .text($0) } ?? .null }

    /// A bind that SQLKit serialized (`\(bind:)`): text, a number, a boolean, bytes, or a nil
    /// optional; anything else as SQLiteKit would encode it.
    init(bind value: any Encodable & Sendable) throws {
        switch value {
        case let s as String: self = .text(s)
        case let i as Int: self = .int(Int64(i))
        case let i as Int64: self = .int(i)
        case let i as Int32: self = .int(Int64(i))
        case let b as Bool: self = .bool(b)
        case let d as Double: self = .double(d)
        case let d as Data: self = .blob(Array(d))
        case let b as [UInt8]: self = .blob(b)
        default:
            // A nil optional (a non-nil one was unwrapped by the casts above).
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, mirror.children.isEmpty {
                self = .null
                return
            }
            switch try SQLiteDataEncoder().encode(value) {
            case .null: self = .null
            case .integer(let i): self = .int(Int64(i))
            case .float(let d): self = .double(d)
            case .text(let s): self = .text(s)
            case .blob(let b): self = .blob(Array(b.readableBytesView))
            }
        }
    }
}

extension Database {
    /// One transaction for a bulk load: it lands whole or, when `body` throws or the process is
    /// killed, not at all.
    ///
    /// `trustingReferencesOf`: tables whose rows' references the caller has already resolved
    /// against rows that cannot disappear (orgs are never deleted; members just written in the
    /// same transaction), and whose unique keys it has checked itself, so checking each row
    /// again is work without purpose. SQLite then runs the transaction with foreign keys off
    /// (they can only be switched outside one, and come back on after it); PostgreSQL drops those
    /// tables' unique and foreign-key constraints and adds them back before commit, which
    /// validates every row at once (a sort for a unique key, a join for a reference) instead of
    /// one index probe per row.
    func bulk<T: Sendable>(trustingReferencesOf tables: [String] = [], _ body: (BulkTransaction) async throws -> T) async throws -> T {
        switch engine {
        case .sqlite:
            let logger = self.logger
            // A larger page cache while loading: the unique index on the blind index takes rows
            // at random places, and pages pushed out mid-transaction are read back from the WAL.
            // Sorting to temporary files rather than memory: only then does SQLite sort an
            // index's keys in runs, on helper threads (`restoreIndexes`).
            var before = ["PRAGMA cache_size = -\(Self.sqliteBulkCacheKiB)", "PRAGMA temp_store = FILE"]
            var after = ["PRAGMA cache_size = -\(Self.sqliteCacheKiB)", "PRAGMA temp_store = MEMORY"]
            if !tables.isEmpty {
                before.append("PRAGMA foreign_keys = OFF")
                after.append("PRAGMA foreign_keys = ON")
            }
            return try await withSQLiteWriter { link in
                func restore() { for pragma in after { try? link.run(pragma, []) } }
                do {
                    for pragma in before { try link.run(pragma, []) }
                    try link.run("BEGIN IMMEDIATE", [])
                } catch {
                    restore()
                    throw error
                }
                do {
                    // Foreign keys are checked at commit instead of per statement (the same
                    // rules, but no per-statement rollback journal); the setting ends with the
                    // transaction.
                    try link.run("PRAGMA defer_foreign_keys = ON", [])
                    let v = try await body(BulkTransaction(.sqlite(link), logger: logger))
                    try link.run("COMMIT", [])
                    didCommit()
                    restore()
                    return v
                } catch {
                    try? link.run("ROLLBACK", [])
                    restore()
                    throw error
                }
            }
        case .postgres:
            let logger = self.logger
            return try await withPostgresConnection { conn in
                try await conn.query("BEGIN", logger: logger)
                do {
                    let tx = BulkTransaction(.postgres(conn), logger: logger)
                    // Room to build indexes in memory rather than in temporary files.
                    try await conn.query("SET LOCAL maintenance_work_mem = '512MB'", logger: logger)
                    let restore = try await tx.dropConstraints(of: tables)
                    let v = try await body(tx)
                    for statement in restore { try await tx.sql.raw(SQLQueryString(statement)).run() }
                    try await conn.query("COMMIT", logger: logger)
                    didCommit()
                    return v
                } catch {
                    _ = try? await conn.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }
}

extension BulkTransaction {
    /// PostgreSQL: drops the unique and foreign-key constraints of `tables` (not the primary
    /// keys, which other tables reference); returns the statements that add them back, unique
    /// keys first (each validates the whole table when run).
    func dropConstraints(of tables: [String]) async throws -> [String] {
        var restore: [String] = []
        for table in tables {
            let rows = try await sql.raw("""
                SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                WHERE contype IN ('u', 'f') AND conrelid = \(bind: table)::regclass ORDER BY contype DESC, conname
                """).all()
            for row in rows {
                let name = try row.decode(column: "conname", as: String.self)
                try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT \(ident: name)").run()
                restore.append("ALTER TABLE \"\(table)\" ADD CONSTRAINT \"\(name)\" \(try row.decode(column: "def", as: String.self))")
            }
        }
        return restore
    }
}
