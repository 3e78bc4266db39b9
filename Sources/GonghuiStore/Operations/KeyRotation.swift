import Foundation
import GonghuiDomain
import SQLKit

/// Key rotation (密钥轮换): every sealed field re-encrypted, every blind index rebuilt and the
/// audit chain re-hashed under a new master key, in batches.
///
/// Each batch is one transaction that also moves the progress kept in `settings`
/// (`key_rotation`): a kill at any point leaves every row of a table up to the recorded key
/// sealed with the new key and every row after it with the old one, so each row opens with
/// exactly one of the two, and a second run carries on from the last batch. Blind indexes whose
/// row holds no sealed value (grants, grant locks, households, login attempts) are translated
/// through `key_rotation_map`, built first from every sealed identifier under the old key.
/// While a rotation is unfinished the store refuses to open (``refuseIfUnfinished(_:)``).
public struct KeyRotation: Sendable {
    let database: Database
    let old: FieldCipher
    let new: FieldCipher
    /// Rows per transaction (papers: a tenth of it).
    var batchSize: Int
    /// Ends the run (as a kill would, between two transactions) after this many batches: tests.
    var stopAfterBatches: Int?

    public init(database: Database, old: FieldCipher, new: FieldCipher, batchSize: Int = 500) {
        self.database = database; self.old = old; self.new = new; self.batchSize = max(1, batchSize)
    }

    /// What a finished rotation did.
    public struct Report: Sendable, Equatable {
        public var rows: [(table: String, rows: Int)] = []
        public var mapped = 0
        public var auditEntries = 0
        /// Activation codes not yet used: their index cannot be rebuilt (the code itself is not
        /// kept), so they are voided and must be issued again.
        public var voidedActivationCodes = 0
        /// Indexes with no sealed value behind them anywhere (e.g. a grant whose archive was
        /// de-identified): replaced by a value that matches nothing.
        public var orphans = 0
        public var resumed = false

        public static func == (a: Report, b: Report) -> Bool {
            a.rows.map { "\($0.table)=\($0.rows)" } == b.rows.map { "\($0.table)=\($0.rows)" } && a.mapped == b.mapped
                && a.auditEntries == b.auditEntries && a.voidedActivationCodes == b.voidedActivationCodes && a.orphans == b.orphans && a.resumed == b.resumed
        }
    }

    /// The progress kept between batches.
    struct State: Codable, Equatable {
        var old: String
        var new: String
        var startedAt: Int64
        var step: Int
        var lastKey: Int64
        var auditOldPrev: String
        var auditNewPrev: String
        var counts: [String: Int]
    }

    static let settingKey = "key_rotation"

    /// A table's sealed text columns and blind indexes. `from` names the sealed column an index is
    /// computed from; nil means it is translated through the map.
    struct Sealed: Sendable {
        var table: String
        var text: [String] = []
        var indexes: [(column: String, from: String?, domain: String)] = []
        var blob: String? = nil
    }

    /// Every sealed column there is. A new sealed column must be added here (KeyRotationTests
    /// checks that every `*_enc` and `*_hash` column of the schema is listed).
    static let sealed: [Sealed] = [
        Sealed(table: "orgs", text: ["chair_phone_enc"]),
        Sealed(table: "members", text: ["id_enc", "phone_enc"], indexes: [("id_hash", "id_enc", "id"), ("phone_hash", "phone_enc", "phone")]),
        Sealed(table: "dispute_workers", text: ["id_enc", "phone_enc"], indexes: [("id_hash", "id_enc", "id")]),
        Sealed(table: "dispute_mediators", text: ["phone_enc"]),
        Sealed(table: "legal_aid_lawyers", text: ["phone_enc"]),
        Sealed(table: "warning_duty", text: ["phone_enc", "email_enc"]),
        Sealed(table: "legal_aid_applications", text: ["id_enc", "phone_enc"], indexes: [("id_hash", "id_enc", "id")]),
        Sealed(table: "hardship_archives", text: ["id_enc", "phone_enc", "bank_account_enc"], indexes: [("id_hash", "id_enc", "id")]),
        Sealed(table: "hardship_family", text: ["id_enc"], indexes: [("id_hash", "id_enc", "id")]),
        Sealed(table: "grants", text: ["bank_account_enc", "proposed_account_enc"], indexes: [("id_hash", nil, "id")]),
        Sealed(table: "payment_lines", text: ["account_enc"]),
        Sealed(table: "mutual_aid_claims", text: ["bank_account_enc"]),
        Sealed(table: "loan_guarantors", text: ["id_enc"], indexes: [("id_hash", "id_enc", "id")]),
        Sealed(table: "member_cards", text: ["card_enc"], indexes: [("card_hash", "card_enc", "card")]),
        Sealed(table: "outbox", text: ["recipient_enc"]),
        Sealed(table: "hardship_attachments", blob: "data"),
        Sealed(table: "dispute_papers", blob: "data"),
        Sealed(table: "mutual_aid_claim_papers", blob: "data"),
    ]

