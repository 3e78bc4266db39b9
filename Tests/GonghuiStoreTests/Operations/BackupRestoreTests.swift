import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Synchronization
import Testing

/// Backups taken while the platform writes, restored into new databases and checked the way an
/// operator would: by breaking the copy, the key and the target.
@Suite("Backup and restore")
struct BackupRestoreTests {
    /// The restore drill: a task registers members and files grants while the backup runs; every
    /// row committed before the backup began is in the restored database, its counts are the
    /// manifest's, and its audit chain verifies up to the manifest's head.
    @Test(arguments: Engines.all)
    func restoreDrillWhileWriting(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (members, _) = try await OperationsFixtures.populate(t.store)
            if engine == .postgres, NationTest.shards != nil {
                // A nation is backed up instance by instance; the command refuses, saying so.
                await #expect(throws: NationError.backupPerInstance) { _ = try await t.store.backup(to: OperationsFixtures.temporaryDirectory(), actor: system) }
                return
            }
            let a = t.store.assistance
            let cycle = try await a.openCycle(programCode: "SNW", name: "演练批次", startsOn: AssistanceServiceTests.start, endsOn: AssistanceServiceTests.end,
                                              rules: nil, budget: Money(yuan: 100_000), ownerOrgCode: "HB", actor: system)
            let county = try await SmallTree.actor(t.store, org: "XL", role: .reviewer)
            let committedMembers = Mutex<[Int64]>([]), committedGrants = Mutex<[Int64]>([])
            let stop = Atomic<Bool>(false)
            let failure = Mutex<String?>(nil)
            let store = t.store
            let writer = Task {
                var i = 0
                do {
                // Until told to stop (the bound only guards a test gone wrong): however fast this
                // machine is, it is still writing when the backup begins.
                while !stop.load(ordering: .acquiring) && i < 100_000 {
                    let m = try await SmallTree.member(store, id: idNumber("420502" + String(format: "%04d%02d%02d%03d", 1960 + i / 336 % 40, 1 + i / 28 % 12, 1 + i % 28, i / 13_440 % 1000)), name: "演练\(i)", org: "XL02")
                    committedMembers.withLock { $0.append(m.id) }
                    // The archived member: a grant, rejected so the next one may be filed.
                    let g = try await a.apply(cycleID: cycle.id, memberID: members[0].id, declaration: .init(), actor: system)
                    committedGrants.withLock { $0.append(g.id) }
                    _ = try await a.decide(grantID: g.id, .reject(reason: "演练"), actor: county)
                    i += 1
                }
                } catch {
                    failure.withLock { $0 = String(describing: error) }
                }
            }
            // Some writes land first, then the backup runs while the writer goes on.
            while committedMembers.withLock({ $0.count }) < 5 {
                if let f = failure.withLock({ $0 }) { Issue.record("the writer failed: \(f)"); return }
                try await Task.sleep(for: .milliseconds(20))
            }
            let membersBefore = committedMembers.withLock { $0 }, grantsBefore = committedGrants.withLock { $0 }
            let dir = OperationsFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let manifest = try await t.store.backup(to: dir, actor: system)
            // The writer goes on past the backup's start: at least one member more before it stops.
            while committedMembers.withLock({ $0.count }) <= membersBefore.count && failure.withLock({ $0 }) == nil {
                try await Task.sleep(for: .milliseconds(10))
            }
            stop.store(true, ordering: .releasing)
            await writer.value
            #expect(failure.withLock { $0 } == nil)
            let membersAfter = committedMembers.withLock { $0.count }
            #expect(membersAfter > membersBefore.count, "the writer went on after the backup began")
            #expect(manifest.keyFingerprint == t.store.cipher.fingerprint && manifest.schemaVersion == Migrations.newest && !manifest.keyIncluded)
            #expect(manifest.counts["members"]! >= Int64(6 + membersBefore.count))

            let (target, cleanup) = try await OperationsFixtures.freshTarget(engine)
            do {
                let report = try await Restore.run(from: dir, to: target, key: KeySettings(key: try Self.keyText(t.store)))
                #expect(report.counts == manifest.counts && report.auditHead.seq == manifest.auditHead.seq && report.auditHead.hash == manifest.auditHead.hash)
                #expect(report.migratedForward.isEmpty)
                let (restored, _) = try await Store.open(configuration: StoreConfiguration(location: target, key: KeySettings(key: try Self.keyText(t.store))))
                let (foundMembers, foundGrants) = try await restored.database.read { db in
                    (Set(try await db.raw("SELECT id FROM members").all().map { try $0.decode(column: "id", as: Int64.self) }),
                     Set(try await db.raw("SELECT id FROM grants").all().map { try $0.decode(column: "id", as: Int64.self) }))
                }
                #expect(Set(membersBefore).isSubset(of: foundMembers) && Set(grantsBefore).isSubset(of: foundGrants))
                #expect(foundMembers.count == Int(manifest.counts["members"]!))
                // A sealed identifier opens and is found by its index in the copy.
                let found = try await restored.members.lookup(idNumber: try IDNumber(idNumber("42050219800101002")), actor: system)
                #expect(found.name == "职工0")
                #expect(try await restored.auditLog.verify(against: manifest.auditHead).ok)
                await restored.close()
                // The same target again: refused, and what is there is untouched.
                await #expect(throws: OperationsError.self) { _ = try await Restore.run(from: dir, to: target, key: KeySettings(key: try Self.keyText(t.store))) }
            } catch {
                await cleanup()
                throw error
            }
            await cleanup()
        }
    }

    /// A copy that was changed, a wrong key, a missing key: each refused with its reason, and no
    /// database left where the restore was to go.
    @Test(arguments: Engines.all)
    func damagedCopiesAndWrongKeysAreRefused(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await OperationsFixtures.populate(t.store)
            if engine == .postgres, NationTest.shards != nil {
                // A nation is backed up instance by instance; the command refuses, saying so.
                await #expect(throws: NationError.backupPerInstance) { _ = try await t.store.backup(to: OperationsFixtures.temporaryDirectory(), actor: system) }
                return
            }
            let dir = OperationsFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let manifest = try await t.store.backup(to: dir, actor: system)
            let key = try Self.keyText(t.store)
            try await Self.withTarget(engine) { target in
            // Another key.
            do {
                _ = try await Restore.run(from: dir, to: target, key: KeySettings(key: FieldCipher.generateEncodedKey()))
                Issue.record("restored with another key")
            } catch let e as OperationsError { #expect(e.message.contains(manifest.keyFingerprint.prefix(8))) }
            // No key configured and none in the backup.
            await #expect(throws: OperationsError.self) { _ = try await Restore.run(from: dir, to: target, key: KeySettings()) }
            // One byte changed in the middle of the data file.
            let file = (dir as NSString).appendingPathComponent(manifest.file)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            bytes[bytes.count / 2] ^= 0xFF
            try bytes.write(to: URL(fileURLWithPath: file))
            do {
                _ = try await Restore.run(from: dir, to: target, key: KeySettings(key: key))
                Issue.record("restored a changed copy")
            } catch let e as OperationsError { #expect(e.message.contains("SHA-256")) }
            if case .sqlite(let path) = target { #expect(!FileManager.default.fileExists(atPath: path) && !FileManager.default.fileExists(atPath: path + ".restoring")) }
            // A backup into a directory that holds something is refused before anything is written.
            await #expect(throws: OperationsError.self) { _ = try await t.store.backup(to: dir, actor: system) }
            }
        }
    }

    /// A copy whose SHA-256 is right but whose pages are not (changed, and the manifest changed
    /// to match): SQLite's integrity check or the audit chain refuses it.
    @Test func aCopyDamagedWithItsManifestFailsTheIntegrityOrChainCheck() async throws {
        try await withStore(.sqlite) { t in
            try await OperationsFixtures.populate(t.store)
            let dir = OperationsFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            var manifest = try await t.store.backup(to: dir, actor: system)
            // An audit entry's summary rewritten in the copy, its checksum made to agree.
            let file = (dir as NSString).appendingPathComponent(manifest.file)
            let copy = try await Database.open(.sqlite(path: file))
            try await copy.write { db in try await db.raw("UPDATE audit_log SET summary = '改写' WHERE seq = 3").run() }
            await copy.close()
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            (manifest.size, manifest.sha256) = try FileChecksum.of(file)
            try JSONEncoder().encode(manifest).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(BackupManifest.fileName)))
            try await Self.withTarget(.sqlite) { target in
            do {
                _ = try await Restore.run(from: dir, to: target, key: KeySettings(key: try Self.keyText(t.store)))
                Issue.record("restored a copy with a rewritten audit entry")
            } catch let e as OperationsError { #expect(e.message.contains("第 3 条")) }
            if case .sqlite(let path) = target { #expect(!FileManager.default.fileExists(atPath: path)) }
            }
        }
    }

    /// A backup made before the newest migration is restored and migrated forward; one that
    /// carries its key restores without a configured key and writes the key beside the file.
    @Test func anOlderBackupIsMigratedForwardAndACarriedKeyIsUsed() async throws {
        try await withStore(.sqlite) { t in
            try await OperationsFixtures.populate(t.store)
            #expect(try await t.store.database.migrateDown() == Migrations.newest)
            let dir = OperationsFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let key = try Self.keyText(t.store)
            let manifest = try await t.store.backup(to: dir, keyText: key, actor: system)
            #expect(manifest.keyIncluded && manifest.schemaVersion == Migrations.newest - 1)
            #expect(FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent(BackupManifest.keyFileName)))
            try await Self.withTarget(.sqlite) { target in
            let report = try await Restore.run(from: dir, to: target, key: KeySettings())
            #expect(report.migratedForward == [Migrations.newest])
            guard case .sqlite(let path) = target else { return }
            #expect(report.keyWrittenTo == path + ".key")
            let (restored, _) = try await Store.open(configuration: StoreConfiguration(location: target))
            #expect(try await restored.database.appliedMigrations().last == Migrations.newest)
            await restored.close()
            }
        }
    }

    /// The daily backup keeps the newest `keep` directories and removes only its own.
    @Test func scheduledBackupsKeepTheNewest() async throws {
        try await withStore(.sqlite) { t in
            try await SmallTree.build(t.store)
            let root = OperationsFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            try FileManager.default.createDirectory(atPath: root + "/gonghui-notes", withIntermediateDirectories: true)
            var made: [String] = []
            for day in 0..<4 {
                let (_, dir, _) = try await t.store.scheduledBackup(root: root, keep: 2, now: Date(timeIntervalSince1970: 1_796_000_000 + Double(day) * 86_400))
                made.append(dir)
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
            #expect(left == (["gonghui-notes"] + made.suffix(2).map { ($0 as NSString).lastPathComponent }).sorted())
            let last = try await t.store.lastBackup()
            #expect(last?.directory == made.last && last?.trigger == "schedule" && (last?.size ?? 0) > 0)
        }
    }

    /// Runs `body` with a fresh restore target, removed afterwards whatever happens.
    static func withTarget(_ engine: SQLEngine, _ body: (DatabaseLocation) async throws -> Void) async throws {
        let (target, cleanup) = try await OperationsFixtures.freshTarget(engine)
        do {
            try await body(target)
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
    }

    static func keyText(_ store: Store) throws -> String {
        // The tests' stores are opened with a key given as text; the fixture keeps it nowhere
        // else, so it is read back from the store's own configuration of the cipher.
        guard let key = TestKeys.text(for: store.cipher.fingerprint) else { throw OperationsError.tool("test key unknown") }
        return key
    }
}
