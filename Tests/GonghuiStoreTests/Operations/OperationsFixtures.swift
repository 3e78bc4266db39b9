import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit

/// What the operations tests share: a store with something sealed in every table that seals,
/// and a place to restore to.
enum OperationsFixtures {
    /// The small tree with members (IDs and phones), a filed archive with family and a paper, a
    /// grant with its bank account, a dispute case with a worker, a queued message and an unused
    /// activation code.
    @discardableResult
    static func populate(_ store: Store) async throws -> (members: [Member], archive: HardshipArchive) {
        try await HardshipServiceTests.setUp(store)
        var members: [Member] = []
        for i in 0..<6 {
            members.append(try await SmallTree.member(store, id: idNumber("4205021980010\(100 + i)2"), name: "职工\(i)", org: "XL01", phone: "1381234\(5600 + i)"))
        }
        let a = store.assistance
        _ = try await a.createProgram(code: "SNW", name: "送温暖", kind: .warmth, actor: system)
        let cycle = try await a.openCycle(programCode: "SNW", name: "2027年春节送温暖", startsOn: AssistanceServiceTests.start, endsOn: AssistanceServiceTests.end,
                                          rules: nil, budget: Money(yuan: 10_000), ownerOrgCode: "HB", actor: system)
        let applied = CivilDate.today().adding(days: -40)
        let family = [HardshipFamilyMemberDraft(name: "刘丽", relation: "配偶", idNumber: try IDNumber(idNumber("42050219820202123")), monthlyIncome: Money(yuan: 900))]
        var archive = try await store.hardship.build(try HardshipServiceTests.draft(member: members[0].id, appliedOn: applied,
                                                                                      details: try HardshipServiceTests.details(income: "20000"), family: family),
                                                     actor: system, today: applied)
        for (i, step) in [HardshipArchiveAction.submitForNotice, .endNotice, .passRecheck, .approve].enumerated() {
            archive = try await store.hardship.act(id: archive.id, step, actor: system, today: applied.adding(days: [1, 7, 8, 9][i]))
        }
        _ = try await store.hardship.addAttachment(archiveID: archive.id, kind: .application, filename: "申请书.pdf", data: Array("%PDF-1.4\n帮扶申请书\n%%EOF\n".utf8), actor: system)
        _ = try await a.apply(cycleID: cycle.id, memberID: members[0].id, declaration: .init(), actor: system)
        _ = try await store.disputes.register(try DisputeServiceTests.intake(creditCode: nil), actor: try await SmallTree.actor(store, org: "JA"), today: DisputeServiceTests.march1)
        let cipher = store.cipher
        try await store.database.write { db in
            try await db.raw("""
                INSERT INTO outbox (channel, template, recipient_enc, payload, state, attempts, created_at)
                VALUES ('sms', 'test', \(bind: cipher.seal("13812345600")), '{}', 'pending', 0, \(bind: Clock.nowMillis()))
                """).run()
        }
        _ = try await store.portal.issueActivationCode(memberID: members[2].id, actor: system)
        return (members, archive)
    }

    /// A database location nothing is at yet, on the engine, and how to remove what lands there.
    static func freshTarget(_ engine: SQLEngine) async throws -> (DatabaseLocation, cleanup: () async -> Void) {
        switch engine {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-restore-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return (.sqlite(path: dir.appendingPathComponent("restored.sqlite").path), { try? FileManager.default.removeItem(at: dir) })
        case .postgres:
            let base = ProcessInfo.processInfo.environment["GONGHUI_TEST_POSTGRES_URL"]!
            let name = "r_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            var c = URLComponents(string: base)!
            c.path = "/" + name
            return (.postgres(url: c.string!), {
                if let admin = try? await Database.open(.postgres(url: base)) {
                    _ = try? await admin.read { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
                    await admin.close()
                }
            })
        }
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-backup-\(UUID().uuidString)").path
    }
}
