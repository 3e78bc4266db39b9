import Foundation
import GonghuiSQLite
import NIOConcurrencyHelpers
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// An SQLite connection driven directly: statements are prepared once per connection and kept,
/// and each runs to completion on the calling thread.
///
/// SQLiteNIO prepares every statement anew and runs it on its thread pool, with one thread hop
/// there and one back per statement. For the registry's short statements (a look-up by blind
/// index takes microseconds in SQLite) the preparing and the hops cost several times the
/// statement; for bulk loads, a million rows go through one prepared INSERT instead of a
/// million parsed ones. SQLiteNIO still opens and closes the connection (its embedded SQLite is
/// built thread-safe, in serialized mode), and each connection is used by one task at a time
/// (``AsyncPool``).
final class SQLiteLink: @unchecked Sendable {
    let connection: SQLiteConnection
    /// SQLiteKit's view of the connection, made once: its dialect serializes the queries.
    let kit: any SQLDatabase
    private let db: OpaquePointer
    /// Kept statements by SQL text; `lock` guards the dictionary (a bulk load's writer task and
    /// its caller may both run statements on the one connection, which SQLite serializes).
    private var statements: [String: OpaquePointer] = [:]
    private let lock = NIOLock()

    /// Statements kept per connection. Texts that inline a value (a subtree's path) vary, so the
    /// cache is emptied when full rather than grown without bound.
    static let cachedStatements = 256

    init(_ connection: SQLiteConnection) throws {
        // Both are SQLiteNIO's internals (``BoundInternals``): another version than the pinned
        // one is an error at start-up that names what is missing, not a crash later.
        let pinned = BoundInternals.sqliteNIO
        if let missing = BoundInternals.missingSQLiteSymbol {
            throw DatabaseError.cannotOpen("SQLite", reason: "链接的 SQLiteNIO 缺少函数 \(missing)（本程序按 \(pinned.package) \(pinned.version) 编写）")
        }
        // SQLiteNIO keeps the handle in an internal property; its stored layout is read by reflection.
        guard let handle = Self.handle(of: connection) else {
            throw DatabaseError.cannotOpen("SQLite", reason: "SQLiteNIO 连接句柄不可用：SQLiteConnection 没有字段 \(BoundInternals.sqliteHandlePath.joined(separator: "."))（本程序按 \(pinned.package) \(pinned.version) 编写）")
        }
        self.connection = connection
        kit = connection.sql()
        db = handle
        // Kept statements keep their plans: otherwise one whose WHERE compares a parameter
        // is prepared again each time a new value is bound (every look-up by blind index).
        let rc = gh_sqlite_keep_plans(handle)
        guard rc == Int32(GH_SQLITE_OK) else { throw error(rc, sql: "SQLITE_DBCONFIG_ENABLE_QPSG") }
    }

    /// The connection's `sqlite3 *`, read by reflection; nil when SQLiteNIO keeps it elsewhere.
    static func handle(of connection: SQLiteConnection) -> OpaquePointer? {
        let path = BoundInternals.sqliteHandlePath
        return Mirror(reflecting: connection).descendant(path[0], path[1]) as? OpaquePointer
    }

    /// Finalizes the kept statements; call before the connection closes.
    func finalizeStatements() {
        lock.withLock { finalizeKept() }
    }

    private func finalizeKept() {
        for s in statements.values { sqlite_nio_sqlite3_finalize(s) }
        statements.removeAll()
    }

    /// The kept statement for `sql` (prepared on first use), taken out of the cache while it
    /// runs: a statement run again from inside its own row callback gets a fresh one.
    private func take(_ sql: String) throws -> OpaquePointer {
        if let s = lock.withLock({ statements.removeValue(forKey: sql) }) { return s }
        var out: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let rc = sql.withCString { text in
            sqlite_nio_sqlite3_prepare_v3(db, text, -1, UInt32(GH_SQLITE_PREPARE_PERSISTENT), &out, &tail)
        }
        guard rc == Int32(GH_SQLITE_OK), let out else { throw error(rc, sql: sql) }
        return out
    }

    /// Resets `statement` and keeps it for the next run of `sql`.
    private func giveBack(_ sql: String, _ statement: OpaquePointer) {
        sqlite_nio_sqlite3_reset(statement)
        sqlite_nio_sqlite3_clear_bindings(statement)
        lock.withLock {
            if statements[sql] != nil {
                sqlite_nio_sqlite3_finalize(statement)
                return
            }
            if statements.count >= Self.cachedStatements { finalizeKept() }
            statements[sql] = statement
        }
    }

    private func error(_ rc: Int32, sql: String) -> SQLiteStatementError {
        SQLiteStatementError(code: sqlite_nio_sqlite3_extended_errcode(db), message: String(cString: sqlite_nio_sqlite3_errmsg(db)), sql: sql)
    }