    /// Where the map's plaintexts come from: every sealed identifier and phone with an index.
    static var mapSources: [(table: String, column: String, domain: String)] {
        sealed.flatMap { s in s.indexes.compactMap { i in i.from.map { (s.table, $0, i.domain) } } }
    }

    /// The steps in order: the map, the tables, the index-only tables, the audit chain.
    enum Step: Equatable {
        case map(Int), rows(Int), households, grantLocks, loginAttempts, activationCodes, audit, finish
    }

    static var steps: [Step] {
        mapSources.indices.map(Step.map) + sealed.indices.map(Step.rows)
            + [.households, .grantLocks, .loginAttempts, .activationCodes, .audit, .finish]
    }

    static func describe(_ step: Int) -> String {
        guard step < steps.count else { return "收尾" }
        switch steps[step] {
        case .map(let i): return "建立索引对照（\(mapSources[i].table).\(mapSources[i].column)）"
        case .rows(let i): return "重新加密表 \(sealed[i].table)"
        case .households: return "困难档案家庭成员索引"
        case .grantLocks: return "帮扶发放唯一性索引"
        case .loginAttempts: return "登录失败记录"
        case .activationCodes: return "未使用的激活码"
        case .audit: return "审计日志哈希链"
        case .finish: return "收尾"
        }
    }

    // MARK: Refusing to open

    /// Throws when a rotation was started and not finished: the data is then under two keys.
    public static func refuseIfUnfinished(_ database: Database) async throws {
        guard let state = try await database.read({ db in try await Self.state(on: db) }) else { return }
        throw OperationsError.rotationInProgress(done: "第 \(state.step + 1)/\(steps.count) 步：\(describe(state.step))")
    }

    static func state(on db: any SQLDatabase) async throws -> State? {
        guard let row = try await db.raw("SELECT value FROM settings WHERE key = \(bind: settingKey)").first() else { return nil }
        return try JSONDecoder().decode(State.self, from: Data(try row.decode(column: "value", as: String.self).utf8))
    }

    static func save(_ state: State, on db: any SQLDatabase) async throws {
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        try await db.raw("UPDATE settings SET value = \(bind: json) WHERE key = \(bind: settingKey)").run()
    }

    // MARK: Running

    /// Starts a rotation, or finishes the one that was started with the same two keys.
    /// `progress` is told the step and the rows done in it.
    public func run(actor: Actor, progress: @Sendable (String, Int) -> Void = { _, _ in }) async throws -> Report {
        var report = Report()
        var state = try await begin(actor: actor, report: &report)
        var batches = 0
        let steps = Self.steps
        while state.step < steps.count {
            let step = steps[state.step]
            if step == .finish {
                try await finish(state, actor: actor)
                break
            }
            let (next, rows) = try await batch(step, state)
            state = next
            progress(Self.describe(state.step), rows)
            batches += 1
            if let stop = stopAfterBatches, batches >= stop, state.step < steps.count - 1 {
                throw OperationsError.tool("密钥轮换在第 \(batches) 批后按要求停止")
            }
        }
        let counts = state.counts
        report.rows = Self.sealed.map { ($0.table, counts[$0.table] ?? 0) }
        report.mapped = counts["map"] ?? 0
        report.auditEntries = counts["audit_log"] ?? 0
        report.voidedActivationCodes = counts["activation_codes"] ?? 0
        report.orphans = counts["orphans"] ?? 0
        return report
    }

