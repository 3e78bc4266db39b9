import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Upgrades that cannot half-apply: a migration that fails part-way leaves the database exactly
/// as it was; a database newer than the program is refused; the plan says what will run.
@Suite("Migration safety")
struct MigrationSafetyTests {
    /// A migration that creates a table, rewrites every member's name, then fails: afterwards
    /// the table is not there, the names are the old ones and the version is not recorded.
    @Test(arguments: Engines.all)
    func aMigrationFailingHalfWayLeavesNothing(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            _ = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
            let failing = Migration(version: Migrations.newest + 1, name: "fails_half_way", up: [
                "CREATE TABLE half_done (id BIGINT)",
                "INSERT INTO half_done (id) VALUES (1)",
                "UPDATE members SET name = 'changed'",
                "INSERT INTO no_such_table (id) VALUES (1)",
            ], down: nil)
            let before = try await Self.snapshot(t.store.database)
            await #expect(throws: (any Error).self) { _ = try await t.store.database.migrate(Migrations.all + [failing]) }
            let after = try await Self.snapshot(t.store.database)
            #expect(after == before)
            #expect(!(try await t.store.database.read { db in try await Database.tableExists("half_done", engine: engine, on: db) }))
            #expect(try await t.store.database.appliedMigrations().last == Migrations.newest)
            // The plan still lists it, with the rows it would touch.
            let plan = try await t.store.database.migrationPlan(Migrations.all + [failing])
            #expect(plan.pending.map(\.version) == [Migrations.newest + 1])
            let update = plan.pending[0].statements[2]
            #expect(update.table == "members" && update.rows == 1 && update.summary.contains("members"))
            #expect(plan.pending[0].statements[0].rows == nil && !plan.pending[0].reversible)
        }
    }

    /// A database a newer program migrated: every command refuses it, saying which versions.
    @Test(arguments: Engines.all)
    func aNewerDatabaseIsRefused(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let newer = Migrations.newest + 5
            try await t.store.database.write { db in
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: newer), 'from_the_future', 0)").run()
            }
            do {
                _ = try await t.store.database.migrate()
                Issue.record("a newer database was migrated")
            } catch let e as OperationsError {
                #expect(e == .databaseNewer(database: newer, program: Migrations.newest))
                #expect(e.message.contains("第 \(newer) 号") && e.message.contains("第 \(Migrations.newest) 号"))
            }
            await #expect(throws: OperationsError.self) { _ = try await t.store.database.migrationPlan() }
        }
    }

    /// The plan of a database behind by the migrations from v27 (operations) on: each of them,
    /// statement by statement, v27's as it was written.
    @Test func thePlanOfADatabaseBehind() async throws {
        try await withStore(.sqlite) { t in
            var undone: [Int] = []
            while let v = try await t.store.database.migrateDown(), v > 27 { undone.append(v) }
            let plan = try await t.store.database.migrationPlan()
            #expect(plan.pending.map(\.version) == Array(27...Migrations.newest) && plan.applied.last == 26)
            #expect(plan.pending[0].statements.map(\.summary) == ["新建表 key_rotation_map", "表 hardship_archives 增加列 deidentified_on"])
            #expect(plan.pending.count == undone.count + 1)
            try await t.store.database.migrate()
            #expect(try await t.store.database.migrationPlan().pending.isEmpty)
        }
    }

    /// Every table's row count and the members' names: what a half-applied migration would change.
    static func snapshot(_ database: Database) async throws -> [String] {
        try await database.read { db in
            var out: [String] = []
            for table in ["orgs", "members", "member_periods", "audit_log", "schema_migrations"] {
                out.append("\(table)=\(try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self))")
            }
            out += try await db.raw("SELECT name FROM members ORDER BY id").all().map { try $0.decode(column: "name", as: String.self) }
            return out
        }
    }
}
