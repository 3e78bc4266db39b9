import Foundation
import Logging
import PostgresKit
import SQLKit
import SQLiteKit

/// A result row read by position from the engine's own row type. SQLKit's rows decode every
/// value by column name through `Decodable`; for the statistics, whose queries return hundreds
/// of thousands of values, that decoding took longer than the engine took to find them.
struct PlainRow {
    fileprivate enum Storage {
        case sqlite([SQLiteColumn])
        case postgres(PostgresRandomAccessRow)
    }

    fileprivate let storage: Storage

    func int(_ i: Int) throws -> Int {
        switch storage {
        case .sqlite(let c):
            guard case .integer(let v) = c[i].data else { throw PlainRowError(column: c[i].name, expected: "整数", found: c[i].data.description) }
            return Int(v)
        case .postgres(let r):
            return try r[i].decode(Int.self)
        }
    }

    func int64(_ i: Int) throws -> Int64 { Int64(try int(i)) }

    func optionalInt64(_ i: Int) throws -> Int64? {
        try isNull(i) ? nil : int64(i)
    }

    func string(_ i: Int) throws -> String {
        switch storage {
        case .sqlite(let c):
            guard case .text(let v) = c[i].data else { throw PlainRowError(column: c[i].name, expected: "文本", found: c[i].data.description) }
            return v
        case .postgres(let r):
            return try r[i].decode(String.self)
        }
    }

    func optionalString(_ i: Int) throws -> String? {
        try isNull(i) ? nil : string(i)
    }

    /// SQLite keeps booleans as 0 and 1.
    func bool(_ i: Int) throws -> Bool {
        switch storage {
        case .sqlite: return try int(i) != 0
        case .postgres(let r): return try r[i].decode(Bool.self)
        }
    }

    func isNull(_ i: Int) -> Bool {
        switch storage {
        case .sqlite(let c): return c[i].data == .null
        case .postgres(let r): return r[i].bytes == nil
        }
    }
}

struct PlainRowError: Error, CustomStringConvertible {
    let column: String
    let expected: String
    let found: String
    var description: String { "列 \(column) 应为\(expected)，实为 \(found)" }
}

/// One connection, outside any transaction, able to run a query both through SQLKit (`sql`) and
/// straight to plain rows (`rows`).
struct PlainReader {
    let connection: BulkTransaction.Connection
    let sql: any SQLDatabase
    let logger: Logger

    init(_ connection: BulkTransaction.Connection, logger: Logger) {
        self.connection = connection
        sql = connection.sql
        self.logger = logger
    }

    var engine: SQLEngine { connection.engine }

    /// Runs `query` (SQLKit's text with its binds) and returns its rows by position.
    func rows(_ query: SQLQueryString) async throws -> [PlainRow] {
        try await rows(query) { $0 }
    }

    /// Runs `query` and returns each row as `transform` makes it, as the row arrives: a compact
    /// value per row instead of the engine's row with its column names, for millions of rows.
    func rows<T>(_ query: SQLQueryString, _ transform: @escaping @Sendable (PlainRow) throws -> T) async throws -> [T] {
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        let binds = try serializer.binds.map { try BulkValue(bind: $0) }
        switch connection {
        case .sqlite(let conn):
            let values = binds.map(\.sqliteData)
            // The connection's own callback form runs on its thread and hands over each row
            // there; the protocol's array form schedules every row on the event loop first.
            let collected = RowBox<T>()
            try await conn.query(serializer.sql, values) { row in
                guard collected.error == nil else { return }
                do { collected.rows.append(try transform(PlainRow(storage: .sqlite(row.columns)))) } catch { collected.error = error }
            }
            if let error = collected.error { throw error }
            return collected.rows
        case .postgres(let conn):
            var bindings = PostgresBindings(capacity: binds.count)
            for b in binds {
                switch b {
                case .null: bindings.appendNull()
                case .int(let v): bindings.append(v)
                case .text(let s): bindings.append(s)
                case .bool(let v): bindings.append(v)
                }
            }
            var out: [T] = []
            for try await row in try await conn.query(PostgresQuery(unsafeSQL: serializer.sql, binds: bindings), logger: logger) {
                out.append(try transform(PlainRow(storage: .postgres(row.makeRandomAccess()))))
            }
            return out
        }
    }
}

/// Rows gathered by a callback that runs on the connection's thread, one row after another,
/// and read only after the query has finished.
private final class RowBox<T>: @unchecked Sendable {
    var rows: [T] = []
    var error: (any Error)?
}

extension Database {
    /// Like `read`, with a `PlainReader` for queries that return many rows.
    func readPlain<T: Sendable>(_ body: (PlainReader) async throws -> T) async throws -> T {
        try await withReadConnection { connection in try await body(PlainReader(connection, logger: logger)) }
    }
}
