import Foundation
import GonghuiDomain
import SQLKit

/// One numbered schema change, with its SQL for both engines. `down` is nil where a change cannot
/// be undone without losing data. What the engines spell too differently for the tokens below
/// (triggers) goes in `engineUp`, run after `up`, and `engineDown`, run before `down`.
struct Migration: Sendable {
    let version: Int
    let name: String
    let up: [String]
    let down: [String]?
    var engineUp: [SQLEngine: [String]] = [:]
    var engineDown: [SQLEngine: [String]] = [:]
}

/// The one list of migrations. The DDL is written once with a few tokens for what the engines
/// spell differently:
/// - `{{pk}}`: an auto-assigned 64-bit primary key;
/// - `{{path}}`: a text column compared byte-wise (the materialized tree path is searched by range);
/// - `{{blob}}`: bytes.
enum Migrations {
    static let all: [Migration] = [
        Migration(version: 1, name: "registry", up: [
            """
            CREATE TABLE orgs (
                id {{pk}},
                province_id BIGINT,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                parent_id BIGINT REFERENCES orgs(id),
                kind TEXT NOT NULL,
                path {{path}} NOT NULL,
                depth BIGINT NOT NULL,
                credit_code TEXT,
                region_code TEXT,
                unit_nature TEXT,
                economic_type TEXT,
                industry TEXT,
                employees BIGINT NOT NULL DEFAULT 0,
                women_employees BIGINT NOT NULL DEFAULT 0,
                migrant_employees BIGINT NOT NULL DEFAULT 0,
                founded_on TEXT,
                chair_name TEXT,
                chair_phone_enc TEXT,
                chair_phone_masked TEXT,
                full_time_staff BIGINT NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'active',
                approval TEXT NOT NULL DEFAULT 'approved',
                women_committee BOOLEAN NOT NULL DEFAULT FALSE,
                funds_audit_committee BOOLEAN NOT NULL DEFAULT FALSE,
                workers_congress BOOLEAN NOT NULL DEFAULT FALSE,
                factory_affairs_openness BOOLEAN NOT NULL DEFAULT FALSE,
                labor_protection_committee BOOLEAN NOT NULL DEFAULT FALSE,
                mediation_committee BOOLEAN NOT NULL DEFAULT FALSE,
                merged_into_id BIGINT REFERENCES orgs(id),
                ended_on TEXT,
                version BIGINT NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX orgs_path ON orgs(path)",
            "CREATE INDEX orgs_parent ON orgs(parent_id, name)",
            "CREATE INDEX orgs_name ON orgs(name)",
            "CREATE INDEX orgs_credit_code ON orgs(credit_code)",
            // Dated history of the tree: created, edited, moved, merged, dissolved. A move keeps the
            // old and new parent so a figure can be computed as of a past date.
            """
            CREATE TABLE org_events (
                id {{pk}},
                province_id BIGINT NOT NULL,
                org_id BIGINT NOT NULL REFERENCES orgs(id),
                kind TEXT NOT NULL,
                on_date TEXT NOT NULL,
                from_parent_id BIGINT,
                to_parent_id BIGINT,
                detail TEXT NOT NULL DEFAULT '',
                actor TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX org_events_org ON org_events(org_id, at)",
            // Person-level rows carry their province (root org) from the start, so a nation's
            // data can be distributed by province.
            """
            CREATE TABLE members (
                id {{pk}},
                province_id BIGINT NOT NULL,
                org_id BIGINT NOT NULL REFERENCES orgs(id),
                id_hash TEXT NOT NULL UNIQUE,
                id_enc TEXT NOT NULL,
                id_masked TEXT NOT NULL,
                name TEXT NOT NULL,
                gender TEXT NOT NULL,
                birth_date TEXT NOT NULL,
                phone_hash TEXT,
                phone_enc TEXT,
                phone_masked TEXT,
                ethnicity TEXT,
                education TEXT,
                skill_level TEXT,
                household_type TEXT,
                is_migrant BOOLEAN NOT NULL DEFAULT FALSE,
                employment_type TEXT NOT NULL,
                political_status TEXT,
                workplace TEXT,
                card_number TEXT,
                joined_on TEXT NOT NULL,
                status TEXT NOT NULL,
                status_since TEXT NOT NULL,
                version BIGINT NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX members_org ON members(org_id, status)",
            "CREATE INDEX members_name ON members(name)",
            "CREATE INDEX members_phone ON members(phone_hash)",
            "CREATE INDEX members_card ON members(card_number)",
            // Membership periods: one row per span of (union, status). "Who was a member of X on
            // date D" is a range query here; no history is ever overwritten.
            """
            CREATE TABLE member_periods (
                id {{pk}},
                province_id BIGINT NOT NULL,
                member_id BIGINT NOT NULL REFERENCES members(id),
                org_id BIGINT NOT NULL REFERENCES orgs(id),
                status TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT
            )
            """,
            "CREATE INDEX member_periods_org ON member_periods(org_id, valid_from)",
            "CREATE INDEX member_periods_member ON member_periods(member_id)",
            """
            CREATE TABLE member_events (
                id {{pk}},
                province_id BIGINT NOT NULL,
                member_id BIGINT NOT NULL REFERENCES members(id),
                kind TEXT NOT NULL,
                on_date TEXT NOT NULL,
                org_id BIGINT,
                detail TEXT NOT NULL DEFAULT '',
                actor TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX member_events_member ON member_events(member_id, at)",
            """
            CREATE TABLE transfers (
                id {{pk}},
                province_id BIGINT NOT NULL,
                member_id BIGINT NOT NULL REFERENCES members(id),
                from_org_id BIGINT NOT NULL REFERENCES orgs(id),
                to_org_id BIGINT NOT NULL REFERENCES orgs(id),
                state TEXT NOT NULL,
                outgoing TEXT NOT NULL,
                incoming TEXT NOT NULL,
                requested_on TEXT NOT NULL,
                effective_on TEXT,
                reason TEXT NOT NULL DEFAULT '',
                rejection_reason TEXT,
                requested_by TEXT NOT NULL,
                version BIGINT NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            // At most one transfer in progress per member.
            "CREATE UNIQUE INDEX transfers_open ON transfers(member_id) WHERE state = 'processing'",
            "CREATE INDEX transfers_from ON transfers(from_org_id, state)",
            "CREATE INDEX transfers_to ON transfers(to_org_id, state)",
            """
            CREATE TABLE import_runs (
                id {{pk}},
                kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                file_sha256 TEXT NOT NULL,
                rows_total BIGINT NOT NULL,
                inserted BIGINT NOT NULL,
                updated BIGINT NOT NULL,
                unchanged BIGINT NOT NULL,
                rejected BIGINT NOT NULL,
                actor TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
        ], down: [
            "DROP TABLE import_runs", "DROP TABLE transfers", "DROP TABLE member_events",
            "DROP TABLE member_periods", "DROP TABLE members", "DROP TABLE org_events", "DROP TABLE orgs",
        ]),
        Migration(version: 2, name: "users_and_audit", up: [
            """
            CREATE TABLE users (
                id {{pk}},
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                org_id BIGINT NOT NULL REFERENCES orgs(id),
                failed_logins BIGINT NOT NULL DEFAULT 0,
                locked_until BIGINT NOT NULL DEFAULT 0,
                last_login_at BIGINT,
                disabled BOOLEAN NOT NULL DEFAULT FALSE,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE credentials (
                id {{pk}},
                user_id BIGINT NOT NULL REFERENCES users(id),
                kind TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL DEFAULT '',
                csrf TEXT,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                revoked BOOLEAN NOT NULL DEFAULT FALSE
            )
            """,
            "CREATE INDEX credentials_user ON credentials(user_id)",
            // Append-only, hash-chained: each entry carries the hash of the one before.
            """
            CREATE TABLE audit_log (
                seq BIGINT PRIMARY KEY,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                org_id BIGINT,
                org_path {{path}},
                summary TEXT NOT NULL,
                before_json TEXT,
                after_json TEXT,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_path ON audit_log(org_path, seq)",
            "CREATE TABLE audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')",
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ], down: [
            "DROP TABLE settings", "DROP TABLE audit_head", "DROP TABLE audit_log", "DROP TABLE credentials", "DROP TABLE users",
        ]),
        Migrations.portal,
        Migrations.statistics,
        Migrations.memberTotals,
        Migrations.periodAttributes,
        Migrations.hardship,
        Migrations.programs,
        Migrations.memberSnapshots,
        Migrations.auditHashVersion,
        Migrations.loginAttempts,
        Migrations.accountProposals,
        Migrations.disputes,
        Migrations.disputeImports,
        Migrations.holidayCalendar,
        Migrations.mediationRecords,
        Migrations.notifications,
        Migrations.disputePapers,
        Migrations.guestFilings,
        Migrations.arbitration,
        Migrations.mediators,
        Migrations.grantDuties,
        Migrations.transferKeepsStanding,
        Migrations.memberNameKeys,
        Migrations.paymentDuties,
        Migrations.memberCodeLists,
        Migrations.operations,
        Migrations.warnings,
        Migrations.legalAid,
        Migrations.supervision,
        Migrations.mutualAid,
        Migrations.mutualAidClaims,
        Migrations.loans,
        Migrations.loanFollowUp,
        Migrations.memberCards,
        Migrations.cardMerchants,
    ]

    /// The newest version this program knows.
    static var newest: Int { all.map(\.version).max() ?? 0 }

    static func render(_ sql: String, for engine: SQLEngine) -> String {
        switch engine {
        case .sqlite:
            return sql.replacingOccurrences(of: "{{pk}}", with: "INTEGER PRIMARY KEY")
                .replacingOccurrences(of: "{{path}}", with: "TEXT")
                .replacingOccurrences(of: "{{blob}}", with: "BLOB")
        case .postgres:
            return sql.replacingOccurrences(of: "{{pk}}", with: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                .replacingOccurrences(of: "{{path}}", with: "TEXT COLLATE \"C\"")
                .replacingOccurrences(of: "{{blob}}", with: "BYTEA")
        }
    }
}

extension Database {
    /// Applies every migration not yet applied, each in its own transaction: a statement that
    /// fails leaves the database exactly as it was before that migration. Refuses a database that
    /// a newer program has migrated past what this one knows. Returns the versions applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await migrate(Migrations.all)
    }

    func migrate(_ migrations: [Migration]) async throws -> [Int] {
        let engine = self.engine
        try await write { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)").run()
        }
        // Usually everything is applied already: one read instead of a locked transaction each.
        let present = Set(try await appliedMigrations())
        let known = migrations.map(\.version).max() ?? 0
        if let newest = present.max(), newest > known { throw OperationsError.databaseNewer(database: newest, program: known) }
        if migrations.allSatisfy({ present.contains($0.version) }) { return [] }
        var applied: [Int] = []
        for migration in migrations {
            let done = try await write { db -> Bool in
                // Lock so two processes starting at once do not both migrate (PostgreSQL).
                if engine == .postgres { try await db.raw("LOCK TABLE schema_migrations IN EXCLUSIVE MODE").run() }
                let exists = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").first()
                if exists != nil { return false }
                for statement in migration.up + (migration.engineUp[engine] ?? []) {
                    try await db.raw(SQLQueryString(Migrations.render(statement, for: engine))).run()
                }
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Clock.nowMillis()))").run()
                return true
            }
            if done { applied.append(migration.version) }
        }
        return applied
    }

    /// Undoes the newest migration, where it can be undone.
    public func migrateDown() async throws -> Int? {
        let engine = self.engine
        return try await write { db -> Int? in
            guard let row = try await db.raw("SELECT MAX(version) AS v FROM schema_migrations").first(),
                  let version = try row.decodeNil(column: "v") ? nil : row.decode(column: "v", as: Int.self),
                  let migration = Migrations.all.first(where: { $0.version == version }) else { return nil }
            guard let down = migration.down else { throw StoreError.irreversibleMigration(version) }
            for statement in (migration.engineDown[engine] ?? []) + down { try await db.raw(SQLQueryString(Migrations.render(statement, for: engine))).run() }
            try await db.raw("DELETE FROM schema_migrations WHERE version = \(bind: version)").run()
            return version
        }
    }

    public func appliedMigrations() async throws -> [Int] {
        try await read { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map { try $0.decode(column: "version", as: Int.self) }
        }
    }
}

/// Instants are stored as milliseconds since 1970 UTC in both engines.
public enum Clock {
    public static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
