import Foundation
import GonghuiDomain
import SQLKit

/// What `gonghui migrate --plan` shows before an upgrade: the migrations not yet applied, what
/// each statement will do, and how many rows each touches as the database stands (an estimate:
/// a table an earlier pending migration creates counts as empty).
public struct MigrationPlan: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var statements: [Statement]
        /// Whether `migrate --down` can undo it.
        public var reversible: Bool
    }

    public struct Statement: Sendable, Equatable {
        /// What it does, in the operator's words ("表 members 增加列 name_key").
        public var summary: String
        /// The table it reads or writes, when it names one.
        public var table: String?
        /// Rows of that table it touches or rebuilds; nil when it touches none (a new table, a
        /// new column with a constant default).
        public var rows: Int64?
    }

    /// The versions already applied.
    public var applied: [Int]
    public var pending: [Step]
    /// The newest version this program knows.
    public var programVersion: Int

    public var rowsTouched: Int64 { pending.flatMap(\.statements).compactMap(\.rows).reduce(0, +) }
}

extension Database {
    /// The plan for the migrations `migrate` would apply now; refuses, as `migrate` does, a
    /// database newer than the program.
    public func migrationPlan() async throws -> MigrationPlan {
        try await migrationPlan(Migrations.all)
    }

    func migrationPlan(_ migrations: [Migration]) async throws -> MigrationPlan {
        let engine = self.engine
        let applied = try await read { db -> [Int] in
            guard try await Self.tableExists("schema_migrations", engine: engine, on: db) else { return [] }
            return try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map { try $0.decode(column: "version", as: Int.self) }
        }
        let known = migrations.map(\.version).max() ?? 0
        if let newest = applied.max(), newest > known { throw OperationsError.databaseNewer(database: newest, program: known) }
        let done = Set(applied)
        var created: Set<String> = []
        var counts: [String: Int64] = [:]
        var steps: [MigrationPlan.Step] = []
        for migration in migrations where !done.contains(migration.version) {
            var statements: [MigrationPlan.Statement] = []
            for sql in migration.up + (migration.engineUp[engine] ?? []) {
                var s = MigrationStatementKind.describe(sql)
                if let table = s.table, s.rows != nil {
                    if created.contains(table) {
                        s.rows = 0
                    } else if let n = counts[table] {
                        s.rows = n
                    } else {
                        let n = try await read { db -> Int64 in
                            guard try await Self.tableExists(table, engine: engine, on: db) else { return 0 }
                            return try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int64.self) ?? 0
                        }
                        counts[table] = n
                        s.rows = n
                    }
                }
                if sql.uppercased().contains("CREATE TABLE"), let t = s.table { created.insert(t) }
                statements.append(s)
            }
            steps.append(.init(version: migration.version, name: migration.name, statements: statements, reversible: migration.down != nil))
        }
        return MigrationPlan(applied: applied, pending: steps, programVersion: known)
    }

    static func tableExists(_ table: String, engine: SQLEngine, on db: any SQLDatabase) async throws -> Bool {
        switch engine {
        case .sqlite:
            try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)").first() != nil
        case .postgres:
            try await db.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename = \(bind: table)").first() != nil
        }
    }
}

/// Reads a migration statement's first words: what kind of change it is and on which table.
enum MigrationStatementKind {
    static func describe(_ sql: String) -> MigrationPlan.Statement {
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" }).map(String.init)
        func word(_ i: Int) -> String { i < words.count ? words[i] : "" }
        func upper(_ i: Int) -> String { word(i).uppercased() }
        func after(_ keyword: String) -> String? {
            guard let i = words.firstIndex(where: { $0.uppercased() == keyword }) else { return nil }
            return word(i + 1).trimmingCharacters(in: CharacterSet(charactersIn: "\"();,"))
        }
        switch (upper(0), upper(1)) {
        case ("CREATE", "TABLE"):
            return .init(summary: "新建表 \(word(2))", table: word(2), rows: nil)
        case ("CREATE", "INDEX"), ("CREATE", "UNIQUE"):
            let name = upper(1) == "UNIQUE" ? word(3) : word(2)
            let table = after("ON") ?? ""
            return .init(summary: "在表 \(table) 上建索引 \(name)（读遍全表）", table: table, rows: 0)
        case ("DROP", "INDEX"):
            return .init(summary: "删除索引 \(word(2))", table: nil, rows: nil)
        case ("DROP", "TABLE"):
            return .init(summary: "删除表 \(word(2))", table: word(2), rows: 0)
        case ("ALTER", "TABLE"):
            let table = word(2)
            switch (upper(3), upper(4)) {
            case ("ADD", "COLUMN"): return .init(summary: "表 \(table) 增加列 \(word(5))", table: table, rows: nil)
            case ("DROP", "COLUMN"): return .init(summary: "表 \(table) 删除列 \(word(5))（重写全表）", table: table, rows: 0)
            case ("RENAME", _): return .init(summary: "表 \(table) 改名", table: table, rows: nil)
            default: return .init(summary: "修改表 \(table)", table: table, rows: 0)
            }
        case ("UPDATE", _):
            return .init(summary: "更新表 \(word(1)) 的数据", table: word(1), rows: 0)
        case ("DELETE", _):
            let table = after("FROM") ?? ""
            return .init(summary: "删除表 \(table) 中的部分数据", table: table, rows: 0)
        case ("INSERT", _):
            let table = after("INTO") ?? ""
            return .init(summary: "向表 \(table) 写入数据", table: table, rows: nil)
        case ("CREATE", "TRIGGER"), ("CREATE", "OR"):
            return .init(summary: "建触发器或函数", table: nil, rows: nil)
        default:
            return .init(summary: String(sql.split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces), table: nil, rows: nil)
        }
    }
}
