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
            let scope = try await OrgService.narrowed(actor.scope, to: filter.orgCode, on: db)
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
}