    /// Reads or creates the progress, after checking the two keys against the database.
    private func begin(actor: Actor, report: inout Report) async throws -> State {
        let old = self.old, new = self.new
        guard old.fingerprint != new.fingerprint else { throw OperationsError.rotationKeys("新密钥与当前密钥相同，无需轮换") }
        if let state = try await database.read({ db in try await Self.state(on: db) }) {
            if state.old == old.fingerprint && state.new == new.fingerprint {
                report.resumed = true
                return state
            }
            if state.old == new.fingerprint || state.new == old.fingerprint {
                throw OperationsError.rotationKeys("未完成的轮换是从指纹 \(state.old.prefix(8))… 换到 \(state.new.prefix(8))…：请仍配置旧密钥，并用 --new-key-file 给出新密钥，再运行一次")
            }
            throw OperationsError.rotationKeys("数据库有一次未完成的轮换（从指纹 \(state.old.prefix(8))… 换到 \(state.new.prefix(8))…），与给出的两把密钥都不符")
        }
        let stored = try await database.read { db in
            try await db.raw("SELECT value FROM settings WHERE key = 'key_fingerprint'").first()?.decode(column: "value", as: String.self)
        }
        if stored == new.fingerprint { throw OperationsError.rotationKeys("数据库已使用新密钥（指纹 \(new.fingerprint.prefix(8))…），无需轮换") }
        guard stored == old.fingerprint else { throw FieldCipher.KeyError.mismatch }
        // The chain is re-hashed entry by entry: it must hold under the old key first, or the
        // rotation would launder whatever was changed in it.
        let verified = try await AuditLog(database: database, cipher: old).verify()
        guard verified.ok else {
            throw OperationsError.rotationKeys("审计日志校验未通过（\(verified.problem ?? "")）：哈希链有问题时不进行密钥轮换，请先查明原因")
        }
        let state = State(old: old.fingerprint, new: new.fingerprint, startedAt: Clock.nowMillis(), step: 0, lastKey: 0,
                          auditOldPrev: AuditWriter.genesis, auditNewPrev: AuditWriter.genesis, counts: [:])
        let json = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        let audit = AuditWriter(cipher: old, engine: database.engine)
        try await database.write { db in
            try await db.raw("INSERT INTO settings (key, value) VALUES (\(bind: Self.settingKey), \(bind: json))").run()
            try await db.raw("DELETE FROM key_rotation_map").run()
            try await audit.append(.init(action: "key.rotation_start", entity: "encryption_key", entityID: new.fingerprint, orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "开始更换字段加密密钥：指纹 \(old.fingerprint.prefix(8))… → \(new.fingerprint.prefix(8))…"), actor: actor, on: db)
        }
        return state
    }

