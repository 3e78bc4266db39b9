import Foundation
import SQLKit
import Testing
@testable import GonghuiStore

@Suite("SQLite driven directly")
struct SQLiteLinkTests {
    @Test func keptStatementsGiveTheSameAnswersAfterTheCacheIsFull() async throws {
        try await withStore(.sqlite) { t in
            let db = t.store.database
            _ = try await db.write { sql in
                try await sql.raw("CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)").run()
                for i in 0..<20 { try await sql.raw("INSERT INTO kv (k, v) VALUES (\(bind: "k\(i)"), \(bind: i * 10))").run() }
            }
            // More distinct texts than the cache keeps: each still answers, before and after
            // the cache is emptied, and a bound value changes the answer of a kept statement.
            for round in 0..<2 {
                for n in 0..<(SQLiteLink.cachedStatements + 20) {
                    let row = try await db.read { sql in
                        try await sql.raw("SELECT v + \(unsafeRaw: String(n)) AS v FROM kv WHERE k = \(bind: "k\(n % 20)")").first()
                    }
                    #expect(try row?.decode(column: "v", as: Int.self) == (n % 20) * 10 + n, "round \(round), \(n)")
                }
            }
        }
    }

    @Test func aStatementRunAgainInsideItsOwnRowsGetsAFreshOne() async throws {
        try await withStore(.sqlite) { t in
            try await t.store.database.withReadConnection { connection in
                guard case .sqlite(let link) = connection else { Issue.record("not SQLite"); return }
                let q = "SELECT value FROM (SELECT 1 AS value UNION ALL SELECT 2 UNION ALL SELECT 3) WHERE value >= ? ORDER BY value"
                var pairs: [[Int64]] = []
                try link.run(q, [.int(2)]) { outer in
                    let o = outer.int64(0)
                    try link.run(q, [.int(o)]) { inner in pairs.append([o, inner.int64(0)]) }
                }
                #expect(pairs == [[2, 2], [2, 3], [3, 3]])
                // And the kept statement is whole afterwards.
                var again: [Int64] = []
                try link.run(q, [.int(1)]) { again.append($0.int64(0)) }
                #expect(again == [1, 2, 3])
            }
        }
    }

    @Test func errorsNameTheStatementAndLeaveTheConnectionUsable() async throws {
        try await withStore(.sqlite) { t in
            let db = t.store.database
            _ = try await db.write { sql in try await sql.raw("CREATE TABLE u (k TEXT UNIQUE)").run() }
            _ = try await db.write { sql in try await sql.raw("INSERT INTO u (k) VALUES ('a')").run() }
            await #expect(throws: SQLiteStatementError.self) {
                _ = try await db.write { sql in try await sql.raw("INSERT INTO u (k) VALUES ('a')").run() }
            }
            do {
                _ = try await db.write { sql in try await sql.raw("INSERT INTO u (k) VALUES ('a')").run() }
            } catch let e as SQLiteStatementError {
                #expect(e.isConstraint)
                #expect(e.sql.contains("INSERT INTO u"))
            }
            // The failed write was rolled back and the writer takes the next one.
            _ = try await db.write { sql in try await sql.raw("INSERT INTO u (k) VALUES ('b')").run() }
            let n = try await db.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM u").first()?.decode(column: "n", as: Int.self) }
            #expect(n == 2)
        }
    }
}