    /// Runs `sql` with `binds` and calls `onRow` for each result row, on this thread. The row is
    /// valid only during the call.
    func run(_ sql: String, _ binds: [BulkValue], onRow: (SQLiteCursor) throws -> Void = { _ in }) throws {
        let s = try take(sql)
        defer { giveBack(sql, s) }
        try bind(binds, to: s, sql: sql)
        let cursor = SQLiteCursor(statement: s)
        while true {
            let rc = sqlite_nio_sqlite3_step(s)
            if rc == Int32(GH_SQLITE_ROW) {
                try onRow(cursor)
            } else if rc == Int32(GH_SQLITE_DONE) {
                return
            } else {
                throw error(rc, sql: sql)
            }
        }
    }

    /// Runs `body` (statements known to take long: a province's statistics, building indexes)
    /// on NIO's blocking-work thread pool instead of the calling thread, so that the few threads
    /// running Swift tasks stay free for requests meanwhile. The connection is still used by
    /// one task at a time.
    func offloaded<R>(_ body: @escaping @Sendable () throws -> R) async throws -> R {
        let box = try await NIOThreadPool.singleton.runIfActive { UncheckedBox(try body()) }
        return box.value
    }

    /// Runs one statement that returns no rows, many times, once per element of `rows`.
    func runEach(_ sql: String, rows: some Sequence<[BulkValue]>) throws {
        let s = try take(sql)
        defer { giveBack(sql, s) }
        for row in rows {
            try bind(row, to: s, sql: sql)
            let rc = sqlite_nio_sqlite3_step(s)
            guard rc == Int32(GH_SQLITE_DONE) || rc == Int32(GH_SQLITE_ROW) else { throw error(rc, sql: sql) }
            sqlite_nio_sqlite3_reset(s)
        }
    }

    private func bind(_ binds: [BulkValue], to s: OpaquePointer, sql: String) throws {
        for (i, value) in binds.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite_nio_sqlite3_bind_null(s, index)
            case .int(let v): rc = sqlite_nio_sqlite3_bind_int64(s, index, v)
            case .bool(let b): rc = sqlite_nio_sqlite3_bind_int64(s, index, b ? 1 : 0)
            case .double(let d): rc = sqlite_nio_sqlite3_bind_double(s, index, d)
            case .text(var text):
                rc = text.withUTF8 { gh_sqlite_bind_text(s, index, UnsafeRawPointer($0.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self), Int32($0.count)) }
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { gh_sqlite_bind_blob(s, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32($0.count)) }
            }
            guard rc == Int32(GH_SQLITE_OK) else { throw error(rc, sql: sql) }
        }
    }
}

/// A value handed from the thread pool back to the task that waits for it, and used only there.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The current row of a running statement, read by position.
struct SQLiteCursor {
    fileprivate let statement: OpaquePointer

    static let integer = Int32(GH_SQLITE_INTEGER)
    static let text = Int32(GH_SQLITE_TEXT)

    var columnCount: Int { Int(sqlite_nio_sqlite3_column_count(statement)) }

    func name(_ i: Int) -> String { String(cString: sqlite_nio_sqlite3_column_name(statement, Int32(i))) }

    func isNull(_ i: Int) -> Bool { sqlite_nio_sqlite3_column_type(statement, Int32(i)) == Int32(GH_SQLITE_NULL) }

    func type(_ i: Int) -> Int32 { sqlite_nio_sqlite3_column_type(statement, Int32(i)) }

    func int64(_ i: Int) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, Int32(i)) }

    func double(_ i: Int) -> Double { sqlite_nio_sqlite3_column_double(statement, Int32(i)) }

    func text(_ i: Int) -> String {
        guard let p = sqlite_nio_sqlite3_column_text(statement, Int32(i)) else { return "" }
        let n = Int(sqlite_nio_sqlite3_column_bytes(statement, Int32(i)))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// The value as SQLiteNIO would give it, for decoding through SQLiteKit.
    func data(_ i: Int) -> SQLiteData {
        switch type(i) {
        case Int32(GH_SQLITE_INTEGER): return .integer(Int(int64(i)))
        case Int32(GH_SQLITE_FLOAT): return .float(double(i))
        case Int32(GH_SQLITE_TEXT): return .text(text(i))
        case Int32(GH_SQLITE_BLOB):
            let n = Int(sqlite_nio_sqlite3_column_bytes(statement, Int32(i)))
            guard n > 0, let p = sqlite_nio_sqlite3_column_blob(statement, Int32(i)) else { return .blob(ByteBuffer()) }
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: p, count: n)))
        default: return .null
        }
    }
}

/// An SQLite error with the statement it came from.
struct SQLiteStatementError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    let sql: String

    /// SQLITE_CONSTRAINT and its extended codes.
    var isConstraint: Bool { code & 0xFF == 19 }

    var description: String { "SQLite 错误 \(code)：\(message)" }
}
