import Foundation
import GonghuiDomain
import SQLKit

/// A member as an export row: identifiers in full for roles that may see them, masked otherwise.
public struct ExportedMember: Sendable {
    public var idNumber: String
    public var name: String
    public var phone: String
    public var orgCode: String
    public var joinedOn: CivilDate
    public var employmentType: EmploymentType
    public var isMigrant: Bool
    public var status: MemberStatus
    public var ethnicity: String?
    public var education: String?
    public var cardNumber: String?

    /// Cells in the order of ``ImportColumns/members``, so an export re-imports as it is.
    public var cells: [String] {
        [idNumber, name, phone, orgCode, joinedOn.iso, employmentType.label, isMigrant ? "是" : "否", status.label,
         ethnicity ?? "", education ?? "", cardNumber ?? ""]
    }
}

extension Organization {
    /// Cells in the order of ``ImportColumns/orgs``.
    public var exportCells: [String] {
        func yn(_ b: Bool) -> String { b ? "是" : "否" }
        return [code, name, parentCode ?? "", kind.label, creditCode ?? "", regionCode ?? "", unitNature?.rawValue ?? "", industry ?? "",
                String(employees), String(womenEmployees), String(migrantEmployees), foundedOn?.iso ?? "", chairName ?? "",
                yn(flags.womenCommittee), yn(flags.fundsAuditCommittee), yn(flags.workersCongress), yn(flags.factoryAffairsOpenness),
                yn(flags.laborProtectionCommittee), yn(flags.mediationCommittee)]
    }
}

extension Store {
    /// Streams the members of an org's subtree in pages (keyset by id), decrypting identifiers
    /// when the actor may see them. The export itself is audited.
    public func exportMembers(orgCode: String, actor: Actor, page: Int = 5000, _ sink: ([ExportedMember]) throws -> Void) async throws -> Int {
        let org = try await orgs.org(code: orgCode, actor: actor)
        let path = try await database.read { db in try await OrgService.path(of: org.id, on: db) }
        let scope = Scope(path: path)
        let reveal = actor.role.maySeeIdentifiers
        let cipher = self.cipher
        var after: Int64 = 0
        var total = 0
        while true {
            let from = after
            let rows = try await database.read { db in
                try await db.raw("""
                    SELECT m.id, m.id_enc, m.id_masked, m.name, m.phone_enc, m.phone_masked, o.code AS org_code, m.joined_on, m.employment_type,
                           m.is_migrant, m.status, m.ethnicity, m.education, m.card_number
                    FROM members m JOIN orgs o ON o.id = m.org_id
                    WHERE m.id > \(bind: from) AND
                    """ + " " + scope.sql("o.path") + " ORDER BY m.id LIMIT \(bind: page)").all()
            }
            if rows.isEmpty { break }
            var batch: [ExportedMember] = []
            batch.reserveCapacity(rows.count)
            for row in rows {
                after = try row.decode(column: "id", as: Int64.self)
                let id = reveal ? try cipher.open(try row.decode(column: "id_enc", as: String.self)) : try row.decode(column: "id_masked", as: String.self)
                let phone = reveal ? try row.decode(column: "phone_enc", as: String?.self).map { try cipher.open($0) } : try row.decode(column: "phone_masked", as: String?.self)
                batch.append(ExportedMember(
                    idNumber: id, name: try row.decode(column: "name", as: String.self), phone: phone ?? "",
                    orgCode: try row.decode(column: "org_code", as: String.self),
                    joinedOn: try Rows.date(row, "joined_on") ?? CivilDate(daysSinceEpoch: 0),
                    employmentType: EmploymentType(rawValue: try row.decode(column: "employment_type", as: String.self)) ?? .fixedTerm,
                    isMigrant: try row.decode(column: "is_migrant", as: Bool.self),
                    status: MemberStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active,
                    ethnicity: try row.decode(column: "ethnicity", as: String?.self), education: try row.decode(column: "education", as: String?.self),
                    cardNumber: try row.decode(column: "card_number", as: String?.self)))
            }
            try sink(batch)
            total += batch.count
        }
        try await record(action: "member.export", entity: "org", entityID: orgCode,
                         summary: "导出 \(org.name)（\(orgCode)）及下级的会员 \(total) 人" + (reveal ? "（含完整证件号码和手机号）" : "（证件号码已脱敏）"), actor: actor)
        return total
    }

    /// The org and its whole subtree, parents before children, for export.
    public func exportOrgs(orgCode: String, actor: Actor) async throws -> [Organization] {
        let org = try await orgs.org(code: orgCode, actor: actor)
        let list = try await database.read { db in
            let path = try await OrgService.path(of: org.id, on: db)
            return try await db.raw(Rows.orgSelect + " WHERE " + Scope(path: path).sql("o.path") + " ORDER BY o.depth, o.code").all().map(Rows.org)
        }
        try await record(action: "org.export", entity: "org", entityID: orgCode, summary: "导出 \(org.name)（\(orgCode)）及下级组织 \(list.count) 个", actor: actor)
        return list.map { o in
            // The export's root names its parent only when the reader could import it back under it.
            var o = o
            if o.code == orgCode && !actor.isSystem { o.parentCode = nil }
            return o
        }
    }
}
