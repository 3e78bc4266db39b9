import Foundation
import GonghuiDomain
import SQLKit

/// Writes and checks the hash chain. Each entry's hash is a keyed MAC over its fields and the
/// previous entry's hash; `audit_head` holds the newest seq and hash, so removing entries in the
/// middle, or at the end without moving the head, is detected. Removing entries at the end *and*
/// moving the head back leaves a consistent shorter chain: only a copy of the head kept outside
/// the database (`AuditLog.checkpoint(to:)`) reveals that.
struct AuditWriter: Sendable {
    let cipher: FieldCipher
    let engine: SQLEngine

    /// The `prev` of the first entry and the head of an empty log.
    static let genesis = AuditCheckpoint.genesis
    /// The version new entries are hashed with. Entries keep the version they were written with:
    /// recomputing old entries' hashes the new way would launder whatever was changed in them.
    static let currentHashVersion = 2

    struct Record: Sendable {
        var action: String
        var entity: String
        var entityID: String
        var orgID: Int64?
        var orgPath: String?
        var summary: String
        var before: String? = nil
        var after: String? = nil
    }

    /// Appends inside the caller's transaction, so the entry lands with the change it describes.
    func append(_ record: Record, actor: Actor, on db: any SQLDatabase) async throws {
        let lock = engine == .postgres ? " FOR UPDATE" : ""
        guard let head = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lock)").first() else {
            throw StoreError.conflict(code: "audit_head_missing", message: "审计日志头记录缺失")
        }
        let seq = try head.decode(column: "seq", as: Int64.self) + 1
        let prev = try head.decode(column: "hash", as: String.self)
        let at = Clock.nowMillis()
        let version = Self.currentHashVersion
        let hash = Self.hash(version: version, cipher: cipher, seq: seq, at: at, actor: actor.username, record: record, prev: prev)!
        try await db.raw("""
            INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, org_id, org_path, summary, before_json, after_json, prev_hash, hash, hash_version)
            VALUES (\(bind: seq), \(bind: at), \(bind: actor.username), \(bind: record.action), \(bind: record.entity), \(bind: record.entityID),
                    \(bind: record.orgID), \(bind: record.orgPath), \(bind: record.summary), \(bind: record.before), \(bind: record.after), \(bind: prev), \(bind: hash),
                    \(bind: Int64(version)))
            """).run()
        try await db.raw("UPDATE audit_head SET seq = \(bind: seq), hash = \(bind: hash) WHERE id = 1").run()
    }

    /// The entry's hash as `version` computes it; nil for a version this build does not know.
    /// - 1: every column but `org_path`, optionals as "" (org) or NUL (before, after). Kept only
    ///   to verify entries written before version 2.
    /// - 2: every column, each optional marked present or absent, under a version label (so an
    ///   entry's version cannot be changed without its hash failing).
    static func hash(version: Int, cipher: FieldCipher, seq: Int64, at: Int64, actor: String, record: Record, prev: String) -> String? {
        switch version {
        case 1:
            return cipher.auditMAC([
                String(seq), String(at), actor, record.action, record.entity, record.entityID,
                record.orgID.map(String.init) ?? "", record.summary, record.before ?? "\u{0}", record.after ?? "\u{0}", prev,
            ])
        case 2:
            func optional(_ s: String?) -> String { s.map { "1" + $0 } ?? "0" }
            return cipher.auditMAC([
                "gonghui-audit-v2", String(seq), String(at), actor, record.action, record.entity, record.entityID,
                optional(record.orgID.map(String.init)), optional(record.orgPath), record.summary,
                optional(record.before), optional(record.after), prev,
            ])
        default:
            return nil
        }
    }
}

/// Reading and verifying the audit log.
public struct AuditLog: Sendable {
    let database: Database
    let cipher: FieldCipher

    public struct Filter: Sendable {
        public var actor: String?
        public var action: String?
        public var entity: String?
        public var entityID: String?
        public var fromMillis: Int64?
        public var toMillis: Int64?
        public var limit: Int = 50
        public var offset: Int = 0
        public init(actor: String? = nil, action: String? = nil, entity: String? = nil, entityID: String? = nil, fromMillis: Int64? = nil, toMillis: Int64? = nil, limit: Int = 50, offset: Int = 0) {
            self.actor = actor; self.action = action; self.entity = entity; self.entityID = entityID
            self.fromMillis = fromMillis; self.toMillis = toMillis; self.limit = limit; self.offset = offset
        }
    }

