import Foundation
import GonghuiDomain
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

/// The SQL engine behind a ``Database``. SQL that only one engine understands stays inside the
/// store, with its twin for the other engine.
public enum SQLEngine: String, Sendable {
    case sqlite, postgres
}

/// Where the data lives: an SQLite file path or a `postgres://` URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ raw: String) {
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            self = .postgres(url: raw)
        } else if raw.hasPrefix("sqlite://") {
            self = .sqlite(path: String(raw.dropFirst("sqlite://".count)))
        } else {
            self = .sqlite(path: raw)
        }
    }

    /// Never prints a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url):
            guard var c = URLComponents(string: url) else { return "postgres://…" }
            if c.password != nil { c.password = "***" }
            return c.string ?? "postgres://…"
        }
    }
}

public enum DatabaseError: Error, UserFacingError, Equatable {
    case badURL(String)
    case cannotOpen(String, reason: String)

    public var message: String {
        switch self {
        case .badURL(let u): "数据库地址无法解析：\(u)"
        case .cannotOpen(let where_, let reason): "无法打开数据库 \(where_)：\(reason)"
        }
    }
}

/// A handle on the platform's database with two ways in: `read` for single statements and
/// snapshots, `write` for a transaction that either lands whole or not at all.
public final class Database: Sendable {
    public let engine: SQLEngine
    public let location: DatabaseLocation
    let logger: Logger
    private let backend: Backend
    private let commits = Atomic<Int>(0)
    private let timers: DatabaseTimers

    /// Counts the write transactions this process has committed: what was read before a
    /// commit may be out of date after it (`CredentialCache`).
    var commitCount: Int { commits.load(ordering: .acquiring) }

    func didCommit() { commits.add(1, ordering: .releasing) }

    private enum Backend: Sendable {
        case sqlite(writer: AsyncPool<SQLiteLink>, readers: AsyncPool<SQLiteLink>)
        case postgres(client: PostgresClient, runner: Task<Void, Never>)
    }

    private init(engine: SQLEngine, location: DatabaseLocation, logger: Logger, backend: Backend) {
        self.engine = engine; self.location = location; self.logger = logger; self.backend = backend
        timers = DatabaseTimers(engine: engine)
    }

    /// SQLite's page cache per connection, and the writer's while it runs a bulk load.
    static let sqliteCacheKiB = 65_536
    static let sqliteBulkCacheKiB = 262_144

