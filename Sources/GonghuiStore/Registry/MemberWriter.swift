import Foundation
import GonghuiDomain
import SQLKit

/// Low-level member writes shared by the services and the importer.
enum MemberWriter {
    /// Opens a transfer of `member` to `target` (refused while another is in progress), with its
    /// member event and audit entry; returns the transfer's id. `requestedBy` says who asked, in
    /// the event and audit texts ("本人" for the worker in the portal, empty for an officer).
    static func openTransfer(member: Member, path: String, to target: Organization, on date: CivilDate, reason: String, actor: Actor,
                             busy: String, requestedBy: String, audit: AuditWriter, on db: any SQLDatabase) async throws -> Int64 {
        if try await db.raw("SELECT id FROM transfers WHERE member_id = \(bind: member.id) AND state = 'processing'").first() != nil {
            throw StoreError.conflict(code: "transfer_in_progress", message: busy)
        }
        let now = Clock.nowMillis()
        let row = try await db.raw("""
            INSERT INTO transfers (province_id, member_id, from_org_id, to_org_id, state, outgoing, incoming, requested_on, reason, requested_by, created_at, updated_at)
            VALUES (\(bind: member.provinceID), \(bind: member.id), \(bind: member.orgID), \(bind: target.id), 'processing', 'pending', 'pending',
                    \(bind: date.iso), \(bind: reason), \(bind: actor.username), \(bind: now), \(bind: now)) RETURNING id
            """).first()
        let id = try row!.decode(column: "id", as: Int64.self)
        try await event(memberID: member.id, provinceID: member.provinceID, kind: .transferRequested, on: date, orgID: member.orgID,
                        detail: "\(requestedBy)申请由 \(member.orgName) 转至 \(target.name)" + (reason.isEmpty ? "" : "：\(reason)"), actor: actor, on: db)
        try await audit.append(.init(action: "transfer.request", entity: "transfer", entityID: String(id), orgID: member.orgID, orgPath: path,
                                     summary: "会员 \(member.name) \(requestedBy)申请由 \(member.orgCode) 转至 \(target.code)"), actor: actor, on: db)
        return id
    }

    static func checkMayHoldMembers(_ org: Organization, field: String = "org_code") throws {
        guard !org.kind.isTerritorial else {
            throw StoreError.invalid([FieldProblem(field: field, value: org.code, reason: "会员只能登记在基层工会、联合会、分工会或小组，不能登记在\(org.kind.title)")])
        }
        guard org.status == .active else {
            throw StoreError.invalid([FieldProblem(field: field, value: org.code, reason: "\(org.name)已\(org.status.label)")])
        }
    }

    static func insert(_ d: MemberDraft, org: Organization, cipher: FieldCipher, on db: any SQLDatabase) async throws -> Int64 {
        let now = Clock.nowMillis()
        let row = try await db.raw("""
            INSERT INTO members (province_id, org_id, id_hash, id_enc, id_masked, name, name_key, gender, birth_date, phone_hash, phone_enc, phone_masked,
                ethnicity, education, skill_level, household_type, is_migrant, employment_type, political_status, workplace, card_number,
                joined_on, status, status_since, created_at, updated_at)
            VALUES (\(bind: org.provinceID), \(bind: org.id), \(bind: cipher.blindIndex(d.idNumber.value, domain: "id")), \(bind: cipher.seal(d.idNumber.value)),
                \(bind: d.idNumber.masked), \(bind: d.name.trimmingCharacters(in: .whitespaces)), \(bind: NameOrder.key(d.name)), \(bind: d.idNumber.gender.rawValue), \(bind: d.idNumber.birthDate.iso),
                \(bind: d.phone.map { cipher.blindIndex($0.value, domain: "phone") }), \(bind: d.phone.map { cipher.seal($0.value) }), \(bind: d.phone?.masked),
                \(bind: NationalCodes.coded("ethnicity", d.ethnicity)), \(bind: NationalCodes.coded("education", d.education)), \(bind: d.skillLevel),
                \(bind: NationalCodes.coded("household_type", d.householdType)), \(bind: d.isMigrant), \(bind: d.employmentType.rawValue),
                \(bind: NationalCodes.coded("political_status", d.politicalStatus)), \(bind: d.workplace), \(bind: d.cardNumber), \(bind: d.joinedOn.iso), 'active', \(bind: d.joinedOn.iso), \(bind: now), \(bind: now))
            RETURNING id
            """).first()
        return try row!.decode(column: "id", as: Int64.self)
    }

