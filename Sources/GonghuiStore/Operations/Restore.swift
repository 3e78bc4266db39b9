import Foundation
import GonghuiDomain
import Logging
import SQLKit

/// What a restore put back, as `gonghui restore` prints it.
public struct RestoreReport: Sendable, Equatable {
    public var manifest: BackupManifest
    /// Migrations applied after the copy was put back (it was older than this program).
    public var migratedForward: [Int]
    public var counts: [String: Int64]
    public var auditHead: AuditCheckpoint
    public var auditEntries: Int64
    /// Where the key came from, when it was the backup's own key file.
    public var keyWrittenTo: String?
}

/// Restores a backup directory to a new database: nothing is put in place until every check
/// has passed, and nothing is left behind when one fails.
public enum Restore {
    /// Checks, in order: the target does not exist; the manifest reads; the file's size and
    /// SHA-256; the key's fingerprint (the configured key, else the backup's own key file);
    /// SQLite's `integrity_check` (PostgreSQL: `pg_restore` exits cleanly); the schema (migrated
    /// forward when older; refused when newer than this program); the audit chain, verified up
    /// to the manifest's head.
    public static func run(from directory: String, to target: DatabaseLocation, key: KeySettings, logger: Logger = Logger(label: "gonghui.restore")) async throws -> RestoreReport {
        let manifest = try readManifest(directory)
        let file = (directory as NSString).appendingPathComponent(manifest.file)
        let (size, digest) = try FileChecksum.of(file)
        guard size == manifest.size else { throw OperationsError.backupDamaged("文件 \(manifest.file) 大小为 \(size) 字节，清单记录为 \(manifest.size) 字节") }
        guard digest == manifest.sha256 else { throw OperationsError.backupDamaged("文件 \(manifest.file) 的 SHA-256 与清单不符：备份已损坏或被改动") }
        guard manifest.schemaVersion <= Migrations.newest else {
            throw OperationsError.databaseNewer(database: manifest.schemaVersion, program: Migrations.newest)
        }
        // The key: the configured one, or the one the backup carries.
        var keyText: String
        var keyFromBackup = false
        if (key.key ?? "").isEmpty && (key.keyFile ?? "").isEmpty {
            let carried = (directory as NSString).appendingPathComponent(BackupManifest.keyFileName)
            guard manifest.keyIncluded, let text = try? String(contentsOfFile: carried, encoding: .utf8) else {
                throw OperationsError.backupDamaged("未配置加密密钥，备份中也没有密钥文件：请用 --encryption-key-file 给出备份时使用的密钥（指纹 \(manifest.keyFingerprint.prefix(8))…）")
            }
            keyText = text
            keyFromBackup = true
        } else {
            keyText = try key.resolveText(for: .sqlite(path: ":memory:")).0
        }
        let cipher = try FieldCipher(encodedKey: keyText)
        guard cipher.fingerprint == manifest.keyFingerprint else {
            throw OperationsError.backupDamaged("配置的密钥（指纹 \(cipher.fingerprint.prefix(8))…）不是备份所用的密钥（指纹 \(manifest.keyFingerprint.prefix(8))…）")
        }
        keyText = keyText.trimmingCharacters(in: .whitespacesAndNewlines)
        switch (manifest.engine, target) {
        case ("sqlite", .sqlite(let path)):
            return try await restoreSQLite(manifest, file: file, to: path, keyText: keyText, keyFromBackup: keyFromBackup, logger: logger)
        case ("postgres", .postgres(let url)):
            return try await restorePostgres(manifest, file: file, to: url, keyText: keyText, logger: logger)
        default:
            throw OperationsError.restoreTarget("备份来自 \(manifest.engine)，目标 \(target) 是另一种数据库：SQLite 的备份恢复到文件，PostgreSQL 的备份恢复到 postgres:// 地址")
        }
    }

    public static func readManifest(_ directory: String) throws -> BackupManifest {
        let path = (directory as NSString).appendingPathComponent(BackupManifest.fileName)
        guard let data = FileManager.default.contents(atPath: path) else { throw OperationsError.backupUnreadable("找不到 \(path)：这不是 gonghui backup 写出的目录") }
        guard let m = try? JSONDecoder().decode(BackupManifest.self, from: data) else { throw OperationsError.backupUnreadable("\(path) 不是有效的备份清单") }
        guard m.format == BackupManifest.currentFormat else { throw OperationsError.backupUnreadable("备份格式 \(m.format) 无法识别（本程序读 \(BackupManifest.currentFormat)）") }
        return m
    }