    /// One transaction: the next batch of the step, and the progress after it.
    private func batch(_ step: Step, _ state: State) async throws -> (State, Int) {
        let old = self.old, new = self.new, size = batchSize
        return try await database.write { db in
            var s = state
            var rows = 0
            var stepDone = false
            switch step {
            case .map(let i):
                let source = Self.mapSources[i]
                let found = try await db.raw("""
                    SELECT id, \(ident: source.column) AS v FROM \(ident: source.table)
                    WHERE id > \(bind: s.lastKey) AND \(ident: source.column) IS NOT NULL ORDER BY id LIMIT \(unsafeRaw: String(size))
                    """).all()
                for row in found {
                    let plain = try Self.open(row, "v", old: old, new: nil, table: source.table)
                    try await db.raw("""
                        INSERT INTO key_rotation_map (old_hash, new_hash)
                        VALUES (\(bind: old.blindIndex(plain, domain: source.domain)), \(bind: new.blindIndex(plain, domain: source.domain))) ON CONFLICT DO NOTHING
                        """).run()
                    s.lastKey = try row.decode(column: "id", as: Int64.self)
                }
                rows = found.count
                s.counts["map", default: 0] += rows
                stepDone = found.count < size
            case .rows(let i):
                let spec = Self.sealed[i]
                let limit = spec.blob == nil ? size : max(1, size / 10)
                let columns = (spec.text + spec.indexes.map(\.column) + (spec.blob.map { [$0] } ?? [])).map { SQLIdentifier($0) }
                let found = try await db.raw("""
                    SELECT id, \(SQLList(columns)) FROM \(ident: spec.table) WHERE id > \(bind: s.lastKey) ORDER BY id LIMIT \(unsafeRaw: String(limit))
                    """).all()
                for row in found {
                    let id = try row.decode(column: "id", as: Int64.self)
                    var sets: [SQLQueryString] = []
                    var plains: [String: String] = [:]
                    for c in spec.text {
                        guard try !row.decodeNil(column: c) else { continue }
                        let plain = try Self.open(row, c, old: old, new: new, table: spec.table, id: id)
                        plains[c] = plain
                        sets.append("\(ident: c) = \(bind: new.seal(plain))")
                    }
                    for index in spec.indexes {
                        guard try !row.decodeNil(column: index.column) else { continue }
                        let value: String
                        if let from = index.from {
                            guard let plain = plains[from] else { continue }
                            value = new.blindIndex(plain, domain: index.domain)
                        } else {
                            value = try await Self.translate(try row.decode(column: index.column, as: String.self), new: new, state: &s, on: db)
                        }
                        sets.append("\(ident: index.column) = \(bind: value)")
                    }
                    if let blob = spec.blob {
                        let stored = [UInt8](try row.decode(column: blob, as: Data.self))
                        let bytes: [UInt8]
                        do { bytes = try old.openBytes(stored) } catch {
                            throw OperationsError.rotationKeys("表 \(spec.table) 第 \(id) 行的加密材料用旧密钥无法解密：数据已损坏或不是用当前密钥写入的")
                        }
                        sets.append("\(ident: blob) = \(bind: Data(try new.sealBytes(bytes)))")
                    }
                    if !sets.isEmpty {
                        try await db.raw("UPDATE \(ident: spec.table) SET \(SQLList(sets)) WHERE id = \(bind: id)").run()
                    }
                    s.lastKey = id
                }
                rows = found.count
                s.counts[spec.table, default: 0] += rows
                stepDone = found.count < limit
            case .households, .grantLocks:
                // Small tables keyed by the index itself: one transaction for the whole table.
                let (table, key) = step == .households ? ("hardship_households", "archive_id") : ("grant_locks", "grant_id")
                for row in try await db.raw("SELECT id_hash, \(ident: key) AS k FROM \(ident: table)").all() {
                    let hash = try row.decode(column: "id_hash", as: String.self)
                    let value = try await Self.translate(hash, new: new, state: &s, on: db)
                    try await db.raw("UPDATE \(ident: table) SET id_hash = \(bind: value) WHERE id_hash = \(bind: hash) AND \(ident: key) = \(bind: try row.decode(column: "k", as: Int64.self))").run()
                    rows += 1
                }
                s.counts[table, default: 0] += rows
                stepDone = true
            case .loginAttempts:
                // A worker's failed sign-ins are counted under their ID's index.
                for row in try await db.raw("SELECT subject FROM login_attempts WHERE subject LIKE 'worker:%'").all() {
                    let subject = try row.decode(column: "subject", as: String.self)
                    let value = try await Self.translate(String(subject.dropFirst("worker:".count)), new: new, state: &s, on: db)
                    try await db.raw("UPDATE login_attempts SET subject = \(bind: "worker:" + value) WHERE subject = \(bind: subject)").run()
                    rows += 1
                }
                stepDone = true
            case .activationCodes:
                let now = Clock.nowMillis()
                let n = try await db.raw("SELECT COUNT(*) AS n FROM activation_codes WHERE used_at IS NULL AND expires_at > \(bind: now)").first()?.decode(column: "n", as: Int.self) ?? 0
                try await db.raw("UPDATE activation_codes SET expires_at = \(bind: now) WHERE used_at IS NULL AND expires_at > \(bind: now)").run()
                rows = n
                s.counts["activation_codes", default: 0] += n
                stepDone = true
            case .audit:
                let found = try await db.raw("SELECT * FROM audit_log WHERE seq > \(bind: s.lastKey) ORDER BY seq LIMIT \(unsafeRaw: String(size))").all().map(AuditLog.entry)
                for e in found {
                    let record = AuditWriter.Record(action: e.action, entity: e.entity, entityID: e.entityID, orgID: e.orgID, orgPath: e.orgPath,
                                                    summary: e.summary, before: e.before, after: e.after)
                    guard e.prevHash == s.auditOldPrev,
                          AuditWriter.hash(version: e.hashVersion, cipher: old, seq: e.seq, at: e.at, actor: e.actor, record: record, prev: e.prevHash) == e.hash,
                          let rehashed = AuditWriter.hash(version: e.hashVersion, cipher: new, seq: e.seq, at: e.at, actor: e.actor, record: record, prev: s.auditNewPrev) else {
                        throw OperationsError.rotationKeys("审计日志第 \(e.seq) 条用旧密钥校验未通过：轮换已停在此处，请先查明原因（gonghui audit verify）")
                    }
                    try await db.raw("UPDATE audit_log SET prev_hash = \(bind: s.auditNewPrev), hash = \(bind: rehashed) WHERE seq = \(bind: e.seq)").run()
                    s.auditOldPrev = e.hash
                    s.auditNewPrev = rehashed
                    s.lastKey = e.seq
                }
                rows = found.count
                s.counts["audit_log", default: 0] += rows
                stepDone = found.count < size
            case .finish:
                break
            }
            if stepDone {
                s.step += 1
                s.lastKey = 0
            }
            try await Self.save(s, on: db)
            return (s, rows)
        }
    }