    static func openPeriod(memberID: Int64, provinceID: Int64, orgID: Int64, status: MemberStatus, from: CivilDate, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO member_periods (province_id, member_id, org_id, status, valid_from, gender, is_migrant, employment_type, joined_on)
            SELECT \(bind: provinceID), m.id, \(bind: orgID), \(bind: status.rawValue), \(bind: from.iso), m.gender, m.is_migrant, m.employment_type, m.joined_on
            FROM members m WHERE m.id = \(bind: memberID)
            """).run()
    }

    /// Closes the open period on `date` and opens a new one with the new status in the same org.
    static func setStatus(memberID: Int64, provinceID: Int64, orgID: Int64, to status: MemberStatus, on date: CivilDate, on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE member_periods SET valid_to = \(bind: date.iso) WHERE member_id = \(bind: memberID) AND valid_to IS NULL").run()
        try await openPeriod(memberID: memberID, provinceID: provinceID, orgID: orgID, status: status, from: date, on: db)
        try await db.raw("UPDATE members SET status = \(bind: status.rawValue), status_since = \(bind: date.iso), version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: memberID)").run()
        // Periods that open and close on the same day carry no membership; drop them so as-of
        // queries stay simple.
        try await db.raw("DELETE FROM member_periods WHERE member_id = \(bind: memberID) AND valid_to IS NOT NULL AND valid_to <= valid_from").run()
    }

    /// Moves a member to another union on `date` in the standing they have (在会 or 保留会籍); the
    /// standing is dated from the move, so no later change can be dated before it.
    static func relocate(memberID: Int64, provinceID: Int64, toOrgID: Int64, on date: CivilDate, on db: any SQLDatabase) async throws {
        let raw = try await db.raw("SELECT status FROM members WHERE id = \(bind: memberID)").first()?.decode(column: "status", as: String.self)
        let status = raw.flatMap(MemberStatus.init(rawValue:)) ?? .active
        try await db.raw("UPDATE member_periods SET valid_to = \(bind: date.iso) WHERE member_id = \(bind: memberID) AND valid_to IS NULL").run()
        try await openPeriod(memberID: memberID, provinceID: provinceID, orgID: toOrgID, status: status, from: date, on: db)
        try await setProvince(of: "id = \(bind: memberID)", to: provinceID, on: db)
        try await db.raw("UPDATE members SET org_id = \(bind: toOrgID), province_id = \(bind: provinceID), status_since = \(bind: date.iso), version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: memberID)").run()
        try await db.raw("DELETE FROM member_periods WHERE member_id = \(bind: memberID) AND valid_to IS NOT NULL AND valid_to <= valid_from").run()
    }

    /// Puts the member rows `condition` selects under province `provinceID`. On a nation's
    /// coordinator the members are partitioned by province over shards, where an UPDATE of the
    /// province would leave the row on its old shard: there the rows are copied into the new
    /// province's partition, same id, and the old ones deleted; elsewhere it is a plain UPDATE.
    static func setProvince(of condition: SQLQueryString, to provinceID: Int64, on db: any SQLDatabase) async throws {
        if try await NationLayout.isPartitioned("members", on: db) {
            let columns = try await db.raw("""
                SELECT column_name::text AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'members' ORDER BY ordinal_position
                """).all().map { try $0.decode(column: "c", as: String.self) }
            let names = columns.map(ident).joined(separator: ", ")
            let values = columns.map { $0 == "province_id" ? String(provinceID) : ident($0) }.joined(separator: ", ")
            try await db.raw(sqlText("INSERT INTO members (\(names)) SELECT \(values) FROM members WHERE province_id <> \(provinceID) AND ") + condition).run()
            try await db.raw(sqlText("DELETE FROM members WHERE province_id <> \(provinceID) AND ") + condition).run()
        } else {
            try await db.raw(sqlText("UPDATE members SET province_id = \(provinceID) WHERE ") + condition).run()
        }
    }

    /// Moves every member of `from` to `to` on `date`, each with a dated period and event.
    static func moveAllMembers(from: Organization, to: Organization, on date: CivilDate, kind: MemberEvent.Kind, detail: String, actor: Actor, on db: any SQLDatabase) async throws -> Int {
        let rows = try await db.raw("SELECT id, status FROM members WHERE org_id = \(bind: from.id) AND status IN ('active', 'retained')").all()
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let status = MemberStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active
            try await db.raw("UPDATE member_periods SET valid_to = \(bind: date.iso) WHERE member_id = \(bind: id) AND valid_to IS NULL").run()
            try await openPeriod(memberID: id, provinceID: to.provinceID, orgID: to.id, status: status, from: date, on: db)
            try await db.raw("DELETE FROM member_periods WHERE member_id = \(bind: id) AND valid_to IS NOT NULL AND valid_to <= valid_from").run()
            try await event(memberID: id, provinceID: to.provinceID, kind: kind, on: date, orgID: to.id, detail: detail, actor: actor, on: db)
        }
        try await setProvince(of: "org_id = \(bind: from.id) AND status IN ('active', 'retained')", to: to.provinceID, on: db)
        try await db.raw("UPDATE members SET org_id = \(bind: to.id), province_id = \(bind: to.provinceID), version = version + 1 WHERE org_id = \(bind: from.id) AND status IN ('active', 'retained')").run()
        return rows.count
    }

    static func event(memberID: Int64, provinceID: Int64, kind: MemberEvent.Kind, on date: CivilDate, orgID: Int64?, detail: String, actor: Actor, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO member_events (province_id, member_id, kind, on_date, org_id, detail, actor, at)
            VALUES (\(bind: provinceID), \(bind: memberID), \(bind: kind.rawValue), \(bind: date.iso), \(bind: orgID), \(bind: detail), \(bind: actor.username), \(bind: Clock.nowMillis()))
            """).run()
    }
}