    public static func open(_ location: DatabaseLocation, logger: Logger = Logger(label: "gonghui.db"), readers: Int = 4) async throws -> Database {
        switch location {
        case .sqlite(let path):
            // The file holds encrypted identifiers but readable names and the tree: only its
            // owner reads it, like the key file (SQLite gives the -wal and -shm files the same mode).
            if path != ":memory:" && !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            func connect() async throws -> SQLiteLink {
                let conn: SQLiteConnection
                do {
                    conn = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                } catch {
                    throw DatabaseError.cannotOpen(path, reason: String(describing: error))
                }
                // WAL lets readers go on while one writer commits; foreign keys keep the tree whole.
                // No memory mapping of the file: every reader connection would map the pages it
                // touched, and a server answering look-ups all over a large registry held them
                // all (1.6 GiB resident at 1,000,000 members, against 0.3 GiB with reads).
                for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                               "PRAGMA busy_timeout=10000", "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-\(sqliteCacheKiB)"] {
                    try await conn.query(pragma, [])
                }
                return try SQLiteLink(conn)
            }
            let writer = AsyncPool<SQLiteLink>([try await connect()])
            var readerConnections: [SQLiteLink] = []
            for _ in 0..<max(1, readers) { readerConnections.append(try await connect()) }
            return Database(engine: .sqlite, location: location, logger: logger,
                            backend: .sqlite(writer: writer, readers: AsyncPool(readerConnections)))
        case .postgres(let url):
            guard let c = URLComponents(string: url), let host = c.host, !host.isEmpty else {
                throw DatabaseError.badURL(location.description)
            }
            let query = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
            let tls: PostgresClient.Configuration.TLS
            switch query["sslmode"] {
            case "require", "verify-full", "verify-ca": tls = .require(.makeClientConfiguration())
            case "prefer": tls = .prefer(.makeClientConfiguration())
            default: tls = .disable
            }
            let db = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
            var config = PostgresClient.Configuration(
                host: host, port: c.port ?? 5432, username: c.user ?? "postgres",
                password: c.password, database: db.isEmpty ? nil : db, tls: tls)
            config.options.maximumConnections = Int(query["pool"] ?? "") ?? 16
            // The pool's own chatter (e.g. a lease before run() has started) stays out of the user's way.
            var poolLogger = logger
            poolLogger.logLevel = .error
            let client = PostgresClient(configuration: config, backgroundLogger: poolLogger)
            let runner = Task { await client.run() }
            let database = Database(engine: .postgres, location: location, logger: logger,
                                    backend: .postgres(client: client, runner: runner))
            do {
                _ = try await database.read { db in try await db.raw("SELECT 1 AS one").first() }
            } catch {
                runner.cancel()
                throw DatabaseError.cannotOpen(location.description, reason: String(reflecting: error))
            }
            return database
        }
    }

    /// Runs `body` on one connection, outside any transaction.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let asked = StoreMetrics.now()
        switch backend {
        case .sqlite(_, let readers):
            return try await readers.with { link in try await timers.run(.read, askedAt: asked) { try await body(DirectSQLiteDatabase(link)) } }
        case .postgres(let client, _):
            do {
                return try await client.withConnection { conn in try await timers.run(.read, askedAt: asked) { try await body(conn.sql()) } }
            } catch { throw Self.translate(error) }
        }
    }

    /// A nation's coordinator that cannot reach a shard says which, in the user's words; every
    /// other error passes unchanged.
    static func translate(_ error: any Error) -> any Error {
        guard let e = error as? PSQLError, let state = e.serverInfo?[.sqlState], state.hasPrefix("08"),
              let message = e.serverInfo?[.message], message.contains("\"shard") else { return error }
        let server = message.split(separator: "\"").dropFirst().first.map(String.init) ?? "shard"
        return NationError.shardUnavailable(server: server, detail: message)
    }

    /// Runs `body` with a reading connection of the engine itself, outside any transaction.
    func withReadConnection<T: Sendable>(_ body: (BulkTransaction.Connection) async throws -> T) async throws -> T {
        let asked = StoreMetrics.now()
        switch backend {
        case .sqlite(_, let readers):
            return try await readers.with { link in try await timers.run(.read, askedAt: asked) { try await body(.sqlite(link)) } }
        case .postgres(let client, _):
            do {
                return try await client.withConnection { conn in try await timers.run(.read, askedAt: asked) { try await body(.postgres(conn)) } }
            } catch { throw Self.translate(error) }
        }
    }

    /// Runs `body` in one transaction: everything it wrote lands together, or, when it throws,
    /// nothing does, and the error comes out unchanged.
    public func write<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let asked = StoreMetrics.now()
        switch backend {
        case .sqlite(let writer, _):
            return try await writer.with { link in try await timers.run(.write, askedAt: asked) {
                try link.run("BEGIN IMMEDIATE", [])
                do {
                    let value = try await body(DirectSQLiteDatabase(link))
                    try link.run("COMMIT", [])
                    didCommit()
                    return value
                } catch {
                    try? link.run("ROLLBACK", [])
                    throw error
                }
            } }
        case .postgres(let client, _):
            do {
            return try await client.withConnection { conn in try await timers.run(.write, askedAt: asked) {
                try await conn.query("BEGIN", logger: logger)
                do {
                    let value = try await body(conn.sql())
                    try await conn.query("COMMIT", logger: logger)
                    didCommit()
                    return value
                } catch {
                    _ = try? await conn.query("ROLLBACK", logger: logger)
                    throw error
                }
            } }
            } catch { throw Self.translate(error) }
        }
    }

    /// The SQLite writer connection, for the bulk paths that drive the engine directly.
    func withSQLiteWriter<T: Sendable>(_ body: (SQLiteLink) async throws -> T) async throws -> T {
        guard case .sqlite(let writer, _) = backend else { preconditionFailure("SQLite only") }
        return try await writer.with(body)
    }

    /// A PostgreSQL connection, for the bulk paths that drive the engine directly (COPY).
    func withPostgresConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        guard case .postgres(let client, _) = backend else { preconditionFailure("PostgreSQL only") }
        return try await client.withConnection { conn in try await body(conn) }
    }

    /// Whether `error` is the engine refusing a row that would break a UNIQUE or PRIMARY KEY
    /// constraint.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let e = error as? SQLiteStatementError { return e.isConstraint }
        if let e = error as? PSQLError { return e.serverInfo?[.sqlState] == "23505" }
        return false
    }

    public func close() async {
        switch backend {
        case .sqlite(let writer, let readers):
            for link in await writer.drain() + readers.drain() {
                link.finalizeStatements()
                try? await link.connection.close()
            }
        case .postgres(_, let runner):
            runner.cancel()
        }
    }
}

/// A fixed set of connections handed out one task at a time; waiters queue in order.
actor AsyncPool<Resource: Sendable> {
    private var idle: [Resource]
    private var waiters: [CheckedContinuation<Resource, Never>] = []

    init(_ resources: [Resource]) { idle = resources }

    func acquire() async -> Resource {
        if let r = idle.popLast() { return r }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func release(_ r: Resource) {
        if waiters.isEmpty { idle.append(r) } else { waiters.removeFirst().resume(returning: r) }
    }

    func drain() -> [Resource] {
        defer { idle = [] }
        return idle
    }

    nonisolated func with<T: Sendable>(_ body: (Resource) async throws -> T) async throws -> T {
        let r = await acquire()
        do {
            let v = try await body(r)
            await release(r)
            return v
        } catch {
            await release(r)
            throw error
        }
    }
}
