import Foundation

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
    public var orgPath: String?
    public var summary: String
    public var before: String?
    public var after: String?
    public var prevHash: String
    public var hash: String
    /// How `hash` was computed (`AuditWriter.hash`): 1 for entries written before every column
    /// was covered (the column is empty for them), 2 since.
    public var hashVersion: Int
    /// The name and role of the officer `actor` names, when it is an officer's account (not
    /// part of the hashed record).
    public var actorName: String? = nil
    public var actorRole: Role? = nil

    public init(seq: Int64, at: Int64, actor: String, action: String, entity: String, entityID: String, orgID: Int64? = nil, orgPath: String? = nil, summary: String, before: String? = nil, after: String? = nil, prevHash: String, hash: String, hashVersion: Int) {
        self.seq = seq; self.at = at; self.actor = actor; self.action = action; self.entity = entity; self.entityID = entityID; self.orgID = orgID; self.orgPath = orgPath; self.summary = summary; self.before = before; self.after = after; self.prevHash = prevHash; self.hash = hash; self.hashVersion = hashVersion
    }
}

public struct AuditVerification: Sendable, Equatable, Codable {
    public var ok: Bool
    public var entries: Int64
    public var firstBadSeq: Int64?
    public var problem: String?
    /// The head as the database records it (`audit_head`), reported whether or not the chain
    /// verifies, so an operator can keep a copy out of the database's reach.
    public var headSeq: Int64 = 0
    public var headHash: String = AuditCheckpoint.genesis
    /// The checkpoint the chain was compared with, if one was given.
    public var checkpoint: AuditCheckpoint? = nil

    public init(ok: Bool, entries: Int64, firstBadSeq: Int64? = nil, problem: String? = nil, headSeq: Int64 = 0, headHash: String = AuditCheckpoint.genesis, checkpoint: AuditCheckpoint? = nil) {
        self.ok = ok; self.entries = entries; self.firstBadSeq = firstBadSeq; self.problem = problem; self.headSeq = headSeq; self.headHash = headHash; self.checkpoint = checkpoint
    }
}

/// A copy of the audit log's head (审计日志检查点): its seq and hash and when it was taken, kept
/// outside the database. The hash chain shows a changed or removed entry, but not its newest
/// entries removed together with the head moved back; a checkpoint does, for every entry up to
/// its seq, as long as whoever can write the database cannot also rewrite the checkpoint file.
public struct AuditCheckpoint: Sendable, Equatable, Codable {
    public var seq: Int64
    public var hash: String
    /// Milliseconds since 1970 UTC.
    public var at: Int64

    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public init(seq: Int64, hash: String, at: Int64) {
        self.seq = seq; self.hash = hash; self.at = at
    }

    /// One JSON line, written by hand so the keys keep the documented order.
    public var line: String { "{\"seq\":\(seq),\"hash\":\"\(hash)\",\"at\":\(at)}" }

    /// Reads one line as written by `line`; nil when it is not a checkpoint (a wrong key, a
    /// negative seq, a hash that is not 64 hex digits).
    public static func parse(line: String) -> AuditCheckpoint? {
        guard let c = try? JSONDecoder().decode(AuditCheckpoint.self, from: Data(line.utf8)),
              c.seq >= 0, c.hash.count == 64, c.hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return c
    }
}