    /// Entries about the actor's subtree, newest first. Entries about no union (sign-in
    /// failures) or about the whole system (the command line's imports, the province's
    /// settings) belong to the province: its officers and system actors see them, a city's or
    /// a county's do not.
    public func list(actor: Actor, filter: Filter) async throws -> [AuditEntry] {
        guard actor.role.mayReadAudit else { throw StoreError.forbidden("当前角色无权查看审计日志") }
        return try await database.read { db in
            let q = "SELECT a.*, u.display_name AS actor_name, u.role AS actor_role FROM audit_log a LEFT JOIN users u ON u.username = a.actor WHERE "
                + (try await Self.visible(to: actor, filter: filter, on: db))
                + " ORDER BY a.seq DESC LIMIT \(bind: min(max(filter.limit, 1), 500)) OFFSET \(bind: max(filter.offset, 0))"
            return try await db.raw(q).all().map { row in
                var e = try Self.entry(row)
                e.actorName = try row.decode(column: "actor_name", as: String?.self)
                e.actorRole = try row.decode(column: "actor_role", as: String?.self).flatMap(Role.init(rawValue:))
                return e
            }
        }
    }

    /// How many entries `list` pages through for this filter.
    public func count(actor: Actor, filter: Filter) async throws -> Int {
        guard actor.role.mayReadAudit else { throw StoreError.forbidden("当前角色无权查看审计日志") }
        return try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM audit_log a WHERE " + (try await Self.visible(to: actor, filter: filter, on: db)))
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// The entries the actor may read that match the filter (the actor by username or by name).
    static func visible(to actor: Actor, filter: Filter, on db: any SQLDatabase) async throws -> SQLQueryString {
        var q: SQLQueryString
        if actor.scope == .everything {
            q = "1 = 1"
        } else {
            var atRoot = false
            if let orgID = actor.orgID, let row = try await db.raw("SELECT parent_id FROM orgs WHERE id = \(bind: orgID)").first() {
                atRoot = try row.decode(column: "parent_id", as: Int64?.self) == nil
            }
            // Entries of the whole system (org path "/", by the command line and the server's own
            // jobs) belong to the province too.
            q = atRoot ? "((" + actor.scope.sql("a.org_path") + ") OR a.org_path IS NULL OR a.org_path = '/')" : actor.scope.sql("a.org_path")
        }
        if let a = filter.actor {
            q += " AND (a.actor = \(bind: a) OR a.actor IN (SELECT username FROM users WHERE display_name = \(bind: a)))"
        }
        if let a = filter.action { q += " AND a.action = \(bind: a)" }
        if let e = filter.entity { q += " AND a.entity = \(bind: e)" }
        if let e = filter.entityID { q += " AND a.entity_id = \(bind: e)" }
        if let f = filter.fromMillis { q += " AND a.at >= \(bind: f)" }
        if let t = filter.toMillis { q += " AND a.at < \(bind: t)" }
        return q
    }

    /// Walks the whole chain in order, in pages, recomputing every hash with the entry's own hash
    /// version. With a checkpoint (a head kept outside the database), also fails when the chain
    /// is shorter than the checkpoint or holds another entry at its seq: the one thing the chain
    /// alone cannot show, its newest entries removed and the head moved back.
    public func verify(against checkpoint: AuditCheckpoint? = nil) async throws -> AuditVerification {
        let cipher = self.cipher
        let head = try await database.read { db in try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() }
        let headSeq = try head?.decode(column: "seq", as: Int64.self) ?? 0
        let headHash = try head?.decode(column: "hash", as: String.self) ?? ""
        var expectedSeq: Int64 = 1
        var prev = AuditWriter.genesis
        var count: Int64 = 0
        // The newest version seen so far: an entry hashed an older way after it is a downgrade.
        var newestVersion = 0
        var hashAtCheckpoint: String? = checkpoint?.seq == 0 ? AuditWriter.genesis : nil
        func result(_ badSeq: Int64?, _ problem: String?) -> AuditVerification {
            AuditVerification(ok: problem == nil, entries: count, firstBadSeq: badSeq, problem: problem,
                              headSeq: headSeq, headHash: headHash, checkpoint: checkpoint)
        }
        if head == nil { return result(1, "审计日志头记录缺失") }
        while true {
            let from = expectedSeq
            let page = try await database.read { db in
                // Up to the head read above: entries appended meanwhile are checked next time.
                try await db.raw("SELECT * FROM audit_log WHERE seq >= \(bind: from) AND seq <= \(bind: headSeq) ORDER BY seq LIMIT 5000").all().map(Self.entry)
            }
            if page.isEmpty { break }
            for e in page {
                if e.seq != expectedSeq {
                    return result(expectedSeq, "第 \(expectedSeq) 条审计记录缺失")
                }
                if e.prevHash != prev {
                    return result(e.seq, "第 \(e.seq) 条审计记录的前序哈希不符")
                }
                if e.hashVersion < newestVersion {
                    return result(e.seq, "第 \(e.seq) 条审计记录使用旧版哈希（版本 \(e.hashVersion)），却排在新版（版本 \(newestVersion)）记录之后：旧版哈希不覆盖全部字段，可能是降级篡改或旧版程序写入")
                }
                let record = AuditWriter.Record(action: e.action, entity: e.entity, entityID: e.entityID, orgID: e.orgID, orgPath: e.orgPath,
                                                summary: e.summary, before: e.before, after: e.after)
                guard let h = AuditWriter.hash(version: e.hashVersion, cipher: cipher, seq: e.seq, at: e.at, actor: e.actor, record: record, prev: e.prevHash) else {
                    return result(e.seq, "第 \(e.seq) 条审计记录的哈希版本 \(e.hashVersion) 无法识别")
                }
                if h != e.hash {
                    return result(e.seq, "第 \(e.seq) 条审计记录内容已被改动")
                }
                newestVersion = e.hashVersion
                if e.seq == checkpoint?.seq { hashAtCheckpoint = e.hash }
                prev = e.hash
                expectedSeq += 1
                count += 1
            }
        }
        if count != headSeq || prev != (headSeq == 0 ? AuditWriter.genesis : headHash) {
            return result(count + 1, "审计日志末尾的记录缺失（应有 \(headSeq) 条，实有 \(count) 条）")
        }
        // An append writes its entry and the head in one transaction, so entries beyond the
        // current head were put there some other way. One statement, so an append committing
        // meanwhile cannot look like one.
        let beyond = try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE seq > (SELECT seq FROM audit_head WHERE id = 1)").first()?.decode(column: "n", as: Int64.self) ?? 0
        }
        if beyond > 0 {
            return result(headSeq + 1, "审计日志头（第 \(headSeq) 条）之后还有 \(beyond) 条记录，不在哈希链上")
        }
        if let c = checkpoint {
            let when = StoreError.shanghaiTime(c.at)
            guard let found = hashAtCheckpoint else {
                return result(count + 1, "审计日志只有 \(count) 条，短于检查点（\(when)）记录的第 \(c.seq) 条：第 \(count + 1) 至 \(c.seq) 条已被删除")
            }
            if found != c.hash {
                return result(c.seq, "第 \(c.seq) 条审计记录的哈希与检查点（\(when)）记录的不符：该条及之前的记录已被改写或删除后重写")
            }
        }
        return result(nil, nil)
    }

    static func entry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            seq: try row.decode(column: "seq", as: Int64.self),
            at: try row.decode(column: "at", as: Int64.self),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            entity: try row.decode(column: "entity", as: String.self),
            entityID: try row.decode(column: "entity_id", as: String.self),
            orgID: try row.decode(column: "org_id", as: Int64?.self),
            orgPath: try row.decode(column: "org_path", as: String?.self),
            summary: try row.decode(column: "summary", as: String.self),
            before: try row.decode(column: "before_json", as: String?.self),
            after: try row.decode(column: "after_json", as: String?.self),
            prevHash: try row.decode(column: "prev_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self),
            // Entries written before the column existed are version 1.
            hashVersion: Int(try row.decode(column: "hash_version", as: Int64?.self) ?? 1))
    }
}

extension Migrations {
    /// Which way each audit entry's hash was computed (`AuditWriter.hash`). Entries already
    /// written keep NULL, read as version 1, and are verified the way they were hashed. Not
    /// reversible: without the column every later entry would be checked as version 1 and fail.
    static let auditHashVersion = Migration(version: 10, name: "audit_hash_version", up: [
        "ALTER TABLE audit_log ADD COLUMN hash_version BIGINT",
    ], down: nil)
}
