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
        /// A running statement's current row: valid only while the row is being handed over.
        case sqlite(SQLiteCursor)
        case postgres(PostgresRandomAccessRow)
    }

    fileprivate let storage: Storage

    func int(_ i: Int) throws -> Int {
        switch storage {
        case .sqlite(let c):
            guard c.type(i) == SQLiteCursor.integer else { throw PlainRowError(column: c.name(i), expected: "整数", found: c.data(i).description) }
            return Int(c.int64(i))
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
            guard c.type(i) == SQLiteCursor.text else { throw PlainRowError(column: c.name(i), expected: "文本", found: c.data(i).description) }
            return c.text(i)
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
        case .sqlite(let c): return c.isNull(i)
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

    /// Runs `query` and returns each row as `transform` makes it, as the row arrives: a compact
    /// value per row instead of the engine's row with its column names, for millions of rows.
    /// The row given to `transform` is valid only during the call.
    func rows<T>(_ query: SQLQueryString, _ transform: @escaping @Sendable (PlainRow) throws -> T) async throws -> [T] {
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        let binds = try serializer.binds.map { try BulkValue(bind: $0) }
        switch connection {
        case .sqlite(let link):
            // These queries read up to millions of rows: off the threads that serve requests.
            let sql = serializer.sql
            return try await link.offloaded {
                var out: [T] = []
                try link.run(sql, binds) { cursor in out.append(try transform(PlainRow(storage: .sqlite(cursor)))) }
                return out
            }
        case .postgres(let conn):
            var bindings = PostgresBindings(capacity: binds.count)
            for b in binds {
                switch b {
                case .null: bindings.appendNull()
                case .int(let v): bindings.append(v)
                case .text(let s): bindings.append(s)
                case .bool(let v): bindings.append(v)
                case .double(let v): bindings.append(v)
                case .blob(let v): bindings.append(ByteBuffer(bytes: v))
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

extension Database {
    /// Like `read`, with a `PlainReader` for queries that return many rows.
    func readPlain<T: Sendable>(_ body: (PlainReader) async throws -> T) async throws -> T {
        try await withReadConnection { connection in try await body(PlainReader(connection, logger: logger)) }
    }
}
