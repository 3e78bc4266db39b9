import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Storage limitation: what is past its period, measured by the rules in force and their
/// sources, is listed by a dry run without a change, then removed or de-identified, audited.
@Suite("Retention")
struct RetentionTests {
    @Test(arguments: Engines.all)
    func closedArchivesPastTheirYearsAreDeidentified(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (members, archive) = try await OperationsFixtures.populate(t.store)
            let today = CivilDate(year: 2026, month: 12, day: 7)!
            // Closed on 2021-12-06: more than the default 5 years before 2026-12-07.
            try await Self.close(t.store, archive.id, on: "2021-12-06")
            let second = try await t.store.hardship.build(try HardshipServiceTests.draft(member: members[3].id, details: try HardshipServiceTests.details(income: "20000")),
                                                          actor: system, today: CivilDate(year: 2026, month: 3, day: 2)!)
            try await Self.close(t.store, second.id, on: "2021-12-07")
            let auditBefore = try await t.store.auditLog.verify().entries

            let dry = try await t.store.applyRetention(today: today, dryRun: true, actor: system)
            let archives = dry.lines.first { $0.key == RetentionPolicy.closedArchiveYears }!
            #expect(archives.value == 5 && archives.cutoff == CivilDate(year: 2021, month: 12, day: 7)! && archives.source.contains("第十九条"))
            #expect(archives.counts.map(\.count) == [1, 1, 1] && dry.archiveNumbers == [archive.archiveNo])
            #expect(try await t.store.auditLog.verify().entries == auditBefore)
            #expect(try await t.store.hardship.archive(id: archive.id, actor: system).name == "职工0")

            let done = try await t.store.applyRetention(today: today, dryRun: false, actor: system)
            #expect(done.lines == dry.lines && !done.dryRun && done.total == 3)
            let erased = try await t.store.hardship.archive(id: archive.id, actor: system)
            #expect(erased.name == "（已脱敏）" && erased.idNumberMasked == "已脱敏")
            #expect(erased.category != nil, "the category stays for the statistics")
            #expect(try await t.store.hardship.attachments(archiveID: archive.id, actor: system).isEmpty)
            let family = try await t.store.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM hardship_family WHERE archive_id = \(bind: archive.id)").first()!.decode(column: "n", as: Int.self)
            }
            #expect(family == 0)
            #expect(try await t.store.hardship.archive(id: second.id, actor: system).name == "职工3", "closed exactly 5 years ago: kept")
            let entry = try await t.store.auditLog.list(actor: system, filter: .init(limit: 1)).first
            #expect(entry?.action == "retention.apply" && entry?.summary.contains(archive.archiveNo) == true)
            // Run again: nothing more is due.
            #expect(try await t.store.applyRetention(today: today, dryRun: true, actor: system).lines[0].counts[0].count == 0)
        }
    }

    /// A province's own period, from a date, with its source, replaces the default.
    @Test func aProvincesOwnPeriodDecides() async throws {
        try await withStore(.sqlite) { t in
            let (_, archive) = try await OperationsFixtures.populate(t.store)
            try await Self.close(t.store, archive.id, on: "2024-01-01")
            try await t.store.disputes.setPolicyRule(PolicyRule(key: RetentionPolicy.closedArchiveYears, value: 2, effectiveFrom: CivilDate(year: 2026, month: 1, day: 1)!,
                                                                source: "湖北省总工会困难职工档案管理办法第二十条"), actor: system)
            let dry = try await t.store.applyRetention(today: CivilDate(year: 2026, month: 12, day: 7)!, dryRun: true, actor: system)
            #expect(dry.lines[0].value == 2 && dry.lines[0].source.hasPrefix("湖北省") && dry.archiveNumbers == [archive.archiveNo])
            // Only a system administrator runs it.
            let officer = try await SmallTree.actor(t.store, org: "HB")
            await #expect(throws: StoreError.self) { _ = try await t.store.applyRetention(dryRun: true, actor: officer) }
        }
    }

    /// Expired sessions, used and expired activation codes, and delivered messages past their
    /// days go; what is still in use stays.
    @Test(arguments: Engines.all)
    func sessionsCodesAndMessagesPastTheirDaysGo(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (members, _) = try await OperationsFixtures.populate(t.store)
            let now = Clock.nowMillis(), day: Int64 = 86_400_000
            let cipher = t.store.cipher
            try await t.store.database.write { db in
                try await db.raw("INSERT INTO activation_codes (member_id, code_hash, created_by, created_at, expires_at) VALUES (\(bind: members[4].id), 'x', 'test', \(bind: now - 90 * day), \(bind: now - 60 * day))").run()
                try await db.raw("""
                    INSERT INTO outbox (channel, template, recipient_enc, payload, state, attempts, created_at, sent_at)
                    VALUES ('sms', 'old', \(bind: cipher.seal("13812345600")), '{}', 'sent', 1, \(bind: now - 200 * day), \(bind: now - 200 * day))
                    """).run()
                try await db.raw("INSERT INTO login_attempts (subject, failures, locked_until, updated_at) VALUES ('officer:gone', 2, 0, \(bind: now - 200 * day))").run()
            }
            let dry = try await t.store.applyRetention(dryRun: true, actor: system)
            let counts = Dictionary(uniqueKeysWithValues: dry.lines.flatMap(\.counts).map { ($0.what, $0.count) })
            #expect(counts["激活码"] == 1 && counts["短信/邮件发送记录"] == 1 && counts["登录失败记录"] == 1)
            _ = try await t.store.applyRetention(dryRun: false, actor: system)
            let left = try await t.store.database.read { db in
                (try await db.raw("SELECT COUNT(*) AS n FROM activation_codes").first()!.decode(column: "n", as: Int.self),
                 try await db.raw("SELECT COUNT(*) AS n FROM outbox").first()!.decode(column: "n", as: Int.self),
                 try await db.raw("SELECT COUNT(*) AS n FROM login_attempts").first()!.decode(column: "n", as: Int.self))
            }
            // The unused code issued today and the pending message stay.
            #expect(left.0 == 1 && left.1 == 1 && left.2 == 0)
        }
    }

    static func close(_ store: Store, _ id: Int64, on day: String) async throws {
        try await store.database.write { db in
            try await db.raw("UPDATE hardship_archives SET stage = 'closed', closed_on = \(bind: day) WHERE id = \(bind: id)").run()
        }
    }
}
