import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Key rotation, tested by stopping it after every batch: between runs every sealed value opens
/// with exactly one of the two keys and the store refuses to open; the last run leaves
/// everything under the new key, found by the new indexes, with the audit chain re-hashed.
@Suite("Key rotation")
struct KeyRotationTests {
    @Test(arguments: Engines.all)
    func stoppedAfterEveryBatchThenFinished(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (members, archive) = try await OperationsFixtures.populate(t.store)
            let database = t.store.database
            let old = t.store.cipher
            let newText = FieldCipher.generateEncodedKey()
            let new = try FieldCipher(encodedKey: newText)
            let sealedBefore = try await Self.sealedValues(database)
            #expect(sealedBefore.text.count >= 20 && sealedBefore.blobs.count >= 1)
            var rotation = KeyRotation(database: database, old: old, new: new, batchSize: 3)
            rotation.stopAfterBatches = 1
            var stops = 0
            var report: KeyRotation.Report?
            while report == nil {
                do {
                    report = try await rotation.run(actor: system)
                } catch let e as OperationsError {
                    guard case .tool = e else { throw e }
                    stops += 1
                    // Stopped between two transactions, as a kill would leave it.
                    let now = try await Self.sealedValues(database)
                    for (place, value) in now.text {
                        let opens = [(try? old.open(value)) != nil, (try? new.open(value)) != nil].filter { $0 }.count
                        #expect(opens == 1, "\(place) opens with \(opens) keys after \(stops) stops")
                    }
                    for (place, value) in now.blobs {
                        let opens = [(try? old.openBytes(value)) != nil, (try? new.openBytes(value)) != nil].filter { $0 }.count
                        #expect(opens == 1, "\(place) opens with \(opens) keys after \(stops) stops")
                    }
                    #expect(now.text.count == sealedBefore.text.count)
                    await #expect(throws: OperationsError.self) { try await KeyRotation.refuseIfUnfinished(database) }
                }
                #expect(stops < 500)
            }
            #expect(stops > 20, "the rotation was stopped in every step")
            let r = report!
            #expect(r.resumed && r.rows.first { $0.table == "members" }?.rows == members.count)
            #expect(r.voidedActivationCodes == 1 && r.orphans == 0 && r.auditEntries > 10)
            // Everything opens with the new key and with it alone, and says what it said before.
            let after = try await Self.sealedValues(database)
            #expect(after.text.count == sealedBefore.text.count)
            for ((place, was), (_, now)) in zip(sealedBefore.text, after.text) {
                #expect((try? old.open(now)) == nil && (try? new.open(now)) == (try? old.open(was)), "\(place)")
            }
            try await KeyRotation.refuseIfUnfinished(database)
            // The old key no longer opens the store; the new one does, and finds people by ID.
            let location = database.location
            await t.store.close()
            await #expect(throws: FieldCipher.KeyError.mismatch) {
                let (s, _) = try await Store.open(configuration: StoreConfiguration(location: location, key: KeySettings(key: try BackupRestoreTests.keyText(t.store))))
                await s.close()
            }
            let (reopened, _) = try await Store.open(configuration: StoreConfiguration(location: location, key: KeySettings(key: newText)))
            let found = try await reopened.members.lookup(idNumber: try IDNumber(idNumber("42050219800101002")), actor: system)
            #expect(found.id == members[0].id)
            #expect(try await reopened.members.lookup(phone: try PhoneNumber("13812345601"), actor: system).map(\.id) == [members[1].id])
            let papers = try await reopened.hardship.attachments(archiveID: archive.id, actor: system)
            let (_, bytes) = try await reopened.hardship.attachmentData(archiveID: archive.id, attachmentID: papers[0].id, actor: system)
            #expect(String(decoding: bytes, as: UTF8.self).contains("帮扶申请书"))
            // The household index still knows the spouse: a second archive for her is refused.
            let duplicates = try await reopened.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM hardship_households WHERE id_hash = \(bind: new.blindIndex(idNumber("42050219820202123"), domain: "id"))").first()!.decode(column: "n", as: Int.self)
            }
            #expect(duplicates == 1)
            let v = try await reopened.auditLog.verify()
            #expect(v.ok, "\(v.problem ?? "")")
            let recent = try await reopened.auditLog.list(actor: system, filter: .init(limit: 5))
            #expect(recent.contains { $0.action == "key.rotated" && $0.summary.contains(new.fingerprint.prefix(8)) })
            await reopened.close()
        }
    }

    /// Every sealed column and blind index of the schema is one the rotation re-keys: a table
    /// that gains a `*_enc`, a `*_hash` or an encrypted blob must be added to it.
    @Test func everySealedColumnIsRotated() async throws {
        try await withStore(.sqlite) { t in
            let handled = Set(KeyRotation.sealed.flatMap { s in (s.text + s.indexes.map(\.column) + (s.blob.map { [$0] } ?? [])).map { "\(s.table).\($0)" } })
                .union(["hardship_households.id_hash", "grant_locks.id_hash", "activation_codes.code_hash"])
            // Hashes that are not keyed by the master key: passwords, tokens, the chain's own.
            let unkeyed: Set<String> = ["users.password_hash", "credentials.token_hash", "worker_accounts.password_hash", "worker_sessions.token_hash",
                                        "audit_log.prev_hash", "key_rotation_map.old_hash", "key_rotation_map.new_hash", "import_runs.file_sha256"]
            let columns = try await t.store.database.read { db -> [String] in
                var out: [String] = []
                for table in try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map({ try $0.decode(column: "name", as: String.self) }) {
                    for row in try await db.raw("SELECT name, type FROM pragma_table_info(\(bind: table))").all() {
                        let name = try row.decode(column: "name", as: String.self), type = try row.decode(column: "type", as: String.self)
                        if name.hasSuffix("_enc") || name.hasSuffix("_hash") || type == "BLOB" { out.append("\(table).\(name)") }
                    }
                }
                return out
            }
            #expect(columns.count > 15)
            for c in columns where !handled.contains(c) && !unkeyed.contains(c) {
                Issue.record("\(c) is sealed or indexed but not re-keyed by KeyRotation")
            }
        }
    }

    /// The same two keys again after it finished: nothing to do; a third key meanwhile: refused.
    @Test func aFinishedRotationIsNotRunTwice() async throws {
        try await withStore(.sqlite) { t in
            try await SmallTree.build(t.store)
            let new = try FieldCipher(encodedKey: FieldCipher.generateEncodedKey())
            _ = try await KeyRotation(database: t.store.database, old: t.store.cipher, new: new).run(actor: system)
            await #expect(throws: OperationsError.self) { _ = try await KeyRotation(database: t.store.database, old: t.store.cipher, new: new).run(actor: system) }
            await #expect(throws: FieldCipher.KeyError.self) {
                _ = try await KeyRotation(database: t.store.database, old: t.store.cipher, new: try FieldCipher(encodedKey: FieldCipher.generateEncodedKey())).run(actor: system)
            }
        }
    }

    /// Every sealed text value and blob, by table, column and row, in a fixed order.
    static func sealedValues(_ database: Database) async throws -> (text: [(String, String)], blobs: [(String, [UInt8])]) {
        try await database.read { db in
            var text: [(String, String)] = [], blobs: [(String, [UInt8])] = []
            for spec in KeyRotation.sealed {
                for column in spec.text {
                    for row in try await db.raw("SELECT id, \(ident: column) AS v FROM \(ident: spec.table) WHERE \(ident: column) IS NOT NULL ORDER BY id").all() {
                        text.append(("\(spec.table).\(column)#\(try row.decode(column: "id", as: Int64.self))", try row.decode(column: "v", as: String.self)))
                    }
                }
                if let blob = spec.blob {
                    for row in try await db.raw("SELECT id, \(ident: blob) AS v FROM \(ident: spec.table) ORDER BY id").all() {
                        blobs.append(("\(spec.table)#\(try row.decode(column: "id", as: Int64.self))", [UInt8](try row.decode(column: "v", as: Data.self))))
                    }
                }
            }
            return (text, blobs)
        }
    }
}
