import Foundation
import GonghuiDomain
import Logging
import SQLKit

/// Setting up and changing the nation's layout (see `NationLayout`).
public enum Nation {
    /// Where one province's rows live.
    public struct Placement: Sendable, Equatable, Codable {
        public let code: String
        public let shard: Int
        /// The province's org id once the province exists on the coordinator.
        public let provinceID: Int64?
        public let readOnly: Bool
        /// A move in progress: its source and target shards and the last step done.
        public let movingFrom: Int?
        public let movingTo: Int?
        public let moveStep: String?
    }

    /// Parses `HB=1,HN=2`.
    public static func parseAssignments(_ text: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, NationLayout.validCode(pieces[0]), let n = Int(pieces[1]), n >= 1,
                  result[pieces[0].uppercased()] == nil else { throw NationError.badAssignment(part) }
            result[pieces[0].uppercased()] = n
        }
        if result.isEmpty { throw NationError.badAssignment(text) }
        return result
    }

    /// Migrates the coordinator, creates every assigned province's tables on its shard, and
    /// turns the coordinator's person-level tables into tables partitioned by province with a
    /// foreign partition per placed province. Rows already there are routed to their shards.
    /// A province created later (its org inserted with no parent) is placed by a trigger.
    @discardableResult
    public static func initialize(coordinator: String, shards: [String], assign: [String: Int], logger: Logger = Logger(label: "gonghui.nation")) async throws -> [Placement] {
        guard !shards.isEmpty else { throw NationError.noShards }
        guard coordinator.hasPrefix("postgres"), shards.allSatisfy({ $0.hasPrefix("postgres") }) else { throw NationError.notPostgres }
        for (code, n) in assign where n > shards.count { throw NationError.unknownShard(code: code, shard: n, shards: shards.count) }
        let servers = try shards.map { try ServerOptions($0) }

        let db = try await Database.open(.postgres(url: coordinator), logger: logger)
        do {
            try await db.migrate()
            if try await isNation(db) { throw NationError.alreadyANation }
            let defs = try await db.read { sql in try await NationLayout.distributed.asyncMap { try await TableDefinition.read($0, on: sql) } }
            // The shards first: a coordinator pointing at tables that do not exist would be worse
            // than shards with tables nobody points at yet (this step is repeatable).
            for (i, url) in shards.enumerated() {
                let codes = assign.filter { $0.value == i + 1 }.keys.sorted()
                try await Database.using(url, logger: logger) { shard in
                    try await shard.write { sql in
                        for code in codes { for def in defs { for s in def.shardDDL(code: code) { try await sql.raw(sqlText(s)).run() } } }
                    }
                }
            }
            try await db.write { sql in
                try await sql.raw("CREATE EXTENSION IF NOT EXISTS postgres_fdw").run()
                for (i, s) in servers.enumerated() {
                    try await sql.raw(sqlText(s.createServer(NationLayout.server(i + 1)))).run()
                    try await sql.raw(sqlText(s.createMapping(NationLayout.server(i + 1)))).run()
                }
                try await sql.raw("CREATE TABLE nation_shards (n BIGINT PRIMARY KEY, server TEXT NOT NULL, url TEXT NOT NULL)").run()
                try await sql.raw("""
                    CREATE TABLE nation_provinces (code TEXT PRIMARY KEY, shard BIGINT NOT NULL REFERENCES nation_shards(n), province_id BIGINT,
                        read_only BOOLEAN NOT NULL DEFAULT FALSE, moving_from BIGINT, moving_to BIGINT, move_step TEXT)
                    """).run()
                try await sql.raw("CREATE TABLE nation_tables (name TEXT PRIMARY KEY, position BIGINT NOT NULL, shard_ddl TEXT NOT NULL)").run()
                for (i, url) in shards.enumerated() {
                    try await sql.raw("INSERT INTO nation_shards (n, server, url) VALUES (\(bind: i + 1), \(bind: NationLayout.server(i + 1)), \(bind: url))").run()
                }
                for (code, n) in assign.sorted(by: { $0.key < $1.key }) {
                    let id = try await sql.raw("SELECT id FROM orgs WHERE code = \(bind: code) AND parent_id IS NULL").first()?.decode(column: "id", as: Int64.self)
                    try await sql.raw("INSERT INTO nation_provinces (code, shard, province_id) VALUES (\(bind: code), \(bind: n), \(bind: id))").run()
                }
                for (position, def) in defs.enumerated() {
                    try await sql.raw("INSERT INTO nation_tables (name, position, shard_ddl) VALUES (\(bind: def.name), \(bind: position), \(bind: def.shardTemplate))").run()
                    try await def.convert(on: sql)
                }
                try await sql.raw(sqlText(placeProvinceFunction)).run()
                try await sql.raw("CREATE TRIGGER nation_place_province AFTER INSERT ON orgs FOR EACH ROW EXECUTE FUNCTION nation_place_province()").run()
                // A national report's GROUP BY runs on every shard and is summed here.
                try await sql.raw("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET enable_partitionwise_aggregate = on', current_database()); END $$").run()
                try await sql.raw("SET LOCAL enable_partitionwise_aggregate = on").run()
            }
            let placements = try await self.placements(db)
            await db.close()
            return placements
        } catch {
            await db.close()
            throw error
        }
    }

    /// Whether `db` is a nation's coordinator.
    static func isNation(_ db: Database) async throws -> Bool {
        guard db.engine == .postgres else { return false }
        return try await db.read { sql in
            try await sql.raw("SELECT to_regclass('public.nation_provinces') IS NOT NULL AS yes").first()?.decode(column: "yes", as: Bool.self) ?? false
        }
    }

    /// Every province's placement, by code.
    public static func placements(_ db: Database) async throws -> [Placement] {
        guard try await isNation(db) else { throw NationError.notANation }
        return try await db.read { sql in
            try await sql.raw("SELECT code, shard, province_id, read_only, moving_from, moving_to, move_step FROM nation_provinces ORDER BY code").all().map {
                Placement(code: try $0.decode(column: "code", as: String.self), shard: try $0.decode(column: "shard", as: Int.self),
                          provinceID: try $0.decode(column: "province_id", as: Int64?.self), readOnly: try $0.decode(column: "read_only", as: Bool.self),
                          movingFrom: try $0.decode(column: "moving_from", as: Int?.self), movingTo: try $0.decode(column: "moving_to", as: Int?.self), moveStep: try $0.decode(column: "move_step", as: String?.self))
            }
        }
    }

    /// Places a province created after `initialize`: one foreign partition per distributed table,
    /// on its assigned shard, in the same transaction as the province's org.
    static let placeProvinceFunction = """
        CREATE OR REPLACE FUNCTION nation_place_province() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE
            p record;
            t text;
        BEGIN
            IF NEW.parent_id IS NULL THEN
                SELECT * INTO p FROM nation_provinces WHERE code = NEW.code;
                IF FOUND AND p.province_id IS NULL THEN
                    FOR t IN SELECT name FROM nation_tables ORDER BY position LOOP
                        EXECUTE format('CREATE FOREIGN TABLE %I PARTITION OF %I FOR VALUES IN (%s) SERVER %I OPTIONS (table_name %L)',
                                       t || '_' || lower(NEW.code), t, NEW.id, 'shard' || p.shard, t || '_' || lower(NEW.code));
                    END LOOP;
                    UPDATE nation_provinces SET province_id = NEW.id WHERE code = NEW.code;
                END IF;
            END IF;
            RETURN NULL;
        END
        $body$
        """
}

