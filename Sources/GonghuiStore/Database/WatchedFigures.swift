import Foundation
import GonghuiDomain
import SQLKit

/// Whether the database can serve requests: it answers, and its schema is the one this build
/// expects (a server started against a database another version migrated, or one a
/// `gonghui migrate --down` rolled back, must not take traffic).
public struct Readiness: Sendable, Equatable {
    /// The newest migration applied to the database; nil when none is.
    public var appliedVersion: Int?
    /// The newest migration this build knows.
    public var expectedVersion: Int

    public var isCurrent: Bool { appliedVersion == expectedVersion }
}

/// Figures a monitoring system follows over time, computed on request from the whole database
/// (system-wide, no scope: they are counts, never a person): one aggregate each.
public struct WatchedFigures: Sendable, Equatable {
    /// Entries in the audit chain (`audit_head.seq`).
    public var auditChainLength: Int64
    /// Hardship archives by stage; every stage is present, with 0 when none is in it.
    public var archivesByStage: [HardshipArchiveStage: Int]
    /// Assistance grants by state; every state is present.
    public var grantsByState: [GrantState: Int]
    /// The last backup recorded (`gonghui backup` or the daily one); nil when none was made.
    public var lastBackup: BackupRecord? = nil
}

extension Database {
    /// The newest migration of this build.
    public static var newestMigration: Int { Migrations.all.map(\.version).max() ?? 0 }

    /// Asks the database (`SELECT 1`, then the newest applied migration). Throws when it
    /// cannot be reached.
    public func readiness() async throws -> Readiness {
        try await read { db in
            _ = try await db.raw("SELECT 1 AS one").first()
            let row = try await db.raw("SELECT MAX(version) AS v FROM schema_migrations").first()
            let applied = try row.flatMap { try $0.decodeNil(column: "v") ? nil : $0.decode(column: "v", as: Int.self) }
            return Readiness(appliedVersion: applied, expectedVersion: Self.newestMigration)
        }
    }
}

extension Store {
    /// The audit chain's length, hardship archives per stage and grants per state. Each is
    /// one indexed aggregate (`hardship_archives(stage, …)`, `grants(…, state)`), cheap enough
    /// for every scrape of `/metrics`.
    public func watchedFigures() async throws -> WatchedFigures {
        try await database.read { db in
            let seq = try await db.raw("SELECT seq FROM audit_head WHERE id = 1").first()?.decode(column: "seq", as: Int64.self) ?? 0
            var stages = Dictionary(uniqueKeysWithValues: HardshipArchiveStage.allCases.map { ($0, 0) })
            for row in try await db.raw("SELECT stage, COUNT(*) AS n FROM hardship_archives GROUP BY stage").all() {
                if let stage = HardshipArchiveStage(rawValue: try row.decode(column: "stage", as: String.self)) {
                    stages[stage] = try row.decode(column: "n", as: Int.self)
                }
            }
            var states = Dictionary(uniqueKeysWithValues: GrantState.allCases.map { ($0, 0) })
            for row in try await db.raw("SELECT state, COUNT(*) AS n FROM grants GROUP BY state").all() {
                if let state = GrantState(rawValue: try row.decode(column: "state", as: String.self)) {
                    states[state] = try row.decode(column: "n", as: Int.self)
                }
            }
            let backup = try await db.raw("SELECT value FROM settings WHERE key = \(bind: Self.lastBackupSetting)").first()
                .flatMap { try? JSONDecoder().decode(BackupRecord.self, from: Data(try $0.decode(column: "value", as: String.self).utf8)) }
            return WatchedFigures(auditChainLength: seq, archivesByStage: stages, grantsByState: states, lastBackup: backup)
        }
    }
}
