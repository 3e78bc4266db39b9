import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// `gonghui import disputes`: the registers kept in spreadsheets, all or nothing, every bad row
/// named, a re-import that changes nothing, a corrected row that updates its case.
@Suite("Importing dispute registers")
struct DisputeImportTests {
    static let today = CivilDate(year: 2026, month: 6, day: 30)!
    static let header = ImportColumns.disputes.chineseHeader

    /// One register row, in the columns' order; `with` overrides cells by key.
    static func row(_ caseNo: String, _ with: [String: String] = [:]) -> [String] {
        let base: [String: String] = [
            "case_no": caseNo, "channel": "热线", "kind": "求决", "dispute_types": "欠薪", "received_on": "2025-03-01", "worker_name": "张三",
            "id_number": "", "phone": "13800000000", "workers": "1", "employer_name": "江岸机械厂", "employer_credit_code": "", "org_code": "JA",
            "amount_claimed": "12000", "state": "已办结", "closed_on": "2025-04-10", "outcome": "达成协议", "amount_recovered": "12000",
        ]
        let merged = base.merging(with) { _, new in new }
        return ImportColumns.disputes.columns.map { merged[$0.key] ?? "" }
    }

    static let register: [[String]] = [
        row("RX-001"),
        // Closed on day 61 after receipt: not on time.
        row("RX-002", ["received_on": "2025-05-01", "closed_on": "2025-07-01", "outcome": "未达成协议", "amount_recovered": "0"]),
        // A collective case still open, several types.
        row("RX-003", ["dispute_types": "欠薪、社会保险", "workers": "35", "state": "办理中", "closed_on": "", "outcome": "", "amount_recovered": "",
                       "amount_claimed": "1,250,000.50", "received_on": "2026/6/1"]),
        // A consultation answered at once, no types.
        row("RX-004", ["kind": "咨询", "dispute_types": "", "outcome": "未调解", "amount_claimed": "", "amount_recovered": "", "closed_on": "2025-03-01"]),
        row("RX-005", ["channel": "来访", "org_code": "JA01", "outcome": "未调解", "amount_recovered": "3000.5", "id_number": idNumber("42010219850101123")]),
    ]

    static func run(_ store: Store, _ rows: [[String]], actor: Actor, skipInvalid: Bool = false, file: String = "台账.xlsx") async throws -> ImportReport {
        try await DisputeImporter(store: store).run(source: InMemoryTable(header: header, rows: rows),
                                                    options: ImportOptions(skipInvalid: skipInvalid, fileName: file, today: today), actor: actor).0
    }

