import Logging
import NIOCore
import SQLKit
import SQLiteKit

/// SQLKit on an SQLite connection, with rows handed over on the connection's own thread.
///
/// SQLiteKit's `sql()` runs a query through the generic `SQLiteDatabase` path, which schedules
/// every result row on the event loop before the caller sees it: one more thread hop per query
/// (and per row), on the same event loop that serves the network. This calls the connection's
/// own concurrency-aware `query`, which runs the statement on the connection's thread and hands
/// each row over there; what SQL is sent, how binds are encoded and how rows decode are SQLiteKit's.
struct DirectSQLiteDatabase: SQLDatabase {
    let connection: SQLiteConnection
    private let base: any SQLDatabase
    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()

    init(_ connection: SQLiteConnection) {
        self.connection = connection
        base = connection.sql()
    }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, rawBinds) = serialize(query)
        if let level = queryLogLevel {
            logger.log(level: level, "Executing query", metadata: ["sql": .string(sql)])
        }
        let binds = try rawBinds.map { try encoder.encode($0) }
        let decoder = self.decoder
        try await connection.query(sql, binds) { row in onRow(row.sql(decoder: decoder)) }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}
