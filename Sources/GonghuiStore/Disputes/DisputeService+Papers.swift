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
        let audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            let c = try await Self.dispute(row, actor: actor, on: db)
            if c.namesWithheld { throw StoreError.forbidden("保密案件的材料只能由办理工会上传") }
            return try await Self.insertPaper(caseID: caseID, caseNo: c.caseNo, provinceID: try row.decode(column: "province_id", as: Int64.self), path: path,
                                              state: c.workflow.state, kind: kind, name: name, contentType: type!, data: data, sealed: sealed,
                                              uploadedBy: actor.displayName, memberID: nil, today: today, actor: actor, audit: audit, on: db)
        }
    }

    /// A paper the worker adds to their own open case from the portal (补充材料). The handling
    /// union is told; the worker sees the papers they added, not the union's.
    public func addPortalPaper(caseID: Int64, memberID: Int64, kind: DisputePaperKind, filename: String, data: [UInt8],
                               today: CivilDate = .today()) async throws -> DisputePaper {
        let (name, type, problems) = PaperFile.check(filename: filename, data: data)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let sealed = try cipher.sealBytes(data)
        let audit = self.audit
        return try await database.write { db in
            let c = try await Self.portalCase(id: caseID, memberID: memberID, steps: false, on: db)
            guard c.workflow.state != .closed else { throw StoreError.conflict(code: "workflow", message: "案件已办结，不能再补充材料", field: "file") }
            let added = try await db.raw("SELECT COUNT(*) AS n FROM dispute_papers WHERE case_id = \(bind: caseID) AND member_id = \(bind: memberID)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            guard added < PaperFile.maxPerWorker else {
                throw StoreError.conflict(code: "too_many", message: "每个案件最多上传 \(PaperFile.maxPerWorker) 份材料；如需补充更多，请联系办理工会", field: "file")
            }
            let (row, path) = try await Self.locate(id: caseID, scope: .everything, on: db)
            let worker = try await db.raw("SELECT name FROM dispute_workers WHERE case_id = \(bind: caseID) AND member_id = \(bind: memberID) ORDER BY seq LIMIT 1").first()?
                .decode(column: "name", as: String.self) ?? "职工"
            let paper = try await Self.insertPaper(caseID: caseID, caseNo: c.caseNo, provinceID: try row.decode(column: "province_id", as: Int64.self), path: path,
                                                   state: c.workflow.state, kind: kind, name: name, contentType: type!, data: data, sealed: sealed,
                                                   uploadedBy: "\(worker)（职工上传）", memberID: memberID, today: today,
                                                   actor: .worker(memberID: memberID, name: worker), audit: audit, on: db)
            try await Self.notifyHandler(caseID: caseID, caseNo: c.caseNo, orgID: try row.decode(column: "org_id", as: Int64.self),
                                         title: "\(c.caseNo) 职工补充了材料", body: "职工上传了\(kind.title)“\(name)”，请在案件的材料中查看。", on: db)
            return paper
        }
    }

    /// The papers the member added to the case themselves.
    public func portalPapers(caseID: Int64, memberID: Int64) async throws -> [DisputePaper] {
        try await database.read { db in
            _ = try await Self.portalCase(id: caseID, memberID: memberID, steps: false, on: db)
            return try await db.raw("""
                SELECT id, kind, filename, content_type, size, sha256, uploaded_by, uploaded_at FROM dispute_papers
                WHERE case_id = \(bind: caseID) AND member_id = \(bind: memberID) ORDER BY id
                """).all().map(Self.paper)
        }
    }

    /// Stores a checked paper with the case's event and the audit entry.
    static func insertPaper(caseID: Int64, caseNo: String, provinceID: Int64, path: String, state: DisputeCaseState, kind: DisputePaperKind, name: String,
                            contentType: String, data: [UInt8], sealed: [UInt8], uploadedBy: String, memberID: Int64?, today: CivilDate, actor: Actor,
                            audit: AuditWriter, on db: any SQLDatabase) async throws -> DisputePaper {
        let digest = FileDigest.sha256Hex(Data(data))
        let now = Clock.nowMillis()
        guard let inserted = try await db.raw("""
            INSERT INTO dispute_papers (case_id, kind, filename, content_type, size, sha256, data, uploaded_by, uploaded_at, member_id)
            VALUES (\(bind: caseID), \(bind: kind.rawValue), \(bind: name), \(bind: contentType), \(bind: data.count), \(bind: digest), \(bind: Data(sealed)),
                \(bind: uploadedBy), \(bind: now), \(bind: memberID))
            RETURNING id
            """).first() else { throw StoreError.conflict(code: "insert_failed", message: "材料未能保存") }
        let id = try inserted.decode(column: "id", as: Int64.self)
        try await event(caseID, provinceID: provinceID, kind: "paper", on: today, state: state, detail: "上传\(kind.title)：\(name)", actor: actor, on: db)
        try await audit.append(.init(action: "dispute.paper_add", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                     summary: "\(caseNo) 上传\(kind.title)“\(name)”（\(data.count) 字节，SHA-256 \(digest.prefix(16))…）"), actor: actor, on: db)
        return DisputePaper(id: id, kind: kind, filename: name, contentType: contentType, size: data.count, sha256: digest, uploadedBy: uploadedBy, uploadedAt: now)
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