    static func count(_ store: Store, _ table: String) async throws -> Int {
        try await store.database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self) }
    }

    @Test(arguments: Engines.all)
    func aRegisterLandsWithItsStatesAndFiguresAndAReimportChangesNothing(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            _ = try await SmallTree.member(t.store, id: idNumber("42010219850101123"), name: "王五", org: "JA01")
            let county = try await SmallTree.actor(t.store, org: "JA")
            let report = try await Self.run(t.store, Self.register, actor: county)
            #expect(report.problems == [] && report.written && report.inserted == 5 && report.rowsTotal == 5)

            let page = try await t.store.disputes.list(DisputeFilter(), actor: county, limit: 50)
            let byNo = Dictionary(uniqueKeysWithValues: page.items.map { ($0.caseNo, $0) })
            #expect(Set(byNo.keys) == ["RX-001", "RX-002", "RX-003", "RX-004", "RX-005"])
            let open = try #require(byNo["RX-003"])
            #expect(open.workflow.state == .accepted && open.collective && open.workersInvolved == 35 && open.types == [.wageArrears, .socialInsurance])
            #expect(open.amountClaimed == Money(fen: 125_000_050))
            // Handled within 60 days of the day it came in, without other dates.
            #expect(open.workflow.dueOn(policy: DisputePolicy.defaults) == CivilDate(year: 2026, month: 7, day: 31)!)
            #expect(byNo["RX-001"]?.workflow.outcome == .agreement && byNo["RX-001"]?.workflow.mediationAppliedOn != nil)
            #expect(byNo["RX-004"]?.workflow.outcome == .answered && byNo["RX-005"]?.workflow.outcome == .resolved)
            #expect(byNo["RX-005"]?.workflow.recovered == Money(fen: 300_050) && byNo["RX-005"]?.handlingOrgCode == "JA01")
            #expect(byNo["RX-005"]?.workers.first?.memberID != nil)
            #expect(try await t.store.disputes.history(id: open.id, actor: county).map(\.kind) == ["imported"])

            let figures = try await t.store.disputes.report(code: "JA", from: CivilDate(year: 2025, month: 1, day: 1)!, to: Self.today, depth: 0, actor: county)
            let f = figures.rows[0].figures
            #expect(f.casesReceived == 5 && f.collectiveCases == 1 && f.workersInvolved == 39 && f.casesClosed == 4)
            #expect(f.casesClosedOnTime == 3 && f.mediations == 2 && f.mediationsAgreed == 1)
            #expect(f.amountRecovered == Money(fen: 1_500_050) && f.amountClaimed == Money(fen: 125_000_050 + 3 * 1_200_000))

            // The same rows again, however spelled: nothing changes.
            let audits = try await Self.count(t.store, "audit_log")
            var respelled = Self.register
            respelled[0][4] = "2025/3/1"
            let again = try await Self.run(t.store, respelled, actor: county)
            #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 5 && again.problems == [])
            #expect(again.summary.contains("没有任何更改"))
            #expect(try await Self.count(t.store, "dispute_cases") == 5)
            #expect(try await Self.count(t.store, "dispute_events") == 5)
            #expect(try await Self.count(t.store, "audit_log") == audits + 1)
        }
    }

    @Test(arguments: Engines.all)
    func aBadRowStopsTheWholeFileAndEveryProblemIsNamed(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let good = idNumber("42010219850101123")
            let wrongCheck = String(good.dropLast()) + (good.hasSuffix("0") ? "1" : "0")
            let bad = Self.register + [
                Self.row("RX-010", ["channel": "微信"]),
                Self.row("RX-011", ["closed_on": ""]),
                Self.row("RX-012", ["closed_on": "2025-02-01"]),
                Self.row("RX-001"),
                Self.row("RX-013", ["org_code": "XL"]),
                Self.row("RX-014", ["id_number": wrongCheck]),
                Self.row("RX-015", ["state": "办理中", "closed_on": "", "outcome": "达成协议"]),
                Self.row("RX-016", ["dispute_types": "欠薪、加班费"]),
                Self.row("RX-017", ["amount_claimed": "十万"]),
                Self.row("RX-018", ["received_on": "2026-07-01", "state": "办理中", "closed_on": "", "outcome": "", "amount_recovered": ""]),
            ]
            let report = try await Self.run(t.store, bad, actor: county)
            #expect(!report.written && report.rejected == 10 && report.rowsTotal == 15)
            let named = Set(report.problems.map { "\($0.row):\($0.column)" })
            #expect(named == ["7:来源渠道", "8:办结日期", "9:办结日期", "10:工单号", "11:处理工会代码", "12:身份证号", "13:调解结果", "14:争议类型",
                              "15:涉及金额（元）", "16:受理日期"])
            #expect(report.problems.first { $0.row == 10 }?.reason == "与本文件第 2 行的工单号重复")
            #expect(report.problems.first { $0.row == 11 }?.reason == "工会不存在或不在您的管辖范围内")
            #expect(try await Self.count(t.store, "dispute_cases") == 0)

            // Skipping the bad rows writes the good ones and says which were left out.
            var rejected: [Int] = []
            let skipped = try await DisputeImporter(store: t.store).run(
                source: InMemoryTable(header: Self.header, rows: bad), options: ImportOptions(skipInvalid: true, today: Self.today), actor: county,
                onReject: { row, _, _ in rejected.append(row) }).0
            #expect(skipped.written && skipped.inserted == 5 && skipped.rejected == 10 && rejected == Array(7...16))
            #expect(try await Self.count(t.store, "dispute_cases") == 5)
        }
    }

    @Test(arguments: Engines.all)
    func aCorrectedRowUpdatesItsCaseUnlessTheCaseWasWorkedOnOrIsNotAnImport(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            _ = try await Self.run(t.store, Self.register, actor: county)
            var corrected = Self.register
            corrected[2] = Self.row("RX-003", ["dispute_types": "欠薪", "workers": "8", "closed_on": "2026-06-20", "outcome": "撤回", "amount_recovered": "0"])
            let report = try await Self.run(t.store, corrected, actor: county)
            #expect(report.updated == 1 && report.unchanged == 4 && report.inserted == 0)
            let page = try await t.store.disputes.list(DisputeFilter(), actor: county)
            let c = try #require(page.items.first { $0.caseNo == "RX-003" })
            #expect(c.workflow.state == .closed && c.workflow.outcome == .withdrawn && !c.collective && c.workersInvolved == 8 && c.workers.count == 1)
            #expect(try await t.store.disputes.history(id: c.id, actor: county).map(\.kind) == ["imported", "import_updated"])

            // A case taken up in the platform after its import is not overwritten by a file.
            let open = try #require(page.items.first { $0.caseNo == "RX-001" })
            #expect(open.workflow.state == .closed)
            let registered = try await t.store.disputes.register(
                DisputeIntake(channel: .visit, kind: .complaint, receivedOn: Self.today, workers: [DisputeWorkerDraft(name: "李四", idNumber: nil, phone: nil)],
                              employer: DisputeEmployer(name: "江岸物流公司", creditCode: nil, regionCode: nil, industry: nil, unionCode: nil),
                              types: [.workingHours], facts: "加班无休"), actor: county, today: Self.today)
            var clash = Self.register
            clash.append(Self.row(registered.caseNo))
            let refused = try await Self.run(t.store, clash, actor: county)
            #expect(!refused.written && refused.problems.map(\.reason) == ["工单号与系统中登记的案件相同；历史记录请使用不同的工单号"])

            // Another county cannot touch this county's imported case by its number.
            let other = try await SmallTree.actor(t.store, org: "XL")
            let foreign = try await Self.run(t.store, [Self.row("RX-001", ["org_code": "XL"])], actor: other)
            #expect(!foreign.written && foreign.problems.map(\.reason) == ["工单号已被其他工会的案件使用"])
        }
    }

    @Test(arguments: Engines.all)
    func aCaseWorkedOnAfterItsImportIsNotOverwritten(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            _ = try await Self.run(t.store, Self.register, actor: county)
            let open = try #require(try await t.store.disputes.list(DisputeFilter(), actor: county).items.first { $0.caseNo == "RX-003" })
            _ = try await t.store.disputes.act(id: open.id, .startMediation(appliedOn: Self.today, oral: true, note: "口头申请"), actor: county, today: Self.today)
            var changed = Self.register
            changed[2] = Self.row("RX-003", ["workers": "40", "state": "办理中", "closed_on": "", "outcome": "", "amount_recovered": "", "received_on": "2026-06-01"])
            let report = try await Self.run(t.store, changed, actor: county)
            #expect(!report.written && report.problems.map(\.reason) == ["该案件导入后已在系统中继续办理，不能再由文件覆盖"])
            #expect(try await t.store.disputes.find(id: open.id, actor: county).workflow.state == .mediating)
        }
    }
}
