import Foundation
import GonghuiDomain
import SQLKit

/// Storage limitation (PIPL art. 19): what has passed its retention period is removed, or, for
/// a closed hardship archive, de-identified — the person's name, identifiers, phone, bank
/// account, family and papers go; the category, amounts and dates stay for the statistics. The
/// audit log is kept whole: it is the record of who did what (Cybersecurity Law art. 21 asks for
/// six months at least), and its entries carry masked identifiers only.
extension Store {
    /// The retention rules in force: the shipped ones with the province's own over them.
    public func retentionPolicy() async throws -> PolicyBook {
        try await database.read { db in try await Self.retentionPolicy(on: db) }
    }

    static func retentionPolicy(on db: any SQLDatabase) async throws -> PolicyBook {
        let rows = try await db.raw("SELECT key, effective_from, value, source FROM policy_rules WHERE key LIKE 'retention.%' ORDER BY key, effective_from").all()
        return RetentionPolicy.defaults.merging(try rows.map { row in
            PolicyRule(key: try row.decode(column: "key", as: String.self), value: try row.decode(column: "value", as: Int.self),
                       effectiveFrom: try Rows.date(row, "effective_from") ?? CivilDate(daysSinceEpoch: 0), source: try row.decode(column: "source", as: String.self))
        })
    }

