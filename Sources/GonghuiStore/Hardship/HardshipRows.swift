import Foundation
import GonghuiDomain
import SQLKit

/// The SQL shared by the hardship service's parts: assessing, the household lock, the family rows, rows to Domain values.
extension HardshipService {
    // MARK: Rows and helpers

    struct Assessed {
        var assessment: HardshipAssessment
        var category: HardshipCategory?
        var overrideReason: String?
    }

    /// The category from the 低保 line in force for the family's region on `date`, and the
    /// officer's category where it differs, with its reason. Refused when no line is in force,
    /// or when the family does not qualify and the officer gave no category.
    static func assess(_ d: HardshipDetails, on date: CivilDate, override: HardshipCategory?, reason: String, on db: any SQLDatabase) async throws -> Assessed {
        let code = d.regionCode
        let regions = [code, String(code.prefix(4)) + "00", String(code.prefix(2)) + "0000"]
        let table = SubsistenceTable(try await lines(on: db, regions: regions))
        guard let line = table.line(for: code, on: date) else {
            throw StoreError.invalid([FieldProblem(field: "region_code", value: code, reason: "地区 \(code) 在 \(date.iso) 没有执行中的低保标准，请先由省总工会维护低保标准")])
        }
        let assessment = HardshipAssessment.assess(d.finances, line: line)
        if let override, override != assessment.category {
            return Assessed(assessment: assessment, category: override, overrideReason: reason.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let category = assessment.category else {
            throw StoreError.invalid([FieldProblem(
                field: "category", value: "",
                reason: "按家庭收支计算不符合困难职工认定条件（人均月收入 \(assessment.perCapitaMonthly.yuanString) 元，不低于低保标准 2 倍 \(Money(fen: line.monthly.fen * 2).yuanString) 元）；如确属困难，请选择认定类别并填写理由")])
        }
        return Assessed(assessment: assessment, category: category, overrideReason: nil)
    }

    /// The audit entry of a category the officer chose over the computed one.
    static func auditOverride(_ a: Assessed, archiveID: Int64, archiveNo: String, orgID: Int64, orgPath: String, reason: String, actor: Actor,
                              audit: AuditWriter, on db: any SQLDatabase) async throws {
        try await audit.append(.init(action: "hardship.category_override", entity: "hardship_archive", entityID: String(archiveID), orgID: orgID, orgPath: orgPath,
                                     summary: "\(archiveNo) 认定为\(a.category?.title ?? "")，计算结果为\(a.assessment.category?.title ?? "不符合")；理由：\(reason)",
                                     before: a.assessment.category?.rawValue, after: a.category?.rawValue), actor: actor, on: db)
    }

    static func categoryText(_ a: Assessed) -> String {
        let computed = "按低保标准 \(a.assessment.line.monthly.yuanString) 元计算人均月收入 \(a.assessment.perCapitaMonthly.yuanString) 元，为\(a.assessment.category?.title ?? "不符合条件")"
        guard let reason = a.overrideReason else { return computed }
        return computed + "；人工认定为\(a.category?.title ?? "")，理由：\(reason)"
    }

    /// The worker listed among their own family: compared by blind index, not by the masked
    /// number (two people can share its first six and last four characters).
    static func applicantInFamily(_ family: [HardshipFamilyMemberDraft], applicantHash: String, masked: String, cipher: FieldCipher) -> [FieldProblem] {
        family.enumerated().compactMap { i, f in
            guard let id = f.idNumber, cipher.blindIndex(id.value, domain: "id") == applicantHash else { return nil }
            return FieldProblem(field: "family[\(i + 1)].id_number", value: masked, reason: "家庭成员不能是申请人本人")
        }
    }

    static func secondaryText(_ c: HardshipCauses) -> String {
        c.secondary.isEmpty ? "" : "," + c.secondary.map { String($0.rawValue) }.joined(separator: ",") + ","
    }

    static func event(_ archiveID: Int64, kind: String, on date: CivilDate, stage: HardshipArchiveStage, detail: String, actor: Actor, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO hardship_events (archive_id, kind, on_date, stage, detail, actor, at)
            VALUES (\(bind: archiveID), \(bind: kind), \(bind: date.iso), \(bind: stage.rawValue), \(bind: detail), \(bind: actor.displayName), \(bind: Clock.nowMillis()))
            """).run()
    }

    /// The update lands only on the version read, so two officers cannot both move one archive.
    static func guardedUpdate(id: Int64, version: Int, set: SQLQueryString, archiveNo: String, on db: any SQLDatabase) async throws {
        let row = try await db.raw("UPDATE hardship_archives SET " + set + " WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id").first()
        if row == nil { throw StoreError.staleVersion(entity: "档案", key: archiveNo) }
    }

    static func familyHashes(archiveID: Int64, on db: any SQLDatabase) async throws -> [(name: String, enc: String?, hash: String?, masked: String?)] {
        try await db.raw("SELECT name, id_enc, id_hash, id_masked FROM hardship_family WHERE archive_id = \(bind: archiveID) ORDER BY seq").all().map { row in
            (try row.decode(column: "name", as: String.self), try row.decode(column: "id_enc", as: String?.self),
             try row.decode(column: "id_hash", as: String?.self), try row.decode(column: "id_masked", as: String?.self))
        }
    }

    /// Takes the household's ID numbers for this archive. A number already in another open
    /// archive refuses the whole change; the archive's number is named only where the actor can
    /// see that archive.
    static func lockHousehold(archiveID: Int64, applicantHash: String, family: [HardshipFamilyMemberDraft],
                              existing: [(name: String, enc: String?, hash: String?, masked: String?)], scope: Scope, cipher: FieldCipher, on db: any SQLDatabase) async throws {
        var wanted: [(hash: String, who: String, field: String)] = [(applicantHash, "申请人", "id_number")]
        for (i, f) in family.enumerated() {
            if let id = f.idNumber {
                wanted.append((cipher.blindIndex(id.value, domain: "id"), "家庭成员\(f.name)（\(id.masked)）", "family[\(i + 1)].id_number"))
            } else if let kept = existing.first(where: { $0.name == f.name })?.hash {
                wanted.append((kept, "家庭成员\(f.name)", "family[\(i + 1)].id_number"))
            }
        }
        var problems: [FieldProblem] = []
        for w in wanted {
            guard let row = try await db.raw("""
                SELECT h.archive_id, a.archive_no, o.path FROM hardship_households h JOIN hardship_archives a ON a.id = h.archive_id JOIN orgs o ON o.id = a.org_id
                WHERE h.id_hash = \(bind: w.hash) AND h.archive_id <> \(bind: archiveID)
                """).first() else { continue }
            let visible = scope.contains(path: try row.decode(column: "path", as: String.self))
            let where_ = visible ? "档案 \(try row.decode(column: "archive_no", as: String.self))" : "其他工会的档案"
            problems.append(FieldProblem(field: w.field, value: "", reason: "\(w.who)已在未销档的困难职工档案中（\(where_)）：一户只建一档"))
        }
        if !problems.isEmpty { throw StoreError.conflict(code: "household_has_archive", message: problems.map(\.reason).joined(separator: "；"), field: problems.first?.field) }
        try await db.raw("DELETE FROM hardship_households WHERE archive_id = \(bind: archiveID)").run()
        // In one order, so two builds for one household wait for each other instead of deadlocking.
        for hash in Set(wanted.map(\.hash)).sorted() {
            do {
                try await db.raw("INSERT INTO hardship_households (id_hash, archive_id) VALUES (\(bind: hash), \(bind: archiveID))").run()
            } catch where Database.isUniqueViolation(error) {
                // Another union built an archive for the same household at the same moment.
                throw StoreError.conflict(code: "household_has_archive", message: "该户已有未销档的困难职工档案：一户只建一档", field: "id_number")
            }
        }
    }

    static func writeFamily(archiveID: Int64, _ family: [HardshipFamilyMemberDraft], existing: [(name: String, enc: String?, hash: String?, masked: String?)],
                            cipher: FieldCipher, on db: any SQLDatabase) async throws {
        for (i, f) in family.enumerated() {
            var enc: String?, hash: String?, masked: String?
            if let id = f.idNumber {
                enc = cipher.seal(id.value); hash = cipher.blindIndex(id.value, domain: "id"); masked = id.masked
            } else if let kept = existing.first(where: { $0.name == f.name }) {
                (enc, hash, masked) = (kept.enc, kept.hash, kept.masked)
            }
            try await db.raw("""
                INSERT INTO hardship_family (archive_id, seq, name, relation, id_enc, id_hash, id_masked, health, monthly_income_fen, school_or_work)
                VALUES (\(bind: archiveID), \(bind: i + 1), \(bind: f.name.trimmingCharacters(in: .whitespaces)), \(bind: f.relation), \(bind: enc), \(bind: hash), \(bind: masked),
                        \(bind: f.health), \(bind: f.monthlyIncome.fen), \(bind: f.schoolOrWork.trimmingCharacters(in: .whitespaces)))
                """).run()
        }
    }

    /// The archive's union and its path, inside the scope.
    static func locate(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> (orgID: Int64, path: String, archiveNo: String) {
        let q: SQLQueryString = "SELECT a.org_id, o.path, a.archive_no FROM hardship_archives a JOIN orgs o ON o.id = a.org_id WHERE a.id = \(bind: id) AND " + scope.sql("o.path")
        guard let row = try await db.raw(q).first() else { throw StoreError.notFound(entity: "困难职工档案", key: String(id)) }
        return (try row.decode(column: "org_id", as: Int64.self), try row.decode(column: "path", as: String.self), try row.decode(column: "archive_no", as: String.self))
    }

    static let summarySelect: SQLQueryString = """
        SELECT a.id, a.archive_no, o.code AS org_code, o.name AS org_name, a.member_id, a.name, a.id_masked, a.category, a.override_reason, a.main_cause,
            a.stage, a.applied_on, a.due_on, a.verified_on, a.per_capita_fen, a.return_reason, a.version
        FROM hardship_archives a JOIN orgs o ON o.id = a.org_id
        """

    static func summary(_ row: any SQLRow) throws -> HardshipArchiveSummary {
        HardshipArchiveSummary(
            id: try row.decode(column: "id", as: Int64.self), archiveNo: try row.decode(column: "archive_no", as: String.self),
            orgCode: try row.decode(column: "org_code", as: String.self), orgName: try row.decode(column: "org_name", as: String.self),
            memberID: try row.decode(column: "member_id", as: Int64?.self), name: try row.decode(column: "name", as: String.self),
            idNumberMasked: try row.decode(column: "id_masked", as: String.self),
            category: try row.decode(column: "category", as: String?.self).flatMap(HardshipCategory.init(rawValue:)),
            categoryOverridden: try row.decode(column: "override_reason", as: String?.self) != nil,
            mainCause: HardshipCause(rawValue: try row.decode(column: "main_cause", as: Int.self)) ?? .other,
            stage: HardshipArchiveStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .building,
            appliedOn: try Rows.date(row, "applied_on") ?? CivilDate(daysSinceEpoch: 0), dueOn: try Rows.date(row, "due_on"),
            verifiedOn: try Rows.date(row, "verified_on"), perCapitaMonthly: Money(fen: try row.decode(column: "per_capita_fen", as: Int64.self)),
            returnReason: try row.decode(column: "return_reason", as: String?.self), version: try row.decode(column: "version", as: Int.self))
    }

    static func find(id: Int64, scope: Scope, cipher: FieldCipher, on db: any SQLDatabase) async throws -> (archive: HardshipArchive, path: String) {
        let q: SQLQueryString = "SELECT a.*, o.code AS org_code, o.name AS org_name, o.path AS org_path FROM hardship_archives a JOIN orgs o ON o.id = a.org_id WHERE a.id = \(bind: id) AND " + scope.sql("o.path")
        guard let row = try await db.raw(q).first() else { throw StoreError.notFound(entity: "困难职工档案", key: String(id)) }
        let family = try await db.raw("SELECT name, relation, id_masked, health, monthly_income_fen, school_or_work FROM hardship_family WHERE archive_id = \(bind: id) ORDER BY seq").all().map { f in
            HardshipFamilyMember(name: try f.decode(column: "name", as: String.self), relation: try f.decode(column: "relation", as: String.self),
                                 idNumberMasked: try f.decode(column: "id_masked", as: String?.self), health: try f.decode(column: "health", as: String.self),
                                 monthlyIncome: Money(fen: try f.decode(column: "monthly_income_fen", as: Int64.self)), schoolOrWork: try f.decode(column: "school_or_work", as: String.self))
        }
        let secondary = try row.decode(column: "secondary_causes", as: String.self).split(separator: ",").compactMap { Int($0).flatMap(HardshipCause.init(rawValue:)) }
        let details = HardshipDetails(
            regionCode: try row.decode(column: "region_code", as: String.self),
            finances: HouseholdFinances(annualIncome: Money(fen: try row.decode(column: "annual_income_fen", as: Int64.self)),
                                        rigidExpenses: Money(fen: try row.decode(column: "rigid_expenses_fen", as: Int64.self)),
                                        householdSize: try row.decode(column: "household_size", as: Int.self),
                                        suddenCosts: Money(fen: try row.decode(column: "sudden_costs_fen", as: Int64.self))),
            ownMonthlyIncome: Money(fen: try row.decode(column: "own_monthly_income_fen", as: Int64.self)),
            causes: HardshipCauses(main: HardshipCause(rawValue: try row.decode(column: "main_cause", as: Int.self)) ?? .other, secondary: secondary),
            health: try row.decode(column: "health", as: String.self), majorIllness: try row.decode(column: "major_illness", as: String?.self),
            disabilityGrade: try row.decode(column: "disability_grade", as: String?.self), housing: try row.decode(column: "housing", as: String.self),
            maritalStatus: try row.decode(column: "marital_status", as: String.self), singleParent: try row.decode(column: "single_parent", as: Bool.self),
            householdRegistration: try row.decode(column: "household_registration", as: String.self),
            medicalInsurance: try row.decode(column: "medical_insurance", as: String.self), canSelfHelp: try row.decode(column: "can_self_help", as: Bool.self),
            zeroEmployment: try row.decode(column: "zero_employment", as: Bool.self), isMigrantWorker: try row.decode(column: "is_migrant", as: Bool.self),
            livesInCity: try row.decode(column: "lives_in_city", as: Bool.self), laborRelationSince: try Rows.date(row, "labor_relation_since"),
            bankName: try row.decode(column: "bank_name", as: String.self), note: try row.decode(column: "note", as: String.self))
        let appliedOn = try Rows.date(row, "applied_on") ?? CivilDate(daysSinceEpoch: 0)
        let workflow = HardshipWorkflow(
            stage: HardshipArchiveStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .building, appliedOn: appliedOn,
            noticeStartedOn: try Rows.date(row, "notice_started_on"), noticeDays: try row.decode(column: "notice_days", as: Int.self),
            filedOn: try Rows.date(row, "filed_on"), verifiedOn: try Rows.date(row, "verified_on"), closedOn: try Rows.date(row, "closed_on"),
            returnReason: try row.decode(column: "return_reason", as: String?.self))
        let archive = HardshipArchive(
            id: id, archiveNo: try row.decode(column: "archive_no", as: String.self), orgID: try row.decode(column: "org_id", as: Int64.self),
            orgCode: try row.decode(column: "org_code", as: String.self), orgName: try row.decode(column: "org_name", as: String.self),
            memberID: try row.decode(column: "member_id", as: Int64?.self), name: try row.decode(column: "name", as: String.self),
            idNumberMasked: try row.decode(column: "id_masked", as: String.self), phoneMasked: try row.decode(column: "phone_masked", as: String?.self),
            details: details, bankAccountMasked: try row.decode(column: "bank_account_masked", as: String.self), family: family,
            computedCategory: try row.decode(column: "computed_category", as: String?.self).flatMap(HardshipCategory.init(rawValue:)),
            category: try row.decode(column: "category", as: String?.self).flatMap(HardshipCategory.init(rawValue:)),
            overrideReason: try row.decode(column: "override_reason", as: String?.self),
            line: SubsistenceLine(regionCode: try row.decode(column: "line_region", as: String.self), effectiveFrom: try Rows.date(row, "line_from") ?? appliedOn,
                                  monthly: Money(fen: try row.decode(column: "line_monthly_fen", as: Int64.self))),
            workflow: workflow,
            closingReason: try row.decode(column: "closing_reason", as: String?.self).flatMap(HardshipClosingReason.init(rawValue:)),
            closingNote: try row.decode(column: "closing_note", as: String?.self), builtBy: try row.decode(column: "built_by", as: String.self),
            version: try row.decode(column: "version", as: Int.self), createdAt: try row.decode(column: "created_at", as: Int64.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64.self))
        return (archive, try row.decode(column: "org_path", as: String.self))
    }
}
