import Foundation
import GonghuiDomain
import SQLKit

/// One entry of the append-only audit log (审计日志): who, when, what, before and after
/// (等保 2.0 level 3: time, user, event and result, protected from tampering).
public struct AuditEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var at: Int64
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var orgID: Int64?
    public var summary: String
    public var before: String?
    public var after: String?
    public var prevHash: String
    public var hash: String
}

public struct AuditVerification: Sendable, Equatable, Codable {
    public var ok: Bool
    public var entries: Int64
    public var firstBadSeq: Int64?
    public var problem: String?
}

/// Writes and checks the hash chain. Each entry's hash is a keyed MAC over its fields and the
/// previous entry's hash; `audit_head` holds the newest seq and hash, so removing entries at the
/// end is detected as well as changing or removing one in the middle.
struct AuditWriter: Sendable {
    let cipher: FieldCipher
    let engine: SQLEngine

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
        let hash = Self.hash(cipher: cipher, seq: seq, at: at, actor: actor.username, record: record, prev: prev)
        try await db.raw("""
            INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, org_id, org_path, summary, before_json, after_json, prev_hash, hash)
            VALUES (\(bind: seq), \(bind: at), \(bind: actor.username), \(bind: record.action), \(bind: record.entity), \(bind: record.entityID),
                    \(bind: record.orgID), \(bind: record.orgPath), \(bind: record.summary), \(bind: record.before), \(bind: record.after), \(bind: prev), \(bind: hash))
            """).run()
        try await db.raw("UPDATE audit_head SET seq = \(bind: seq), hash = \(bind: hash) WHERE id = 1").run()
    }

    static func hash(cipher: FieldCipher, seq: Int64, at: Int64, actor: String, record: Record, prev: String) -> String {
        cipher.auditMAC([
            String(seq), String(at), actor, record.action, record.entity, record.entityID,
            record.orgID.map(String.init) ?? "", record.summary, record.before ?? "\u{0}", record.after ?? "\u{0}", prev,
        ])
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

    /// Entries about the actor's subtree (system actors see entries with no org too), newest first.
    public func list(actor: Actor, filter: Filter) async throws -> [AuditEntry] {
        guard actor.role.mayReadAudit else { throw StoreError.forbidden("当前角色无权查看审计日志") }
        let scope = actor.scope
        return try await database.read { db in
            var q: SQLQueryString = "SELECT * FROM audit_log WHERE "
            if scope == .everything {
                q += "1 = 1"
            } else {
                q += scope.sql("org_path")
            }
            if let a = filter.actor { q += " AND actor = \(bind: a)" }
            if let a = filter.action { q += " AND action = \(bind: a)" }
            if let e = filter.entity { q += " AND entity = \(bind: e)" }
            if let e = filter.entityID { q += " AND entity_id = \(bind: e)" }
            if let f = filter.fromMillis { q += " AND at >= \(bind: f)" }
            if let t = filter.toMillis { q += " AND at < \(bind: t)" }
            q += " ORDER BY seq DESC LIMIT \(bind: min(max(filter.limit, 1), 500)) OFFSET \(bind: max(filter.offset, 0))"
            return try await db.raw(q).all().map(Self.entry)
        }
    }

    /// Walks the whole chain in order, in pages, recomputing every hash.
    public func verify() async throws -> AuditVerification {
        let cipher = self.cipher
        let head = try await database.read { db in try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() }
        let headSeq = try head?.decode(column: "seq", as: Int64.self) ?? 0
        let headHash = try head?.decode(column: "hash", as: String.self) ?? ""
        var expectedSeq: Int64 = 1
        var prev = String(repeating: "0", count: 64)
        var count: Int64 = 0
        while true {
            let from = expectedSeq
            let page = try await database.read { db in
                try await db.raw("SELECT * FROM audit_log WHERE seq >= \(bind: from) ORDER BY seq LIMIT 5000").all().map(Self.entry)
            }
            if page.isEmpty { break }
            for e in page {
                if e.seq != expectedSeq {
                    return AuditVerification(ok: false, entries: count, firstBadSeq: expectedSeq, problem: "第 \(expectedSeq) 条审计记录缺失")
                }
                if e.prevHash != prev {
                    return AuditVerification(ok: false, entries: count, firstBadSeq: e.seq, problem: "第 \(e.seq) 条审计记录的前序哈希不符")
                }
                let record = AuditWriter.Record(action: e.action, entity: e.entity, entityID: e.entityID, orgID: e.orgID, orgPath: nil, summary: e.summary, before: e.before, after: e.after)
                let h = AuditWriter.hash(cipher: cipher, seq: e.seq, at: e.at, actor: e.actor, record: record, prev: e.prevHash)
                if h != e.hash {
                    return AuditVerification(ok: false, entries: count, firstBadSeq: e.seq, problem: "第 \(e.seq) 条审计记录内容已被改动")
                }
                prev = e.hash
                expectedSeq += 1
                count += 1
            }
        }
        if count != headSeq || prev != (headSeq == 0 ? String(repeating: "0", count: 64) : headHash) {
            return AuditVerification(ok: false, entries: count, firstBadSeq: count + 1, problem: "审计日志末尾的记录缺失（应有 \(headSeq) 条，实有 \(count) 条）")
        }
        return AuditVerification(ok: true, entries: count, firstBadSeq: nil, problem: nil)
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
            summary: try row.decode(column: "summary", as: String.self),
            before: try row.decode(column: "before_json", as: String?.self),
            after: try row.decode(column: "after_json", as: String?.self),
            prevHash: try row.decode(column: "prev_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }
}
