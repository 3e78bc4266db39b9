import Crypto
import Foundation
import GonghuiDomain
import PostgresNIO
import SQLKit

/// What a backup directory says of itself (`manifest.json`): enough to check, before anything
/// is restored, that the copy is whole, which key opens it and where its audit chain ended.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let currentFormat = "gonghui-backup/1"

    public var format: String
    /// `sqlite` (a consistent copy of the file) or `postgres` (pg_dump's custom format).
    public var engine: String
    /// Milliseconds since 1970 UTC: when the copy's snapshot was taken.
    public var createdAt: Int64
    /// The data file, in the same directory.
    public var file: String
    public var size: Int64
    public var sha256: String
    /// The newest migration applied, and all of them.
    public var schemaVersion: Int
    public var migrations: [Int]
    /// The encryption key's fingerprint (never the key): a restore checks the configured key against it.
    public var keyFingerprint: String
    /// The audit chain's head in the copy: a restore verifies the chain up to it.
    public var auditHead: AuditCheckpoint
    /// Rows of the main tables in the copy, by table.
    public var counts: [String: Int64]
    /// Whether the key file (`gonghui.key`) lies in the same directory (`--with-key`).
    public var keyIncluded: Bool
    /// `command` (gonghui backup) or `schedule` (the server's daily backup).
    public var trigger: String

    enum CodingKeys: String, CodingKey {
        case format, engine, file, size, sha256, migrations, counts, trigger
        case createdAt = "created_at", schemaVersion = "schema_version", keyFingerprint = "key_fingerprint"
        case auditHead = "audit_head", keyIncluded = "key_included"
    }

    public static let fileName = "manifest.json"
    public static let keyFileName = "gonghui.key"
    /// The tables a manifest counts and a restore reports, in this order.
    public static let countedTables = ["orgs", "members", "hardship_archives", "grants", "dispute_cases", "users"]
}

/// The last backup the database knows of (`settings` row `backup.last`), shown on the system page
/// and in `/metrics`.
public struct BackupRecord: Codable, Sendable, Equatable {
    public var at: Int64
    public var size: Int64
    public var directory: String
    public var trigger: String
}

extension Store {
    static let lastBackupSetting = "backup.last"

