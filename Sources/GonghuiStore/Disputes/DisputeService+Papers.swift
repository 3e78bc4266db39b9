import Foundation
import GonghuiDomain
import SQLKit

/// A case's papers (案件材料): the rules of every paper (`PaperFile`), stored encrypted, every
/// download audited. An officer who sees a confidential case's workers masked sees its papers
/// listed but cannot open them (they name the worker).
extension DisputeService {
    public func addPaper(caseID: Int64, kind: DisputePaperKind, filename: String, data: [UInt8], actor: Actor, today: CivilDate = .today()) async throws -> DisputePaper {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权上传案件材料") }
        let (name, type, problems) = PaperFile.check(filename: filename, data: data)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let sealed = try cipher.sealBytes(data)
        let digest = FileDigest.sha256Hex(Data(data))
        let audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            let c = try await Self.dispute(row, actor: actor, on: db)
            if c.namesWithheld { throw StoreError.forbidden("保密案件的材料只能由办理工会上传") }
            let now = Clock.nowMillis()
            guard let inserted = try await db.raw("""
                INSERT INTO dispute_papers (case_id, kind, filename, content_type, size, sha256, data, uploaded_by, uploaded_at)
                VALUES (\(bind: caseID), \(bind: kind.rawValue), \(bind: name), \(bind: type!), \(bind: data.count), \(bind: digest), \(bind: Data(sealed)),
                    \(bind: actor.displayName), \(bind: now))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "材料未能保存") }
            let id = try inserted.decode(column: "id", as: Int64.self)
            let provinceID = try row.decode(column: "province_id", as: Int64.self)
            try await Self.event(caseID, provinceID: provinceID, kind: "paper", on: today, state: c.workflow.state, detail: "上传\(kind.title)：\(name)", actor: actor, on: db)
            try await audit.append(.init(action: "dispute.paper_add", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "\(c.caseNo) 上传\(kind.title)“\(name)”（\(data.count) 字节，SHA-256 \(digest.prefix(16))…）"), actor: actor, on: db)
            return DisputePaper(id: id, kind: kind, filename: name, contentType: type!, size: data.count, sha256: digest, uploadedBy: actor.displayName, uploadedAt: now)
        }
    }

    public func papers(caseID: Int64, actor: Actor) async throws -> [DisputePaper] {
        try await database.read { db in
            _ = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            return try await db.raw("SELECT id, kind, filename, content_type, size, sha256, uploaded_by, uploaded_at FROM dispute_papers WHERE case_id = \(bind: caseID) ORDER BY id")
                .all().map(Self.paper)
        }
    }

    /// The paper itself; every download is audited.
    public func paperData(caseID: Int64, paperID: Int64, actor: Actor) async throws -> (DisputePaper, [UInt8]) {
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            let c = try await Self.dispute(row, actor: actor, on: db)
            if c.namesWithheld { throw StoreError.forbidden("保密案件的材料只能由办理工会查看") }
            guard let p = try await db.raw("SELECT id, kind, filename, content_type, size, sha256, uploaded_by, uploaded_at, data FROM dispute_papers WHERE id = \(bind: paperID) AND case_id = \(bind: caseID)").first() else {
                throw StoreError.notFound(entity: "案件材料", key: String(paperID))
            }
            let meta = try Self.paper(p)
            let bytes = try cipher.openBytes([UInt8](try p.decode(column: "data", as: Data.self)))
            try await audit.append(.init(action: "dispute.paper_download", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "下载 \(c.caseNo) 的\(meta.kind.title)“\(meta.filename)”"), actor: actor, on: db)
            return (meta, bytes)
        }
    }

    static func paper(_ row: any SQLRow) throws -> DisputePaper {
        DisputePaper(id: try row.decode(column: "id", as: Int64.self), kind: DisputePaperKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
                     filename: try row.decode(column: "filename", as: String.self), contentType: try row.decode(column: "content_type", as: String.self),
                     size: try row.decode(column: "size", as: Int.self), sha256: try row.decode(column: "sha256", as: String.self),
                     uploadedBy: try row.decode(column: "uploaded_by", as: String.self), uploadedAt: try row.decode(column: "uploaded_at", as: Int64.self))
    }
}