    /// Finds what is past its time on `today` and, unless `dryRun`, removes or de-identifies it
    /// in one transaction with one audit entry. A dry run changes nothing and writes no entry.
    public func applyRetention(today: CivilDate = .today(), dryRun: Bool, actor: Actor) async throws -> RetentionReport {
        guard actor.isSystem || actor.role == .systemAdmin else { throw StoreError.forbidden("只有系统管理员可以执行保存期限清理") }
        let cipher = self.cipher, audit = self.audit
        let body: @Sendable (any SQLDatabase) async throws -> RetentionReport = { db in
            let policy = try await Self.retentionPolicy(on: db)
            func rule(_ key: String) -> PolicyRule { policy.rule(key, on: today)! }
            var lines: [RetentionReport.Line] = []

            // Closed hardship archives.
            let archiveRule = rule(RetentionPolicy.closedArchiveYears)
            let archiveCutoff = today.adding(years: -archiveRule.value)
            let archives = try await db.raw("""
                SELECT id, archive_no FROM hardship_archives
                WHERE stage = 'closed' AND closed_on IS NOT NULL AND closed_on < \(bind: archiveCutoff.iso) AND deidentified_on IS NULL ORDER BY id
                """).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "archive_no", as: String.self)) }
            let ids = archives.map(\.0)
            var papers = 0, family = 0
            if !ids.isEmpty {
                papers = try await Self.count(db, "SELECT COUNT(*) AS n FROM hardship_attachments WHERE archive_id IN (\(Self.list(ids)))")
                family = try await Self.count(db, "SELECT COUNT(*) AS n FROM hardship_family WHERE archive_id IN (\(Self.list(ids)))")
            }
            lines.append(.init(key: archiveRule.key, value: archiveRule.value, source: archiveRule.source, cutoff: archiveCutoff,
                               counts: [("困难职工档案（脱敏）", ids.count), ("档案材料（删除）", papers), ("家庭成员（删除）", family)]))

            // Activation codes, sessions and tokens, and the operational logs: by the instant.
            let codeRule = rule(RetentionPolicy.activationCodeDays), sessionRule = rule(RetentionPolicy.sessionDays), logRule = rule(RetentionPolicy.logDays)
            let codeCutoff = today.adding(days: -codeRule.value), sessionCutoff = today.adding(days: -sessionRule.value), logCutoff = today.adding(days: -logRule.value)
            let codeMillis = Self.millis(codeCutoff), sessionMillis = Self.millis(sessionCutoff), logMillis = Self.millis(logCutoff)
            let codesWhere: SQLQueryString = "COALESCE(used_at, expires_at) < \(bind: codeMillis) AND (used_at IS NOT NULL OR expires_at < \(bind: codeMillis))"
            let codes = try await Self.count(db, "SELECT COUNT(*) AS n FROM activation_codes WHERE \(codesWhere)")
            lines.append(.init(key: codeRule.key, value: codeRule.value, source: codeRule.source, cutoff: codeCutoff, counts: [("激活码", codes)]))
            let officerSessions = try await Self.count(db, "SELECT COUNT(*) AS n FROM credentials WHERE expires_at < \(bind: sessionMillis)")
            let workerSessions = try await Self.count(db, "SELECT COUNT(*) AS n FROM worker_sessions WHERE expires_at < \(bind: sessionMillis)")
            lines.append(.init(key: sessionRule.key, value: sessionRule.value, source: sessionRule.source, cutoff: sessionCutoff,
                               counts: [("工作人员会话与令牌", officerSessions), ("职工会话", workerSessions)]))
            let messagesWhere: SQLQueryString = "state <> 'pending' AND COALESCE(sent_at, created_at) < \(bind: logMillis)"
            let messages = try await Self.count(db, "SELECT COUNT(*) AS n FROM outbox WHERE \(messagesWhere)")
            let attemptsWhere: SQLQueryString = "updated_at < \(bind: logMillis) AND locked_until < \(bind: Clock.nowMillis())"
            let attempts = try await Self.count(db, "SELECT COUNT(*) AS n FROM login_attempts WHERE \(attemptsWhere)")
            lines.append(.init(key: logRule.key, value: logRule.value, source: logRule.source, cutoff: logCutoff,
                               counts: [("短信/邮件发送记录", messages), ("登录失败记录", attempts)]))

            let report = RetentionReport(dryRun: dryRun, on: today, lines: lines, archiveNumbers: archives.map(\.1))
            guard !dryRun else { return report }
            if !ids.isEmpty {
                let erased = cipher.seal("")
                for id in ids {
                    try await db.raw("""
                        UPDATE hardship_archives SET name = '（已脱敏）', member_id = NULL, id_enc = \(bind: erased), id_hash = \(bind: "erased-\(id)"), id_masked = '已脱敏',
                            phone_enc = NULL, phone_masked = NULL, bank_account_enc = \(bind: erased), bank_account_masked = '已脱敏', note = '', closing_note = NULL,
                            major_illness = NULL, disability_grade = NULL, deidentified_on = \(bind: today.iso), version = version + 1, updated_at = \(bind: Clock.nowMillis())
                        WHERE id = \(bind: id)
                        """).run()
                }
                for table in ["hardship_attachments", "hardship_family", "hardship_households"] {
                    try await db.raw("DELETE FROM \(ident: table) WHERE archive_id IN (\(Self.list(ids)))").run()
                }
            }
            try await db.raw("DELETE FROM activation_codes WHERE \(codesWhere)").run()
            try await db.raw("DELETE FROM credentials WHERE expires_at < \(bind: sessionMillis)").run()
            try await db.raw("DELETE FROM worker_sessions WHERE expires_at < \(bind: sessionMillis)").run()
            try await db.raw("DELETE FROM outbox WHERE \(messagesWhere)").run()
            try await db.raw("DELETE FROM login_attempts WHERE \(attemptsWhere)").run()
            let summary = lines.map { line in
                "\(RetentionPolicy.title(line.key)) \(line.value)（\(line.cutoff.iso) 前）：" + line.counts.map { "\($0.what) \($0.count)" }.joined(separator: "，")
            }.joined(separator: "；")
            let numbers = archives.prefix(50).map(\.1).joined(separator: "、") + (archives.count > 50 ? " 等 \(archives.count) 份" : "")
            try await audit.append(.init(action: "retention.apply", entity: "retention", entityID: today.iso, orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "按保存期限清理：\(summary)" + (archives.isEmpty ? "" : "；脱敏档案 \(numbers)")),
                                   actor: actor, on: db)
            return report
        }
        return dryRun ? try await database.read(body) : try await database.write(body)
    }

    static func count(_ db: any SQLDatabase, _ sql: SQLQueryString) async throws -> Int {
        try await db.raw(sql).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func list(_ ids: [Int64]) -> SQLQueryString {
        SQLQueryString(ids.map(String.init).joined(separator: ", "))
    }

    /// The first instant of `day` in China.
    static func millis(_ day: CivilDate) -> Int64 { Int64(day.daysSinceEpoch) * 86_400_000 - 8 * 3_600_000 }
}
