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
    let sql: any SQLDatabase
    let connection: BulkTransaction.Connection
    let logger: Logger

    var engine: SQLEngine {
        if case .postgres = connection { return .postgres }
        return .sqlite
    }

    /// Runs `query` (SQLKit's text with its binds) and returns its rows by position.
    func rows(_ query: SQLQueryString) async throws -> [PlainRow] {
        try await rows(query) { $0 }
    }

    /// Runs `query` and returns each row as `transform` makes it, as the row arrives: a compact
    /// value per row instead of the engine's row with its column names, for millions of rows.
    func rows<T>(_ query: SQLQueryString, _ transform: @escaping @Sendable (PlainRow) throws -> T) async throws -> [T] {
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        let binds = try serializer.binds.map(PlainBind.init)
        switch connection {
        case .sqlite(let conn):
            let values: [SQLiteData] = binds.map {
                switch $0 {
                case .null: .null
                case .int(let v): .integer(SQLiteInt64(v))
                case .text(let s): .text(s)
                case .bool(let b): .integer(b ? 1 : 0)
                case .double(let d): .float(d)
                }
            }
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
                case .double(let d): bindings.append(d)
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

/// The kinds of value the store binds into its queries.
private enum PlainBind {
    case null, int(Int64), text(String), bool(Bool), double(Double)

    init(_ value: any Encodable & Sendable) throws {
        switch value {
        case let s as String: self = .text(s)
        case let i as Int: self = .int(Int64(i))
        case let i as Int64: self = .int(i)
        case let b as Bool: self = .bool(b)
        case let d as Double: self = .double(d)
        default:
            // A nil optional (a non-nil one was unwrapped by the casts above).
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional, mirror.children.isEmpty else {
                throw PlainRowError(column: "?", expected: "文本、整数、布尔值或空值", found: String(describing: type(of: value)))
            }
            self = .null
        }
    }
}

extension Database {
    /// Like `read`, with a `PlainReader` for queries that return many rows.
    func readPlain<T: Sendable>(_ body: (PlainReader) async throws -> T) async throws -> T {
        try await withReadConnection { connection in
            switch connection {
            case .sqlite(let conn): try await body(PlainReader(sql: DirectSQLiteDatabase(conn), connection: connection, logger: logger))
            case .postgres(let conn): try await body(PlainReader(sql: conn.sql(), connection: connection, logger: logger))
            }
        }
    }
}
