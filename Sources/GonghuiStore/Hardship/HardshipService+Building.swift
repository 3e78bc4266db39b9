import Foundation
import GonghuiDomain
import SQLKit

/// Building an archive, revising it, and taking it through the workflow (建档、修改、流转).
extension HardshipService {
    // MARK: Building

    public func build(_ draft: HardshipArchiveDraft, actor: Actor, today: CivilDate = .today()) async throws -> HardshipArchive {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权建立困难职工档案") }
        var problems = draft.problems(today: today)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let applicant = try await Self.applicant(draft.person, actor: actor, cipher: cipher, on: db)
            let orgID = applicant.orgID, orgPath = applicant.orgPath, memberID = applicant.memberID, name = applicant.name
            let idEnc = applicant.idEnc, idHash = applicant.idHash, idMasked = applicant.idMasked
            let phoneEnc = applicant.phoneEnc, phoneMasked = applicant.phoneMasked
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

    /// The person an archive is built for and the union that holds it, with the sealed identifiers.
    struct Applicant {
        var orgID: Int64, orgPath: String, memberID: Int64?, name: String
        var idEnc: String, idHash: String, idMasked: String, phoneEnc: String?, phoneMasked: String?
    }

    /// A member in good standing or retained (held by their own union), or a non-member at a union
    /// in scope whose ID number is not a member's.
    static func applicant(_ person: HardshipArchiveDraft.Person, actor: Actor, cipher: FieldCipher, on db: any SQLDatabase) async throws -> Applicant {
        switch person {
        case .member(let id):
            let (member, path) = try await MemberService.find(id: id, scope: actor.scope, on: db)
            guard member.status == .active || member.status == .retained else {
                throw StoreError.invalid([FieldProblem(field: "member_id", value: String(id), reason: "会员状态为“\(member.status.label)”，不能以会员身份建档")])
            }
            guard let row = try await db.raw("SELECT id_enc, id_hash, phone_enc FROM members WHERE id = \(bind: id)").first() else {
                throw StoreError.notFound(entity: "会员", key: String(id))
            }
            return Applicant(orgID: member.orgID, orgPath: path, memberID: id, name: member.name,
                             idEnc: try row.decode(column: "id_enc", as: String.self), idHash: try row.decode(column: "id_hash", as: String.self),
                             idMasked: member.idNumberMasked, phoneEnc: try row.decode(column: "phone_enc", as: String?.self),
                             phoneMasked: member.phoneMasked)
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
            return Applicant(orgID: org.id, orgPath: try await OrgService.path(of: org.id, on: db), memberID: nil, name: trimmed,
                             idEnc: cipher.seal(idNumber.value), idHash: hash, idMasked: idNumber.masked,
                             phoneEnc: phone.map { cipher.seal($0.value) }, phoneMasked: phone?.masked)
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
}
