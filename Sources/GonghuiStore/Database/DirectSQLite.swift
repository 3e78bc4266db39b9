import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// SQLKit on an SQLite connection, run directly (``SQLiteLink``): SQLKit serializes the query,
/// the statement is the connection's kept one, and rows decode as SQLiteKit decodes them.
struct DirectSQLiteDatabase: SQLDatabase {
    let link: SQLiteLink
    private let base: any SQLDatabase

    init(_ link: SQLiteLink) {
        self.link = link
        base = link.kit
    }

    var logger: Logger { link.connection.logger }
    var eventLoop: any EventLoop { link.connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, rawBinds) = serialize(query)
        if let level = queryLogLevel {
            logger.log(level: level, "Executing query", metadata: ["sql": .string(sql)])
        }
        let binds = try rawBinds.map { try BulkValue(bind: $0) }
        var names: SQLiteColumnNames?
        try link.run(sql, binds) { cursor in
            let columns = names ?? SQLiteColumnNames(cursor)
            names = columns
            onRow(SQLiteValuesRow(columns: columns, values: (0..<columns.names.count).map { cursor.data($0) }))
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

/// A statement's column names, shared by its rows.
final class SQLiteColumnNames: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ cursor: SQLiteCursor) {
        names = (0..<cursor.columnCount).map { cursor.name($0) }
        index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One result row for SQLKit: its values, decoded as SQLiteKit decodes them.
struct SQLiteValuesRow: SQLRow {
    let columns: SQLiteColumnNames
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index[column] != nil }

    private func value(_ column: String) throws -> SQLiteData {
        guard let i = columns.index[column] else {
            throw DecodingError.keyNotFound(SQLiteColumnKey(column), .init(codingPath: [], debugDescription: "结果中没有列 \(column)"))
        }
        return values[i]
    }

    func decodeNil(column: String) throws -> Bool { try value(column) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        let v = try value(column)
        // The common kinds without the Decodable machinery.
        switch v {
        case .text(let s) where D.self == String.self || D.self == String?.self: return s as! D
        case .integer(let i) where D.self == Int64.self: return Int64(i) as! D
        case .integer(let i) where D.self == Int.self: return i as! D
        case .null where D.self == String?.self: return String?.none as! D
        default: return try SQLiteDataDecoder().decode(D.self, from: v)
        }
    }
}

private struct SQLiteColumnKey: CodingKey {
    let stringValue: String
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}
