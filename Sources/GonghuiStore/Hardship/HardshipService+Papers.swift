import Foundation
import GonghuiDomain
import SQLKit

/// An archive's papers (证明材料): recognised by their bytes, stored encrypted, every read audited.
extension HardshipService {
    // MARK: Attachments

    public static let maxAttachmentBytes = PaperFile.maxBytes
    public static let attachmentTypes = PaperFile.types

    /// Keeps a paper with the archive, encrypted. PDF, JPEG or PNG, up to 10 MiB; the content
    /// must be what its type says.
    public func addAttachment(archiveID: Int64, kind: HardshipAttachmentKind, filename: String, data: [UInt8], actor: Actor) async throws -> HardshipAttachment {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权上传档案材料") }
        let (name, type, problems) = PaperFile.check(filename: filename, data: data)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let sealed = try cipher.sealBytes(data)
        let digest = FileDigest.sha256Hex(Data(data))
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (archive, path) = try await Self.find(id: archiveID, scope: actor.scope, cipher: cipher, on: db)
            let now = Clock.nowMillis()
            guard let row = try await db.raw("""
                INSERT INTO hardship_attachments (archive_id, kind, filename, content_type, size, sha256, data, uploaded_by, uploaded_at)
                VALUES (\(bind: archiveID), \(bind: kind.rawValue), \(bind: name), \(bind: type!), \(bind: data.count), \(bind: digest), \(bind: Data(sealed)), \(bind: actor.displayName), \(bind: now))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "材料未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await Self.event(archiveID, kind: "attachment", on: .today(), stage: archive.workflow.stage, detail: "上传\(kind.title)：\(name)", actor: actor, on: db)
            try await audit.append(.init(action: "hardship.attachment_add", entity: "hardship_archive", entityID: String(archiveID), orgID: archive.orgID, orgPath: path,
                                         summary: "\(archive.archiveNo) 上传\(kind.title)“\(name)”（\(data.count) 字节，SHA-256 \(digest.prefix(16))…）"), actor: actor, on: db)
            return HardshipAttachment(id: id, kind: kind, filename: name, contentType: type!, size: data.count, sha256: digest, uploadedBy: actor.displayName, uploadedAt: now)
        }
    }

    public func attachments(archiveID: Int64, actor: Actor) async throws -> [HardshipAttachment] {
        try await database.read { db in
            _ = try await Self.locate(id: archiveID, scope: actor.scope, on: db)
            return try await db.raw("SELECT id, kind, filename, content_type, size, sha256, uploaded_by, uploaded_at FROM hardship_attachments WHERE archive_id = \(bind: archiveID) ORDER BY id").all().map(Self.attachment)
        }
    }

    /// The paper itself; every download is audited.
    public func attachmentData(archiveID: Int64, attachmentID: Int64, actor: Actor) async throws -> (HardshipAttachment, [UInt8]) {
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (orgID, path, archiveNo) = try await Self.locate(id: archiveID, scope: actor.scope, on: db)
            guard let row = try await db.raw("SELECT id, kind, filename, content_type, size, sha256, uploaded_by, uploaded_at, data FROM hardship_attachments WHERE id = \(bind: attachmentID) AND archive_id = \(bind: archiveID)").first() else {
                throw StoreError.notFound(entity: "档案材料", key: String(attachmentID))
            }
            let meta = try Self.attachment(row)
            let bytes = try cipher.openBytes([UInt8](try row.decode(column: "data", as: Data.self)))
            try await audit.append(.init(action: "hardship.attachment_download", entity: "hardship_archive", entityID: String(archiveID), orgID: orgID, orgPath: path,
                                         summary: "下载 \(archiveNo) 的\(meta.kind.title)“\(meta.filename)”"), actor: actor, on: db)
            return (meta, bytes)
        }
    }

    static func attachment(_ row: any SQLRow) throws -> HardshipAttachment {
        HardshipAttachment(id: try row.decode(column: "id", as: Int64.self),
                           kind: HardshipAttachmentKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
                           filename: try row.decode(column: "filename", as: String.self), contentType: try row.decode(column: "content_type", as: String.self),
                           size: try row.decode(column: "size", as: Int.self), sha256: try row.decode(column: "sha256", as: String.self),
                           uploadedBy: try row.decode(column: "uploaded_by", as: String.self), uploadedAt: try row.decode(column: "uploaded_at", as: Int64.self))
    }

}