    private static func restoreSQLite(_ manifest: BackupManifest, file: String, to path: String, keyText: String, keyFromBackup: Bool, logger: Logger) async throws -> RestoreReport {
        let fm = FileManager.default
        for p in [path, path + "-wal"] where fm.fileExists(atPath: p) {
            throw OperationsError.restoreTarget("\(p) 已存在：恢复只写入新文件，不覆盖现有数据库")
        }
        let keyPath = path + ".key"
        if keyFromBackup && fm.fileExists(atPath: keyPath) { throw OperationsError.restoreTarget("\(keyPath) 已存在") }
        // Checked and migrated under a working name; moved into place only when all is well.
        let work = path + ".restoring"
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: work + suffix) }
        func cleanUp() { for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: work + suffix) } }
        do {
            try fm.copyItem(atPath: file, toPath: work)
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: work)
            let db = try await Database.open(.sqlite(path: work), logger: logger, readers: 1)
            let integrity: [String]
            do {
                integrity = try await db.read { d in try await d.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) } }
                await db.close()
            } catch {
                await db.close()
                throw error
            }
            guard integrity == ["ok"] else { throw OperationsError.backupDamaged("SQLite 完整性检查未通过：\(integrity.prefix(3).joined(separator: "；"))") }
            var report = try await verify(manifest, location: .sqlite(path: work), keyText: keyText, logger: logger)
            for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: work + suffix) }
            try fm.moveItem(atPath: work, toPath: path)
            if keyFromBackup {
                guard fm.createFile(atPath: keyPath, contents: Data((keyText + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw OperationsError.restoreTarget("无法写入 \(keyPath)")
                }
                report.keyWrittenTo = keyPath
            }
            return report
        } catch let e as OperationsError {
            cleanUp()
            throw e
        } catch let e as FieldCipher.KeyError {
            cleanUp()
            throw e
        } catch {
            cleanUp()
            throw OperationsError.restoreFailed(String(describing: error))
        }
    }

    private static func restorePostgres(_ manifest: BackupManifest, file: String, to url: String, keyText: String, logger: Logger) async throws -> RestoreReport {
        let target = try PostgresTarget(url: url)
        guard target.isPlainName else { throw OperationsError.restoreTarget("数据库名 \(target.database) 只能由字母、数字和下划线组成") }
        let restore = try PostgresTools.find("pg_restore")
        let admin = try await Database.open(.postgres(url: target.with(database: "postgres")), logger: logger, readers: 1)
        do {
            let exists = try await admin.read { db in
                try await db.raw("SELECT 1 AS one FROM pg_database WHERE datname = \(bind: target.database)").first() != nil
            }
            if exists { throw OperationsError.restoreTarget("数据库 \(target.database) 已存在：恢复只写入新数据库，不覆盖现有数据库") }
            _ = try await admin.read { db in try await db.raw("CREATE DATABASE \(ident: target.database)").run() }
        } catch {
            await admin.close()
            throw error
        }
        do {
            try await PostgresTools.run(restore, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=\(target.database)", file],
                                        environment: target.environment)
            let report = try await verify(manifest, location: .postgres(url: url), keyText: keyText, logger: logger)
            await admin.close()
            return report
        } catch {
            _ = try? await admin.read { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: target.database) WITH (FORCE)").run() }
            await admin.close()
            if error is OperationsError || error is FieldCipher.KeyError { throw error }
            throw OperationsError.restoreFailed(String(describing: error))
        }
    }

    /// Opens the restored copy the way every command does (migrating it forward), and checks its
    /// chain against the manifest's head and its rows against the manifest's counts.
    private static func verify(_ manifest: BackupManifest, location: DatabaseLocation, keyText: String, logger: Logger) async throws -> RestoreReport {
        let db = try await Database.open(location, logger: logger, readers: 1)
        let before: [Int]
        do {
            before = try await db.appliedMigrations()
            await db.close()
        } catch {
            await db.close()
            throw error
        }
        guard before == manifest.migrations else {
            throw OperationsError.backupDamaged("数据库的迁移记录（\(before.count) 条）与清单（\(manifest.migrations.count) 条）不符")
        }
        let (store, _) = try await Store.open(configuration: StoreConfiguration(location: location, key: KeySettings(key: keyText)), logger: logger)
        do {
            let after = try await store.database.appliedMigrations()
            let verification = try await store.auditLog.verify(against: manifest.auditHead)
            guard verification.ok else { throw OperationsError.backupDamaged("审计日志校验未通过：\(verification.problem ?? "")") }
            let facts = try await store.database.read { db in try await BackupFacts.read(on: db) }
            for table in BackupManifest.countedTables where facts.counts[table] != manifest.counts[table] {
                throw OperationsError.backupDamaged("表 \(table) 有 \(facts.counts[table] ?? 0) 行，清单记录为 \(manifest.counts[table] ?? 0) 行")
            }
            await store.close()
            return RestoreReport(manifest: manifest, migratedForward: after.filter { !before.contains($0) }, counts: facts.counts,
                                 auditHead: AuditCheckpoint(seq: verification.headSeq, hash: verification.headHash, at: manifest.createdAt),
                                 auditEntries: verification.entries, keyWrittenTo: nil)
        } catch {
            await store.close()
            throw error
        }
    }
}