    /// The last transaction: the head moves to the re-hashed chain, the database records the new
    /// key, the map is emptied, and an entry under the new key says what was done.
    private func finish(_ state: State, actor: Actor) async throws {
        let new = self.new
        let audit = AuditWriter(cipher: new, engine: database.engine)
        let counts = state.counts
        try await database.write { db in
            let headSeq = try await db.raw("SELECT seq FROM audit_head WHERE id = 1").first()?.decode(column: "seq", as: Int64.self) ?? -1
            guard headSeq == Int64(counts["audit_log"] ?? 0) else {
                throw OperationsError.rotationKeys("审计日志头为第 \(headSeq) 条，重新计算了 \(counts["audit_log"] ?? 0) 条：轮换期间有程序写入了数据库，请停止服务后查明")
            }
            try await db.raw("UPDATE audit_head SET hash = \(bind: state.auditNewPrev) WHERE id = 1").run()
            try await db.raw("UPDATE settings SET value = \(bind: new.fingerprint) WHERE key = 'key_fingerprint'").run()
            try await db.raw("DELETE FROM settings WHERE key = \(bind: Self.settingKey)").run()
            try await db.raw("DELETE FROM key_rotation_map").run()
            let tables = Self.sealed.map { "\($0.table) \(counts[$0.table] ?? 0)" }.joined(separator: "、")
            try await audit.append(.init(action: "key.rotated", entity: "encryption_key", entityID: new.fingerprint, orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "字段加密密钥已更换：指纹 \(state.old.prefix(8))… → \(new.fingerprint.prefix(8))…；重新加密 \(tables) 行，审计日志 \(counts["audit_log"] ?? 0) 条重新计算哈希，作废未使用的激活码 \(counts["activation_codes"] ?? 0) 个"),
                                   actor: actor, on: db)
        }
    }

    /// A sealed value opened with the old key, or, where `new` is given, with the new one (a row
    /// a run already re-sealed); neither is damage, named by table and row.
    static func open(_ row: any SQLRow, _ column: String, old: FieldCipher, new: FieldCipher?, table: String, id: Int64? = nil) throws -> String {
        let stored = try row.decode(column: column, as: String.self)
        if let plain = try? old.open(stored) { return plain }
        if let new, let plain = try? new.open(stored) { return plain }
        let rowID = try id ?? row.decode(column: "id", as: Int64.self)
        throw OperationsError.rotationKeys("表 \(table) 第 \(rowID) 行的 \(column) 用旧密钥无法解密：数据已损坏或不是用当前密钥写入的")
    }

    /// An index whose row holds no sealed value, through the map; one with no entry there (its
    /// person's sealed value is gone) becomes a value that matches nothing.
    static func translate(_ hash: String, new: FieldCipher, state: inout State, on db: any SQLDatabase) async throws -> String {
        if let row = try await db.raw("SELECT new_hash FROM key_rotation_map WHERE old_hash = \(bind: hash)").first() {
            return try row.decode(column: "new_hash", as: String.self)
        }
        state.counts["orphans", default: 0] += 1
        return new.blindIndex(hash, domain: "orphan")
    }
}


extension KeyRotation {
    /// Opens the database for a rotation and runs it to the end: the store's usual opening is
    /// not used, since it refuses a half-done rotation (the one this finishes). With a
    /// checkpoint file, the chain is first checked against its newest line, and the re-hashed
    /// head is appended to it at the end.
    public static func rotate(configuration: StoreConfiguration, newKey: FieldCipher, batchSize: Int = 500, checkpointFile: String? = nil,
                              stopAfterBatches: Int? = nil, progress: @Sendable (String, Int) -> Void = { _, _ in }) async throws -> Report {
        let (old, _) = try configuration.key.resolve(for: configuration.location)
        let database = try await Database.open(configuration.location)
        do {
            try await database.migrate()
            let resuming = try await database.read { db in try await Self.state(on: db) } != nil
            if let checkpointFile, !resuming {
                let anchor = try AuditLog.lastCheckpoint(in: checkpointFile)
                let v = try await AuditLog(database: database, cipher: old).verify(against: anchor)
                guard v.ok else { throw OperationsError.rotationKeys("审计日志与检查点文件不符（\(v.problem ?? "")）：不进行密钥轮换") }
            }
            var rotation = KeyRotation(database: database, old: old, new: newKey, batchSize: batchSize)
            rotation.stopAfterBatches = stopAfterBatches
            let report = try await rotation.run(actor: .system("rekey"), progress: progress)
            if let checkpointFile {
                _ = try await AuditLog(database: database, cipher: newKey).checkpoint(to: checkpointFile)
            }
            await database.close()
            return report
        } catch {
            await database.close()
            throw error
        }
    }
}