    /// A consistent copy of the database in `directory` (created; it must not exist or must be
    /// empty), taken while the server runs and writes: SQLite's `VACUUM INTO`, which reads one
    /// snapshot, or `pg_dump` in its custom format on an exported snapshot that the manifest's
    /// figures are read in too. The key goes along only when `keyText` is given.
    @discardableResult
    public func backup(to directory: String, keyText: String? = nil, trigger: String = "command", actor: Actor) async throws -> BackupManifest {
        try KeyRotationGuard.check(try await database.read { db in try await KeyRotation.state(on: db) })
        if try await Nation.isNation(database) { throw NationError.backupPerInstance }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OperationsError.backupTarget("\(directory) 已存在且不是目录") }
            guard (try? fm.contentsOfDirectory(atPath: directory))?.isEmpty ?? false else { throw OperationsError.backupTarget("目录 \(directory) 不是空的：每次备份请用新目录") }
        }
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OperationsError.backupTarget("无法创建目录 \(directory)：\(error.localizedDescription)")
        }
        var manifest: BackupManifest
        do {
            switch database.location {
            case .sqlite:
                manifest = try await backupSQLite(into: directory)
            case .postgres(let url):
                manifest = try await backupPostgres(url: url, into: directory)
            }
            manifest.trigger = trigger
            if let keyText {
                let keyPath = (directory as NSString).appendingPathComponent(BackupManifest.keyFileName)
                guard fm.createFile(atPath: keyPath, contents: Data((keyText.trimmingCharacters(in: .whitespacesAndNewlines) + "\n").utf8),
                                    attributes: [.posixPermissions: 0o600]) else { throw OperationsError.backupTarget("无法写入 \(keyPath)") }
                manifest.keyIncluded = true
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let manifestPath = (directory as NSString).appendingPathComponent(BackupManifest.fileName)
            guard fm.createFile(atPath: manifestPath, contents: try encoder.encode(manifest), attributes: [.posixPermissions: 0o600]) else {
                throw OperationsError.backupTarget("无法写入 \(manifestPath)")
            }
        } catch {
            // A failed backup leaves no directory that looks like a backup.
            try? fm.removeItem(atPath: directory)
            throw error
        }
        let record = BackupRecord(at: manifest.createdAt, size: manifest.size, directory: directory, trigger: trigger)
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        let audit = self.audit
        try await database.write { db in
            try await db.raw("DELETE FROM settings WHERE key = \(bind: Self.lastBackupSetting)").run()
            try await db.raw("INSERT INTO settings (key, value) VALUES (\(bind: Self.lastBackupSetting), \(bind: json))").run()
            try await audit.append(.init(action: "system.backup", entity: "database", entityID: manifest.sha256.prefix(16).description, orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "备份数据库到 \(directory)（\(manifest.size) 字节，审计日志至第 \(manifest.auditHead.seq) 条\(manifest.keyIncluded ? "，含密钥文件" : "")）"),
                                   actor: actor, on: db)
        }
        return manifest
    }

    /// The last backup recorded, if any.
    public func lastBackup() async throws -> BackupRecord? {
        try await database.read { db in
            guard let row = try await db.raw("SELECT value FROM settings WHERE key = \(bind: Self.lastBackupSetting)").first() else { return nil }
            return try? JSONDecoder().decode(BackupRecord.self, from: Data(try row.decode(column: "value", as: String.self).utf8))
        }
    }

    private func backupSQLite(into directory: String) async throws -> BackupManifest {
        let file = (directory as NSString).appendingPathComponent("gonghui.sqlite")
        let taken = Clock.nowMillis()
        // One read transaction: the copy holds every commit before it began and none after.
        try await database.read { db in try await db.raw("VACUUM INTO \(bind: file)").run() }
        // The figures are read from the copy itself, so they describe exactly what it holds.
        let copy = try await Database.open(.sqlite(path: file), logger: database.logger, readers: 1)
        let facts: BackupFacts
        do {
            facts = try await copy.read { db in try await BackupFacts.read(on: db) }
            await copy.close()
        } catch {
            await copy.close()
            throw error
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        // The copy holds what the database holds: only its owner reads it.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        return try facts.manifest(engine: "sqlite", file: file, createdAt: taken)
    }

    private func backupPostgres(url: String, into directory: String) async throws -> BackupManifest {
        let file = (directory as NSString).appendingPathComponent("gonghui.dump")
        let target = try PostgresTarget(url: url)
        let dump = try PostgresTools.find("pg_dump")
        let logger = database.logger
        return try await database.withPostgresConnection { conn in
            // The snapshot pg_dump copies is the one the figures are read in.
            try await conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                let taken = Clock.nowMillis()
                let sql = conn.sql()
                guard let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS s").first()?.decode(column: "s", as: String.self) else {
                    throw OperationsError.tool("PostgreSQL 未给出快照")
                }
                let facts = try await BackupFacts.read(on: sql)
                try await PostgresTools.run(dump, ["--format=custom", "--no-owner", "--no-privileges", "--snapshot=\(snapshot)", "--file=\(file)"],
                                            environment: target.environment)
                try await conn.query("COMMIT", logger: logger)
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
                return try facts.manifest(engine: "postgres", file: file, createdAt: taken)
            } catch {
                _ = try? await conn.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}

/// The figures a manifest records, read in one snapshot.
struct BackupFacts {
    var migrations: [Int]
    var fingerprint: String
    var head: AuditCheckpoint
    var counts: [String: Int64]

    static func read(on db: any SQLDatabase) async throws -> BackupFacts {
        let migrations = try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map { try $0.decode(column: "version", as: Int.self) }
        let fingerprint = try await db.raw("SELECT value FROM settings WHERE key = 'key_fingerprint'").first()?.decode(column: "value", as: String.self) ?? ""
        let head = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first()
        var counts: [String: Int64] = [:]
        for table in BackupManifest.countedTables {
            counts[table] = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int64.self) ?? 0
        }
        return BackupFacts(migrations: migrations, fingerprint: fingerprint,
                           head: AuditCheckpoint(seq: try head?.decode(column: "seq", as: Int64.self) ?? 0,
                                                 hash: try head?.decode(column: "hash", as: String.self) ?? AuditCheckpoint.genesis, at: Clock.nowMillis()),
                           counts: counts)
    }

    func manifest(engine: String, file: String, createdAt: Int64) throws -> BackupManifest {
        let (size, digest) = try FileChecksum.of(file)
        return BackupManifest(format: BackupManifest.currentFormat, engine: engine, createdAt: createdAt, file: (file as NSString).lastPathComponent,
                              size: size, sha256: digest, schemaVersion: migrations.max() ?? 0, migrations: migrations, keyFingerprint: fingerprint,
                              auditHead: AuditCheckpoint(seq: head.seq, hash: head.hash, at: createdAt), counts: counts, keyIncluded: false, trigger: "command")
    }
}

/// A file's size and SHA-256, read in 1 MiB pieces.
enum FileChecksum {
    static func of(_ path: String) throws -> (Int64, String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OperationsError.backupUnreadable("无法打开 \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (size, Data(hasher.finalize()).hexString)
    }
}

/// Refuses a backup of a database whose key rotation is half done.
enum KeyRotationGuard {
    static func check(_ state: KeyRotation.State?) throws {
        guard let state else { return }
        throw OperationsError.rotationInProgress(done: "第 \(state.step + 1)/\(KeyRotation.steps.count) 步：\(KeyRotation.describe(state.step))")
    }
}

extension Store {
    /// The daily backup: a new directory `gonghui-YYYYMMDD-HHMMSS` (China's time) under `root`,
    /// then the oldest backups there beyond `keep` removed. Only directories this makes (the
    /// name, with a manifest inside) are ever removed.
    public func scheduledBackup(root: String, keep: Int, now: Date = Date()) async throws -> (manifest: BackupManifest, directory: String, removed: [String]) {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let directory = (root as NSString).appendingPathComponent("gonghui-" + formatter.string(from: now))
        let manifest = try await backup(to: directory, trigger: "schedule", actor: .system("backup"))
        let kept = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { name in
            name.hasPrefix("gonghui-") && fm.fileExists(atPath: (root as NSString).appendingPathComponent(name + "/" + BackupManifest.fileName))
        }.sorted()
        var removed: [String] = []
        for name in kept.dropLast(max(1, keep)) {
            let path = (root as NSString).appendingPathComponent(name)
            if (try? fm.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return (manifest, directory, removed)
    }
}
