import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// What the hash chain and its checkpoints catch when someone with write access to the database
/// (but not the key, nor the checkpoint file) edits the audit log behind the application's back.
@Suite("Audit chain")
struct AuditChainTests {
    /// A fresh checkpoint file path in its own directory, removed after `body`.
    func withCheckpointFile(_ body: (String) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await body(dir.appendingPathComponent("audit.checkpoints").path)
    }

    func run(_ t: TestStore, _ sql: SQLQueryString) async throws {
        try await t.store.database.write { db in try await db.raw(sql).run() }
    }

    func hash(_ t: TestStore, at seq: Int64) async throws -> String {
        try await t.store.database.read { db in
            try await db.raw("SELECT hash FROM audit_log WHERE seq = \(bind: seq)").first()!.decode(column: "hash", as: String.self)
        }
    }

    func org(_ t: TestStore, _ code: String, parent: String = "JA") async throws {
        _ = try await t.store.orgs.create(OrganizationDraft(code: code, name: "\(code)工会", parentCode: parent, kind: .grassroots),
                                          on: CivilDate(year: 2020, month: 1, day: 1)!, actor: system)
    }

    /// The newest entries deleted and the head moved back to the entry before them: the chain
    /// alone is consistent, the checkpoint taken before is not.
    @Test(arguments: Engines.all)
    func truncatedTailIsCaughtByTheCheckpoint(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await withCheckpointFile { file in
            try await SmallTree.build(t.store) // entries 1…9
            let checkpoint = try await t.store.auditLog.checkpoint(to: file)
            #expect(checkpoint.seq == 9)
            #expect(checkpoint.hash == (try await hash(t, at: 9)))
            #expect(try AuditLog.lastCheckpoint(in: file) == checkpoint)

            try await run(t, "DELETE FROM audit_log WHERE seq > 7")
            try await run(t, "UPDATE audit_head SET seq = 7, hash = (SELECT hash FROM audit_log WHERE seq = 7) WHERE id = 1")

            // What the chain cannot see by itself.
            let plain = try await t.store.auditLog.verify()
            #expect(plain.ok)
            #expect(plain.headSeq == 7)
            let anchored = try await t.store.auditLog.verify(against: AuditLog.lastCheckpoint(in: file))
            #expect(!anchored.ok)
            #expect(anchored.firstBadSeq == 8)
            #expect(anchored.problem?.contains("第 9 条") == true)
            #expect(anchored.checkpoint == checkpoint)

            // No new checkpoint past the truncation: it would hide it from the next verify.
            await #expect(throws: AuditCheckpointError.self) { _ = try await t.store.auditLog.checkpoint(to: file) }
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 1)
        }
        }
    }

    /// Truncated, then written on: the log is as long as the checkpoint again, but holds another
    /// entry at its seq.
    @Test(arguments: Engines.all)
    func truncatedAndRewrittenTailIsCaughtByTheCheckpoint(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await withCheckpointFile { file in
            try await SmallTree.build(t.store)
            let checkpoint = try await t.store.auditLog.checkpoint(to: file)
            try await run(t, "DELETE FROM audit_log WHERE seq > 7")
            try await run(t, "UPDATE audit_head SET seq = 7, hash = (SELECT hash FROM audit_log WHERE seq = 7) WHERE id = 1")
            for code in ["N1", "N2", "N3"] { try await org(t, code) } // entries 8…10 again

            #expect(try await t.store.auditLog.verify().ok)
            let anchored = try await t.store.auditLog.verify(against: checkpoint)
            #expect(!anchored.ok)
            #expect(anchored.firstBadSeq == 9)
            #expect(anchored.problem?.contains("第 9 条") == true)
            await #expect(throws: AuditCheckpointError.self) { _ = try await t.store.auditLog.checkpoint(to: file) }
        }
        }
    }

    /// `org_path` decides who may read an entry; it is covered by the hash like every column.
    @Test(arguments: Engines.all)
    func changedOrgPathIsCaught(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            #expect(try await t.store.auditLog.verify().ok)
            try await run(t, "UPDATE audit_log SET org_path = '/0/' WHERE seq = 4")
            let v = try await t.store.auditLog.verify()
            #expect(!v.ok)
            #expect(v.firstBadSeq == 4)
            #expect(v.problem?.contains("第 4 条") == true)
        }
    }

    /// An untouched log matches every checkpoint taken of it, the newest and older ones; the file
    /// holds one JSON line per checkpoint and is readable by its owner only.
    @Test(arguments: Engines.all)
    func untouchedLogPassesWithItsCheckpoints(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await withCheckpointFile { file in
            let empty = try await t.store.auditLog.checkpoint(to: file)
            #expect(empty.seq == 0)
            try await SmallTree.build(t.store)
            let first = try await t.store.auditLog.checkpoint(to: file)
            try await org(t, "N1")
            let second = try await t.store.auditLog.checkpoint(to: file)
            #expect(first.seq == 9)
            #expect(second.seq == 10)

            let v = try await t.store.auditLog.verify(against: AuditLog.lastCheckpoint(in: file))
            #expect(v.ok, "\(v.problem ?? "")")
            #expect(v.entries == 10)
            #expect(v.headSeq == 10)
            #expect(v.headHash == second.hash)
            #expect(try await t.store.auditLog.verify(against: first).ok)
            #expect(try await t.store.auditLog.verify(against: empty).ok)

            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(lines == [empty.line, first.line, second.line])
            #expect(lines[2] == "{\"seq\":10,\"hash\":\"\(second.hash)\",\"at\":\(second.at)}")
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        }
    }

    /// A checkpoint file whose last line is not a checkpoint is an error, not a reason to use
    /// the line before it; a missing file is an error for `verify --checkpoint`.
    @Test func unreadableCheckpointFilesAreErrors() async throws {
        try await withCheckpointFile { file in
            #expect(throws: AuditCheckpointError.empty(path: file)) { _ = try AuditLog.lastCheckpoint(in: file) }
            let good = AuditCheckpoint(seq: 3, hash: String(repeating: "a", count: 64), at: 1)
            try (good.line + "\n" + "{\"seq\":9}\n").write(toFile: file, atomically: false, encoding: .utf8)
            #expect(throws: AuditCheckpointError.self) { _ = try AuditLog.lastCheckpoint(in: file) }
            try (good.line + "\n\n").write(toFile: file, atomically: false, encoding: .utf8)
            #expect(try AuditLog.lastCheckpoint(in: file) == good)
        }
    }

    /// An entry hashed the old way (without `org_path`) after entries hashed the new way: an old
    /// binary still writing, or someone lowering an entry's version to change what it covers.
    @Test(arguments: Engines.all)
    func oldVersionAfterNewIsReported(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store) // entries 1…9, version 2
            // Entry 10 as a build from before the version column would write it, with the key.
            let prev = try await hash(t, at: 9)
            let record = AuditWriter.Record(action: "org.update", entity: "org", entityID: "JA01", orgID: nil, orgPath: "/1/", summary: "旧版写入")
            let h = AuditWriter.hash(version: 1, cipher: t.store.cipher, seq: 10, at: 1, actor: "old", record: record, prev: prev)!
            try await run(t, """
                INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, org_id, org_path, summary, before_json, after_json, prev_hash, hash)
                VALUES (10, 1, 'old', 'org.update', 'org', 'JA01', NULL, '/1/', '旧版写入', NULL, NULL, \(bind: prev), \(bind: h))
                """)
            try await run(t, "UPDATE audit_head SET seq = 10, hash = \(bind: h) WHERE id = 1")

            let v = try await t.store.auditLog.verify()
            #expect(!v.ok)
            #expect(v.firstBadSeq == 10)
            #expect(v.problem?.contains("旧版哈希") == true)
        }
    }

    /// Lowering a new entry's version is caught too, at that entry.
    @Test(arguments: Engines.all)
    func loweredVersionIsReported(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            try await run(t, "UPDATE audit_log SET hash_version = NULL WHERE seq = 5")
            let v = try await t.store.auditLog.verify()
            #expect(!v.ok)
            #expect(v.firstBadSeq == 5)
        }
    }

    /// A database from before the version column: its entries keep their old hashes, still
    /// verify (and are still checked), and new entries follow with the new version.
    @Test(arguments: Engines.all)
    func entriesHashedTheOldWayStillVerify(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            // Rewrite entries 1…9 as the old build wrote them (it had the same key).
            let entries = try await t.store.auditLog.list(actor: system, filter: .init(limit: 500)).reversed()
            var prev = AuditWriter.genesis
            for e in entries {
                let record = AuditWriter.Record(action: e.action, entity: e.entity, entityID: e.entityID, orgID: e.orgID, orgPath: e.orgPath,
                                                summary: e.summary, before: e.before, after: e.after)
                let h = AuditWriter.hash(version: 1, cipher: t.store.cipher, seq: e.seq, at: e.at, actor: e.actor, record: record, prev: prev)!
                try await run(t, "UPDATE audit_log SET hash_version = NULL, prev_hash = \(bind: prev), hash = \(bind: h) WHERE seq = \(bind: e.seq)")
                prev = h
            }
            try await run(t, "UPDATE audit_head SET hash = \(bind: prev) WHERE id = 1")
            try await org(t, "N1") // entry 10, version 2

            let listed = try await t.store.auditLog.list(actor: system, filter: .init(limit: 500))
            #expect(listed.map(\.hashVersion) == [2] + Array(repeating: 1, count: 9))
            let v = try await t.store.auditLog.verify()
            #expect(v.ok, "\(v.problem ?? "")")
            #expect(v.entries == 10)

            try await run(t, "UPDATE audit_log SET summary = '篡改' WHERE seq = 3")
            let changed = try await t.store.auditLog.verify()
            #expect(!changed.ok)
            #expect(changed.firstBadSeq == 3)
        }
    }

    /// Rows put beyond the head are not on the chain; they used to count as the log's length.
    @Test(arguments: Engines.all)
    func entriesBeyondTheHeadAreReported(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            try await run(t, "UPDATE audit_head SET seq = 8, hash = (SELECT hash FROM audit_log WHERE seq = 8) WHERE id = 1")
            let v = try await t.store.auditLog.verify()
            #expect(!v.ok)
            #expect(v.firstBadSeq == 9)
        }
    }
}
