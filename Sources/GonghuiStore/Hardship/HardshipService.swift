import Crypto
import Foundation
import GonghuiDomain
import PostgresNIO
import SQLKit

/// Hardship archives (困难职工档案, 一户一档) and the province's 低保 table (DOMAIN.md §4).
///
/// Who may do what, besides seeing the archive at all (it lies in the actor's subtree):
/// - build, revise, submit for notice, end the notice, re-verify: roles that edit the registry;
/// - pass the re-check: reviewing roles of a union strictly above the archive's union;
/// - approve and file, close a filed archive: reviewing roles of a county-level or higher union
///   (its assistance center, 帮扶中心);
/// - send back: whoever may take the step the archive is waiting for.
public struct HardshipService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    static let noticeDaysKey = "hardship_notice_days"

    // MARK: 低保 lines

    public func subsistenceLines() async throws -> [SubsistenceLine] {
        try await database.read { db in try await Self.lines(on: db, regions: nil) }
    }

    static func lines(on db: any SQLDatabase, regions: [String]?) async throws -> [SubsistenceLine] {
        var q: SQLQueryString = "SELECT region_code, effective_from, monthly_fen FROM subsistence_lines"
        if let regions {
            q += " WHERE region_code IN (" + regions.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")"
        }
        q += " ORDER BY region_code, effective_from"
        return try await db.raw(q).all().map { row in
            SubsistenceLine(regionCode: try row.decode(column: "region_code", as: String.self),
                            effectiveFrom: try Rows.date(row, "effective_from") ?? CivilDate(daysSinceEpoch: 0),
                            monthly: Money(fen: try row.decode(column: "monthly_fen", as: Int64.self)))
        }
    }

    /// Records the line of a region from a date (or corrects the line already recorded for that
    /// date). Only the province level maintains the table.
    public func setSubsistenceLine(_ line: SubsistenceLine, actor: Actor) async throws {
        try await OrgService.requireLevel(actor, [.province], "维护低保标准", in: database)
        var problems: [FieldProblem] = []
        if line.regionCode.count != 6 || !line.regionCode.allSatisfy({ $0.isASCII && $0.isNumber }) {
            problems.append(FieldProblem(field: "region_code", value: line.regionCode, reason: "地区应为 6 位行政区划代码"))
        }
        if line.monthly.fen <= 0 { problems.append(FieldProblem(field: "monthly", value: line.monthly.yuanString, reason: "低保标准应大于 0")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        try await database.write { db in
            let before = try await db.raw("SELECT monthly_fen FROM subsistence_lines WHERE region_code = \(bind: line.regionCode) AND effective_from = \(bind: line.effectiveFrom.iso)").first()
            let now = Clock.nowMillis()
            if before != nil {
                try await db.raw("UPDATE subsistence_lines SET monthly_fen = \(bind: line.monthly.fen), recorded_by = \(bind: actor.username), recorded_at = \(bind: now) WHERE region_code = \(bind: line.regionCode) AND effective_from = \(bind: line.effectiveFrom.iso)").run()
            } else {
                try await db.raw("INSERT INTO subsistence_lines (region_code, effective_from, monthly_fen, recorded_by, recorded_at) VALUES (\(bind: line.regionCode), \(bind: line.effectiveFrom.iso), \(bind: line.monthly.fen), \(bind: actor.username), \(bind: now))").run()
            }
            let old = try before.map { Money(fen: try $0.decode(column: "monthly_fen", as: Int64.self)).yuanString }
            try await audit.append(.init(action: "subsistence.set", entity: "subsistence_line", entityID: "\(line.regionCode)@\(line.effectiveFrom.iso)", orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "低保标准 \(line.regionCode) 自 \(line.effectiveFrom.iso) 起 \(line.monthly.yuanString) 元/人·月" + (old.map { "（原 \($0) 元）" } ?? ""),
                                         before: old, after: line.monthly.yuanString), actor: actor, on: db)
        }
    }

    /// Days of public notice (公示) for new archives; the province may change it.
    public func noticeDays() async throws -> Int {
        try await database.read { db in try await Self.noticeDays(on: db) }
    }

    static func noticeDays(on db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw("SELECT value FROM settings WHERE key = \(bind: noticeDaysKey)").first()
        return try row.flatMap { Int(try $0.decode(column: "value", as: String.self)) } ?? HardshipWorkflow.defaultNoticeDays
    }

    public func setNoticeDays(_ days: Int, actor: Actor) async throws {
        try await OrgService.requireLevel(actor, [.province], "设置公示天数", in: database)
        guard (1...30).contains(days) else { throw StoreError.invalid([FieldProblem(field: "notice_days", value: String(days), reason: "公示天数应为 1 至 30 天")]) }
        let audit = self.audit
        try await database.write { db in
            let old = try await Self.noticeDays(on: db)
            try await db.raw("DELETE FROM settings WHERE key = \(bind: Self.noticeDaysKey)").run()
            try await db.raw("INSERT INTO settings (key, value) VALUES (\(bind: Self.noticeDaysKey), \(bind: String(days)))").run()
            try await audit.append(.init(action: "hardship.notice_days", entity: "setting", entityID: Self.noticeDaysKey, orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "困难职工建档公示天数由 \(old) 天改为 \(days) 天", before: String(old), after: String(days)), actor: actor, on: db)
        }
    }

    // MARK: Reading

    public func archive(id: Int64, actor: Actor) async throws -> HardshipArchive {
        let cipher = self.cipher
        return try await database.read { db in try await Self.find(id: id, scope: actor.scope, cipher: cipher, on: db).archive }
    }

    /// The open archive (any stage before closing) of a member, if their household has one.
    public func openArchive(memberID: Int64, actor: Actor) async throws -> HardshipArchiveSummary? {
        try await database.read { db in
            let q = Self.summarySelect + " WHERE a.member_id = \(bind: memberID) AND a.stage <> 'closed' AND " + actor.scope.sql("o.path") + " LIMIT 1"
            return try await db.raw(q).first().map(Self.summary)
        }
    }

    public func list(_ filter: HardshipFilter, actor: Actor, limit: Int = 50, offset: Int = 0) async throws -> HardshipPage {
        let limit = min(max(limit, 1), 500), offset = max(offset, 0)
        return try await database.read { db in
            var scope = actor.scope
            if let code = filter.orgCode, !code.isEmpty {
                let org = try await OrgService.find(code: code, scope: actor.scope, on: db)
                scope = Scope(path: try await OrgService.path(of: org.id, on: db))
            }
            var w: SQLQueryString = " WHERE " + scope.sql("o.path")
            if !filter.stages.isEmpty {
                w += " AND a.stage IN (" + filter.stages.map { "\(bind: $0.rawValue)" as SQLQueryString }.joined(separator: ", ") + ")"
            }
            if let c = filter.category { w += " AND a.category = \(bind: c.rawValue)" }
            if let cause = filter.cause { w += " AND (a.main_cause = \(bind: cause.rawValue) OR a.secondary_causes LIKE \(bind: "%,\(cause.rawValue),%"))" }
            if let name = filter.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                w += " AND a.name >= \(bind: name) AND a.name < \(bind: name + "\u{10FFFF}")"
            }
            if filter.dueForReverification {
                w += " AND a.stage = 'filed' AND a.due_on <= \(bind: filter.today.adding(days: 30).iso)"
            }
            if filter.overdueOnly {
                w += " AND a.stage IN ('building', 'filed') AND a.due_on < \(bind: filter.today.iso)"
            }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM hardship_archives a JOIN orgs o ON o.id = a.org_id" + w).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw(Self.summarySelect + w + " ORDER BY CASE WHEN a.due_on IS NULL THEN 1 ELSE 0 END, a.due_on, a.id LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            return HardshipPage(items: try rows.map(Self.summary), total: total, limit: limit, offset: offset)
        }
    }

    /// Counts of open archives by stage in the actor's subtree, and how many are past their
    /// deadline, for the worklist tabs.
    public func stageCounts(actor: Actor, today: CivilDate = .today()) async throws -> [HardshipArchiveStage: (total: Int, overdue: Int)] {
        try await database.read { db in
            let rows = try await db.raw("""
                SELECT a.stage, COUNT(*) AS n, SUM(CASE WHEN a.stage IN ('building', 'filed') AND a.due_on < \(bind: today.iso) THEN 1 ELSE 0 END) AS late
                FROM hardship_archives a JOIN orgs o ON o.id = a.org_id WHERE
                """ + " " + actor.scope.sql("o.path") + " GROUP BY a.stage").all()
            var out: [HardshipArchiveStage: (total: Int, overdue: Int)] = [:]
            for row in rows {
                guard let stage = HardshipArchiveStage(rawValue: try row.decode(column: "stage", as: String.self)) else { continue }
                out[stage] = (try row.decode(column: "n", as: Int.self), try row.decode(column: "late", as: Int?.self) ?? 0)
            }
            return out
        }
    }

    public func history(id: Int64, actor: Actor) async throws -> [HardshipEvent] {
        try await database.read { db in
            _ = try await Self.locate(id: id, scope: actor.scope, on: db)
            return try await db.raw("SELECT kind, on_date, stage, detail, actor, at FROM hardship_events WHERE archive_id = \(bind: id) ORDER BY id").all().map { row in
                HardshipEvent(kind: try row.decode(column: "kind", as: String.self), onDate: try Rows.date(row, "on_date") ?? CivilDate(daysSinceEpoch: 0),
                              stage: HardshipArchiveStage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .building,
                              detail: try row.decode(column: "detail", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                              recordedAt: try row.decode(column: "at", as: Int64.self))
            }
        }
    }

    // MARK: Building

    public func build(_ draft: HardshipArchiveDraft, actor: Actor, today: CivilDate = .today()) async throws -> HardshipArchive {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权建立困难职工档案") }
        var problems = draft.problems(today: today)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            // The person and the union that holds the archive.
            let orgID: Int64, orgPath: String, memberID: Int64?, name: String
            let idEnc: String, idHash: String, idMasked: String, phoneEnc: String?, phoneMasked: String?
            switch draft.person {
            case .member(let id):
                let (member, path) = try await MemberService.find(id: id, scope: actor.scope, on: db)
                guard member.status == .active || member.status == .retained else {
                    throw StoreError.invalid([FieldProblem(field: "member_id", value: String(id), reason: "会员状态为“\(member.status.label)”，不能以会员身份建档")])
                }
                guard let row = try await db.raw("SELECT id_enc, id_hash, phone_enc FROM members WHERE id = \(bind: id)").first() else {
                    throw StoreError.notFound(entity: "会员", key: String(id))
                }
                orgID = member.orgID; orgPath = path; memberID = id; name = member.name
                idEnc = try row.decode(column: "id_enc", as: String.self); idHash = try row.decode(column: "id_hash", as: String.self)
                idMasked = member.idNumberMasked
                phoneEnc = try row.decode(column: "phone_enc", as: String?.self); phoneMasked = member.phoneMasked
            case .nonMember(let personName, let idNumber, let phone, let orgCode):
                let org: Organization
                do {
                    org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
                } catch StoreError.notFound {
                    throw StoreError.invalid([FieldProblem(field: "org_code", value: orgCode, reason: "建档工会不存在或不在您的管辖范围内")])
                }
                guard org.status == .active else {
                    throw StoreError.invalid([FieldProblem(field: "org_code", value: orgCode, reason: "建档工会已撤销")])
                }
                let hash = cipher.blindIndex(idNumber.value, domain: "id")
                if try await db.raw("SELECT id FROM members WHERE id_hash = \(bind: hash)").first() != nil {
                    throw StoreError.conflict(code: "is_member", message: "身份证号 \(idNumber.masked) 已登记为会员，请从会员页为其建档，由其所在工会办理", field: "id_number")
                }
                let trimmed = personName.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, trimmed.count <= 50 else { throw StoreError.invalid([FieldProblem(field: "name", value: trimmed, reason: "请填写姓名（最多 50 字）")]) }
                orgID = org.id; orgPath = try await OrgService.path(of: org.id, on: db); memberID = nil; name = trimmed
                idEnc = cipher.seal(idNumber.value); idHash = hash; idMasked = idNumber.masked
                phoneEnc = phone.map { cipher.seal($0.value) }; phoneMasked = phone?.masked
            }
            problems = Self.applicantInFamily(draft.family, applicantHash: idHash, masked: idMasked, cipher: cipher)
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let assessed = try await Self.assess(draft.details, on: draft.appliedOn, override: draft.categoryOverride, reason: draft.overrideReason, on: db)
            let workflow = HardshipWorkflow(appliedOn: draft.appliedOn, noticeDays: try await Self.noticeDays(on: db))
            let now = Clock.nowMillis()
            let d = draft.details
            guard let inserted = try await db.raw("""
                INSERT INTO hardship_archives (archive_no, org_id, member_id, name, id_enc, id_hash, id_masked, phone_enc, phone_masked, region_code,
                    annual_income_fen, rigid_expenses_fen, household_size, sudden_costs_fen, own_monthly_income_fen, main_cause, secondary_causes,
                    health, major_illness, disability_grade, housing, marital_status, single_parent, household_registration, medical_insurance,
                    can_self_help, zero_employment, is_migrant, lives_in_city, labor_relation_since, bank_name, bank_account_enc, bank_account_masked, note,
                    computed_category, category, override_reason, per_capita_fen, line_region, line_from, line_monthly_fen,
                    stage, applied_on, notice_days, due_on, built_by, version, created_at, updated_at)
                VALUES (\(bind: "new-" + UUID().uuidString), \(bind: orgID), \(bind: memberID), \(bind: name), \(bind: idEnc), \(bind: idHash), \(bind: idMasked),
                    \(bind: phoneEnc), \(bind: phoneMasked), \(bind: d.regionCode),
                    \(bind: d.finances.annualIncome.fen), \(bind: d.finances.rigidExpenses.fen), \(bind: d.finances.householdSize), \(bind: d.finances.suddenCosts.fen),
                    \(bind: d.ownMonthlyIncome.fen), \(bind: d.causes.main.rawValue), \(bind: Self.secondaryText(d.causes)),
                    \(bind: d.health), \(bind: d.majorIllness), \(bind: d.disabilityGrade), \(bind: d.housing), \(bind: d.maritalStatus), \(bind: d.singleParent),
                    \(bind: d.householdRegistration), \(bind: d.medicalInsurance), \(bind: d.canSelfHelp), \(bind: d.zeroEmployment), \(bind: d.isMigrantWorker),
                    \(bind: d.livesInCity), \(bind: d.laborRelationSince?.iso), \(bind: d.bankName.trimmingCharacters(in: .whitespaces)),
                    \(bind: cipher.seal(draft.bankAccount.value)), \(bind: draft.bankAccount.masked), \(bind: d.note),
                    \(bind: assessed.assessment.category?.rawValue), \(bind: assessed.category?.rawValue), \(bind: assessed.overrideReason),
                    \(bind: assessed.assessment.perCapitaMonthly.fen), \(bind: assessed.assessment.line.regionCode), \(bind: assessed.assessment.line.effectiveFrom.iso),
                    \(bind: assessed.assessment.line.monthly.fen), \(bind: workflow.stage.rawValue), \(bind: workflow.appliedOn.iso), \(bind: workflow.noticeDays),
                    \(bind: workflow.dueOn?.iso), \(bind: actor.displayName), 1, \(bind: now), \(bind: now))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "档案未能保存") }
            let id = try inserted.decode(column: "id", as: Int64.self)
            let archiveNo = String(format: "KN%04d-%06lld", draft.appliedOn.year, id)
            try await db.raw("UPDATE hardship_archives SET archive_no = \(bind: archiveNo) WHERE id = \(bind: id)").run()
            try await Self.lockHousehold(archiveID: id, applicantHash: idHash, family: draft.family, existing: [], scope: actor.scope, cipher: cipher, on: db)
            try await Self.writeFamily(archiveID: id, draft.family, existing: [], cipher: cipher, on: db)
            let summary = "为\(name)（\(idMasked)）建立困难职工档案 \(archiveNo)：" + (assessed.category?.title ?? "不符合") + (assessed.overrideReason != nil ? "（人工认定）" : "")
            try await Self.event(id, kind: "built", on: draft.appliedOn, stage: .building, detail: "申请建档；\(Self.categoryText(assessed))", actor: actor, on: db)
            try await audit.append(.init(action: "hardship.build", entity: "hardship_archive", entityID: String(id), orgID: orgID, orgPath: orgPath, summary: summary), actor: actor, on: db)
            if let reason = assessed.overrideReason {
                try await Self.auditOverride(assessed, archiveID: id, archiveNo: archiveNo, orgID: orgID, orgPath: orgPath, reason: reason, actor: actor, audit: audit, on: db)
            }
            return try await Self.find(id: id, scope: .everything, cipher: cipher, on: db).archive
        }
    }

    /// Changes the recorded figures: fully while the archive is being built; once filed, as the
    /// family's situation changes, with the category computed again on `today`'s 低保 line.
    public func revise(id: Int64, _ revision: HardshipRevision, actor: Actor, today: CivilDate = .today()) async throws -> HardshipArchive {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权修改困难职工档案") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (old, path) = try await Self.find(id: id, scope: actor.scope, cipher: cipher, on: db)
            if let v = revision.expectedVersion, v != old.version { throw StoreError.staleVersion(entity: "档案", key: old.archiveNo) }
            guard old.workflow.stage == .building || old.workflow.stage == .filed else {
                throw StoreError.conflict(code: "not_editable", message: "档案当前处于“\(old.workflow.stage.title)”，请先退回后再修改")
            }
            let applicantHash = try await db.raw("SELECT id_hash FROM hardship_archives WHERE id = \(bind: id)").first()!.decode(column: "id_hash", as: String.self)
            let problems = HardshipArchiveDraft.recordProblems(details: revision.details, family: revision.family, categoryOverride: revision.categoryOverride,
                                                               overrideReason: revision.overrideReason)
                + Self.applicantInFamily(revision.family, applicantHash: applicantHash, masked: old.idNumberMasked, cipher: cipher)
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let on = old.workflow.stage == .building ? old.workflow.appliedOn : today
            let assessed = try await Self.assess(revision.details, on: on, override: revision.categoryOverride, reason: revision.overrideReason, on: db)
            let existing = try await Self.familyHashes(archiveID: id, on: db)
            try await Self.lockHousehold(archiveID: id, applicantHash: applicantHash, family: revision.family, existing: existing, scope: actor.scope, cipher: cipher, on: db)
            try await db.raw("DELETE FROM hardship_family WHERE archive_id = \(bind: id)").run()
            try await Self.writeFamily(archiveID: id, revision.family, existing: existing, cipher: cipher, on: db)
            let d = revision.details
            var set: SQLQueryString = """
                region_code = \(bind: d.regionCode), annual_income_fen = \(bind: d.finances.annualIncome.fen), rigid_expenses_fen = \(bind: d.finances.rigidExpenses.fen),
                household_size = \(bind: d.finances.householdSize), sudden_costs_fen = \(bind: d.finances.suddenCosts.fen), own_monthly_income_fen = \(bind: d.ownMonthlyIncome.fen),
                main_cause = \(bind: d.causes.main.rawValue), secondary_causes = \(bind: Self.secondaryText(d.causes)), health = \(bind: d.health),
                major_illness = \(bind: d.majorIllness), disability_grade = \(bind: d.disabilityGrade), housing = \(bind: d.housing), marital_status = \(bind: d.maritalStatus),
                single_parent = \(bind: d.singleParent), household_registration = \(bind: d.householdRegistration), medical_insurance = \(bind: d.medicalInsurance),
                can_self_help = \(bind: d.canSelfHelp), zero_employment = \(bind: d.zeroEmployment), is_migrant = \(bind: d.isMigrantWorker), lives_in_city = \(bind: d.livesInCity),
                labor_relation_since = \(bind: d.laborRelationSince?.iso), bank_name = \(bind: d.bankName.trimmingCharacters(in: .whitespaces)), note = \(bind: d.note),
                computed_category = \(bind: assessed.assessment.category?.rawValue), category = \(bind: assessed.category?.rawValue), override_reason = \(bind: assessed.overrideReason),
                per_capita_fen = \(bind: assessed.assessment.perCapitaMonthly.fen), line_region = \(bind: assessed.assessment.line.regionCode),
                line_from = \(bind: assessed.assessment.line.effectiveFrom.iso), line_monthly_fen = \(bind: assessed.assessment.line.monthly.fen),
                version = version + 1, updated_at = \(bind: Clock.nowMillis())
                """
            if let account = revision.bankAccount {
                set += ", bank_account_enc = \(bind: cipher.seal(account.value)), bank_account_masked = \(bind: account.masked)"
            }
            try await Self.guardedUpdate(id: id, version: old.version, set: set, archiveNo: old.archiveNo, on: db)
            let recategorized = old.category != assessed.category
            var detail = "修改档案信息；\(Self.categoryText(assessed))"
            if recategorized { detail = "类别由\(old.category?.title ?? "不符合")调整为\(assessed.category?.title ?? "不符合")；" + detail }
            try await Self.event(id, kind: recategorized ? "recategorized" : "revised", on: today, stage: old.workflow.stage, detail: detail, actor: actor, on: db)
            try await audit.append(.init(action: recategorized ? "hardship.recategorize" : "hardship.revise", entity: "hardship_archive", entityID: String(id), orgID: old.orgID, orgPath: path,
                                         summary: "\(old.archiveNo)（\(old.name)）" + detail, before: old.category?.rawValue, after: assessed.category?.rawValue), actor: actor, on: db)
            if let reason = assessed.overrideReason, reason != old.overrideReason || assessed.category != old.category {
                try await Self.auditOverride(assessed, archiveID: id, archiveNo: old.archiveNo, orgID: old.orgID, orgPath: path, reason: reason, actor: actor, audit: audit, on: db)
            }
            return try await Self.find(id: id, scope: .everything, cipher: cipher, on: db).archive
        }
    }

    // MARK: The workflow

    /// Takes a step of the workflow on `today`. With `expectedVersion`, refuses when someone
    /// else changed the archive since the officer looked at it.
    public func act(id: Int64, _ action: HardshipArchiveAction, expectedVersion: Int? = nil, actor: Actor, today: CivilDate = .today()) async throws -> HardshipArchive {
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (old, path) = try await Self.find(id: id, scope: actor.scope, cipher: cipher, on: db)
            if let v = expectedVersion, v != old.version { throw StoreError.staleVersion(entity: "档案", key: old.archiveNo) }
            try await Self.checkMay(action, archive: old, archivePath: path, actor: actor, on: db)
            // Steps recorded after the fact keep their order.
            if let last = try await db.raw("SELECT MAX(on_date) AS d FROM hardship_events WHERE archive_id = \(bind: id)").first().flatMap({ try Rows.date($0, "d") }), today < last {
                throw StoreError.invalid([FieldProblem(field: "date", value: today.iso, reason: "办理日期不能早于上一步的日期 \(last.iso)")])
            }
            var workflow = old.workflow
            do {
                try workflow.apply(action, on: today)
            } catch let e as HardshipWorkflowError {
                throw StoreError.conflict(code: e == .reasonRequired ? "reason_required" : "workflow", message: e.message)
            }
            var set: SQLQueryString = """
                stage = \(bind: workflow.stage.rawValue), notice_started_on = \(bind: workflow.noticeStartedOn?.iso), filed_on = \(bind: workflow.filedOn?.iso),
                verified_on = \(bind: workflow.verifiedOn?.iso), closed_on = \(bind: workflow.closedOn?.iso), return_reason = \(bind: workflow.returnReason),
                due_on = \(bind: workflow.dueOn?.iso), version = version + 1, updated_at = \(bind: Clock.nowMillis())
                """
            var detail: String
            switch action {
            case .submitForNotice: detail = "入户核实完毕，开始公示 \(workflow.noticeDays) 天（至 \(today.adding(days: workflow.noticeDays).iso)）"
            case .endNotice: detail = "公示期满无异议，报上级工会复核"
            case .passRecheck: detail = "上级工会复核通过，报帮扶中心审批"
            case .approve: detail = "帮扶中心审批通过，建档入库；下次年度复核 \(workflow.dueOn?.iso ?? "")"
            case .sendBack(let reason): detail = "退回重新建档：\(reason.trimmingCharacters(in: .whitespacesAndNewlines))"
            case .reverify: detail = "完成年度复核，继续在档；下次复核 \(workflow.dueOn?.iso ?? "")"
            case .close(let reason, let note):
                let n = note.trimmingCharacters(in: .whitespacesAndNewlines)
                detail = "销档：\(reason.title)" + (n.isEmpty ? "" : "；\(n)")
                set += ", closing_reason = \(bind: reason.rawValue), closing_note = \(bind: n.isEmpty ? nil : n)"
            }
            try await Self.guardedUpdate(id: id, version: old.version, set: set, archiveNo: old.archiveNo, on: db)
            if case .close = action {
                // The household may apply again later: its ID numbers are free once the archive is closed.
                try await db.raw("DELETE FROM hardship_households WHERE archive_id = \(bind: id)").run()
            }
            let kind = Self.eventKind(action)
            try await Self.event(id, kind: kind, on: today, stage: workflow.stage, detail: detail, actor: actor, on: db)
            try await audit.append(.init(action: "hardship.\(kind)", entity: "hardship_archive", entityID: String(id), orgID: old.orgID, orgPath: path,
                                         summary: "\(old.archiveNo)（\(old.name)）\(action.title)：\(detail)", before: old.workflow.stage.rawValue, after: workflow.stage.rawValue),
                                   actor: actor, on: db)
            return try await Self.find(id: id, scope: .everything, cipher: cipher, on: db).archive
        }
    }

    static func eventKind(_ action: HardshipArchiveAction) -> String {
        switch action {
        case .submitForNotice: "notice_started"
        case .endNotice: "notice_ended"
        case .passRecheck: "rechecked"
        case .approve: "approved"
        case .sendBack: "sent_back"
        case .reverify: "reverified"
        case .close: "closed"
        }
    }

    /// Whether the actor's union may take `action` on the archive.
    static func checkMay(_ action: HardshipArchiveAction, archive: HardshipArchive, archivePath: String, actor: Actor, on db: any SQLDatabase) async throws {
        enum Who { case builder, upper, center }
        let who: Who
        switch (action, archive.workflow.stage) {
        case (.submitForNotice, _), (.endNotice, _), (.reverify, _), (.sendBack, .publicNotice), (.close, .building): who = .builder
        case (.passRecheck, _), (.sendBack, .recheck): who = .upper
        default: who = .center
        }
        if actor.isSystem { return }
        switch who {
        case .builder:
            guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理此步骤（\(action.title)）") }
        case .upper:
            guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权复核困难职工档案") }
            guard archivePath != actor.scope.path else { throw StoreError.forbidden("复核须由建档工会的上级工会办理") }
        case .center:
            guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权审批困难职工档案") }
            let kind = try await OrgService.kind(of: actor.orgID, on: db)
            guard [.province, .city, .county].contains(kind) else {
                throw StoreError.forbidden("审批、销档须由县级以上工会的帮扶中心办理")
            }
        }
    }

    // MARK: Attachments

    public static let maxAttachmentBytes = 10 * 1024 * 1024
    public static let attachmentTypes = ["application/pdf", "image/jpeg", "image/png"]

    /// Keeps a paper with the archive, encrypted. PDF, JPEG or PNG, up to 10 MiB; the content
    /// must be what its type says.
    public func addAttachment(archiveID: Int64, kind: HardshipAttachmentKind, filename: String, data: [UInt8], actor: Actor) async throws -> HardshipAttachment {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权上传档案材料") }
        // The last path component, without control characters or quotes (it ends up in headers).
        let name = String(String(filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
            .unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0.value != 0x7F }).trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if name.isEmpty || name.count > 200 { problems.append(FieldProblem(field: "file", value: name, reason: "文件名不能为空，最多 200 字")) }
        if data.isEmpty { problems.append(FieldProblem(field: "file", value: name, reason: "文件是空的")) }
        if data.count > Self.maxAttachmentBytes { problems.append(FieldProblem(field: "file", value: name, reason: "文件不能超过 10 MB")) }
        let type = Self.sniff(data)
        if type == nil && !data.isEmpty { problems.append(FieldProblem(field: "file", value: name, reason: "只能上传 PDF、JPEG 或 PNG 文件")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let sealed = try cipher.sealBytes(data)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
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

    /// The type the bytes are, by their signature, not by what the browser claimed.
    static func sniff(_ data: [UInt8]) -> String? {
        if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

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