/// A foreign server's connection options, from a postgres:// URL.
struct ServerOptions {
    let host: String
    let port: Int
    let dbname: String
    let user: String
    let password: String?

    init(_ url: String) throws {
        guard let c = URLComponents(string: url), let host = c.host, !host.isEmpty else { throw DatabaseError.badURL(url) }
        self.host = host
        port = c.port ?? 5432
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        dbname = path.isEmpty ? "postgres" : path
        user = c.user ?? "postgres"
        password = c.password
    }

    func createServer(_ name: String) -> String {
        // async_capable: the shards of a national query work at once; fetch_size and batch_size
        // move rows in large round trips.
        "CREATE SERVER \(name) FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host \(literal(host)), port '\(port)', dbname \(literal(dbname)), "
            + "async_capable 'true', fetch_size '10000', batch_size '1000', extensions 'postgres_fdw')"
    }

    func createMapping(_ server: String) -> String {
        "CREATE USER MAPPING FOR PUBLIC SERVER \(server) OPTIONS (user \(literal(user))" + (password.map { ", password \(literal($0))" } ?? "") + ")"
    }
}

/// A SQL string literal.
func literal(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

/// A quoted SQL identifier.
func ident(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for e in self { out.append(try await transform(e)) }
        return out
    }
}

extension Nation {
    /// The placements, read from a coordinator by URL.
    public static func status(coordinator url: String) async throws -> [Placement] {
        try await Database.using(url) { db in try await placements(db) }
    }
}

extension Nation {
    /// `url` naming database `name` instead of its own.
    public static func url(_ url: String, database name: String) -> String {
        guard var c = URLComponents(string: url) else { return url }
        c.path = "/" + name
        return c.string ?? url
    }

    /// Creates an empty database `name` on each server (given by any database URL on it): a new
    /// deployment's shards, or a test's.
    public static func createDatabase(_ name: String, on servers: [String]) async throws {
        for server in servers {
            try await Database.using(server) { admin in
                try await admin.read { sql in try await sql.raw(sqlText("CREATE DATABASE \(ident(name))")).run() }
            }
        }
    }

    /// Drops database `name` on each server, ending its sessions; errors are ignored.
    public static func dropDatabase(_ name: String, on servers: [String]) async {
        for server in servers {
            guard let admin = try? await Database.open(.postgres(url: server)) else { continue }
            _ = try? await admin.read { sql in try await sql.raw(sqlText("DROP DATABASE IF EXISTS \(ident(name)) WITH (FORCE)")).run() }
            await admin.close()
        }
    }
}

extension Nation {
    /// A province placed on a shard, by org id and code.
    struct Province: Sendable, Hashable {
        let id: Int64
        let code: String
    }

    /// The placed provinces that hold no member yet: a bulk load into them may take the empty
    /// registry's path, one province at a time or several at once.
    static func emptyProvinces(on db: any SQLDatabase) async throws -> [Province] {
        var out: [Province] = []
        let placed = try await db.raw("SELECT code, province_id FROM nation_provinces WHERE province_id IS NOT NULL AND NOT read_only ORDER BY code").all()
        for row in placed {
            let p = Province(id: try row.decode(column: "province_id", as: Int64.self), code: try row.decode(column: "code", as: String.self))
            if try await db.raw("SELECT 1 AS n FROM members WHERE province_id = \(bind: p.id) LIMIT 1").first() == nil { out.append(p) }
        }
        return out
    }
}

extension Database {
    /// Opens the PostgreSQL database at `url`, runs `body` with it, and closes it whether the
    /// body returns or throws: the nation's short visits to a coordinator or a shard.
    static func using<T: Sendable>(_ url: String, logger: Logger = Logger(label: "gonghui.nation"), _ body: (Database) async throws -> T) async throws -> T {
        let db = try await Database.open(.postgres(url: url), logger: logger)
        do {
            let value = try await body(db)
            await db.close()
            return value
        } catch {
            await db.close()
            throw error
        }
    }
}
