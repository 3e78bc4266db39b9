import Foundation
import GonghuiDemo
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

@Suite("Annual statistics")
struct StatisticsTests {
    static func d(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    func register(_ store: Store, _ first17: String, _ name: String, _ org: String, joined: String,
                  type: EmploymentType = .fixedTerm, migrant: Bool = false) async throws -> Member {
        try await store.members.register(
            MemberDraft(idNumber: try IDNumber(idNumber(first17)), name: name, phone: nil, orgCode: org, joinedOn: Self.d(joined),
                        employmentType: type, isMigrant: migrant),
            actor: system)
    }

    func transfer(_ store: Store, _ member: Member, to org: String, _ requested: String, _ released: String, _ received: String) async throws {
        let tr = try await store.members.requestTransfer(memberID: member.id, toOrgCode: org, on: Self.d(requested), reason: "调动", actor: system)
        _ = try await store.members.decideTransfer(id: tr.id, approve: true, on: Self.d(released), reason: "", actor: system)
        _ = try await store.members.decideTransfer(id: tr.id, approve: true, on: Self.d(received), reason: "", actor: system)
    }

    /// The small tree of the registry tests plus a union founded in 2025 and moved later, with a
    /// history of joins, a withdrawal, a transfer and collective contracts.
    func buildHistory(_ store: Store) async throws {
        try await SmallTree.build(store)
        // Kept whatever today's date: the year-end reports below read the snapshots.
        try await store.statistics.keep([Self.d("2024-12-31"), Self.d("2025-12-31")])
        _ = try await store.orgs.create(
            OrganizationDraft(code: "JA03", name: "江岸新建软件公司工会", parentCode: "JA", kind: .grassroots, employees: 30, womenEmployees: 12,
                              foundedOn: Self.d("2025-03-01"), flags: OrgFlags(womenCommittee: true, workersCongress: true)),
            on: Self.d("2025-03-01"), actor: system)
        _ = try await register(store, "42010219900307123", "张三", "JA01", joined: "2021-03-01")
        _ = try await register(store, "42010219920512124", "李娜", "JA01", joined: "2025-02-01", type: .dispatched, migrant: true)
        let m3 = try await register(store, "42050219880101102", "王芳", "XL01", joined: "2021-03-01")
        let m4 = try await register(store, "42010219850101001", "赵强", "JA02", joined: "2021-03-01")
        _ = try await register(store, "42010219950101003", "陈军", "JA03", joined: "2025-03-02", type: .newForms)
        _ = try await store.members.changeStatus(id: m3.id, to: .withdrawn, on: Self.d("2025-06-01"), reason: "辞职", actor: system)
        try await transfer(store, m4, to: "XL02", "2025-04-01", "2025-04-02", "2025-04-03")
        _ = try await store.orgs.move(code: "JA03", toParent: "XL", on: Self.d("2025-09-01"), actor: system)
        _ = try await store.statistics.addContract(orgCode: "JA01", kind: "综合性集体合同", signedOn: Self.d("2023-12-20"), validFrom: Self.d("2024-01-01"),
                                                   validTo: Self.d("2025-12-31"), workersCovered: 120, actor: system)
        _ = try await store.statistics.addContract(orgCode: "JA03", kind: "工资专项集体合同", signedOn: nil, validFrom: Self.d("2025-10-01"),
                                                   validTo: nil, workersCovered: 30, actor: system)
    }

    @Test(arguments: Engines.all)
    func handComputedFiguresAsOfTwoDates(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await buildHistory(t.store)

        // 2025-05-01: JA03 still under 江岸; 赵强 already in XL02; 王芳 not yet withdrawn.
        let may = try await t.store.statistics.annualReport(code: "HB", asOf: Self.d("2025-05-01"), depth: nil, actor: system)
        let byCode = Dictionary(uniqueKeysWithValues: may.rows.map { ($0.orgCode, $0) })
        #expect(may.rows.map(\.orgCode) == ["HB", "WH", "JA", "JA01", "JA02", "JA03", "YC", "XL", "XL01", "XL02"])
        let ja01 = byCode["JA01"]!.figures
        #expect(ja01.members == 2 && ja01.womenMembers == 1 && ja01.migrantMembers == 1)
        #expect(ja01.fixedTermMembers == 1 && ja01.dispatchedMembers == 1 && ja01.newMembers == 1)
        #expect(ja01.collectiveContracts == 1 && ja01.contractWorkers == 120 && ja01.employees == 100)
        #expect(byCode["JA02"]!.figures.members == 0)
        let ja = byCode["JA"]!.figures
        #expect(ja.grassrootsUnions == 3 && ja.members == 3 && ja.employees == 180 && ja.womenEmployees == 12)
        #expect(ja.newMembers == 2 && ja.newUnions == 1 && ja.newFormsMembers == 1)
        #expect(ja.workersCongress == 1 && ja.womenCommittees == 1 && ja.factoryAffairsOpenness == 0)
        let xl = byCode["XL"]!.figures
        #expect(xl.grassrootsUnions == 2 && xl.members == 2 && xl.womenMembers == 1 && xl.fixedTermMembers == 2 && xl.employees == 120)
        let hb = may.root.figures
        #expect(hb.grassrootsUnions == 5 && hb.members == 5 && hb.womenMembers == 2 && hb.migrantMembers == 1)
        #expect(hb.employees == 300 && hb.newMembers == 2 && hb.newUnions == 1 && hb.collectiveContracts == 1 && hb.contractWorkers == 120)
        #expect(hb.membershipRate == "0.0167")
        #expect(byCode["JA02"]!.figures.membershipRate == "0.0000")
        #expect(byCode["WH"]!.figures == ja)

        // 2025-12-31: JA03 under 西陵 with its contract; 王芳 gone; JA01's contract still in force on its last day.
        let dec = try await t.store.statistics.annualReport(code: "HB", asOf: Self.d("2025-12-31"), depth: 2, actor: system)
        #expect(dec.rows.map(\.orgCode) == ["HB", "WH", "JA", "YC", "XL"])
        let decCodes = Dictionary(uniqueKeysWithValues: dec.rows.map { ($0.orgCode, $0.figures) })
        #expect(decCodes["JA"]!.members == 2 && decCodes["JA"]!.employees == 150 && decCodes["JA"]!.grassrootsUnions == 2)
        #expect(decCodes["XL"]!.members == 2 && decCodes["XL"]!.employees == 150 && decCodes["XL"]!.grassrootsUnions == 3)
        #expect(decCodes["XL"]!.collectiveContracts == 1 && decCodes["XL"]!.contractWorkers == 30)
        #expect(decCodes["HB"]!.members == 4 && decCodes["HB"]!.collectiveContracts == 2 && decCodes["HB"]!.contractWorkers == 150)
        // 李娜 joined JA01 in 2025; 陈军 joined JA03, which is under 西陵 by then.
        #expect(decCodes["JA"]!.newMembers == 1 && decCodes["XL"]!.newMembers == 1 && decCodes["HB"]!.newMembers == 2)
        #expect(try await t.store.statistics.annualReport(code: "HB", asOf: Self.d("2025-12-31"), depth: 2, actor: system, method: .scan) == dec)

        // Before JA03 was founded it is not a row, and a year earlier nobody of 2025 counts.
        let early = try await t.store.statistics.annualReport(code: "JA", asOf: Self.d("2024-12-31"), depth: 1, actor: system)
        #expect(early.rows.map(\.orgCode) == ["JA", "JA01", "JA02"])
        #expect(early.root.figures.members == 2 && early.root.figures.newMembers == 0 && early.root.figures.grassrootsUnions == 2)
        }
    }

    @Test(arguments: Engines.all)
    func aCountyOfficerSeesOnlyTheCounty(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await buildHistory(t.store)
        let jiangan = try await SmallTree.actor(t.store, org: "JA")
        let own = try await t.store.statistics.annualReport(code: "JA", asOf: Self.d("2025-05-01"), depth: nil, actor: jiangan)
        #expect(own.root.figures.members == 3)
        for other in ["HB", "WH", "XL", "XL01"] {
            await #expect(throws: StoreError.notFound(entity: "组织", key: other)) {
                _ = try await t.store.statistics.annualReport(code: other, asOf: Self.d("2025-05-01"), depth: 1, actor: jiangan)
            }
        }
        let reviewer = try await SmallTree.actor(t.store, org: "JA", role: .reviewer)
        await #expect(throws: StoreError.self) {
            _ = try await t.store.statistics.addContract(orgCode: "JA01", kind: "综合性集体合同", signedOn: nil, validFrom: Self.d("2025-01-01"),
                                                       validTo: nil, workersCovered: 10, actor: reviewer)
        }
        }
    }

    /// Two keepers of one day at once (two reports in the first hour of a year): one computes
    /// it, the other finds it kept; neither fails, and the snapshot is the recount.
    @Test(arguments: Engines.all)
    func twoKeepersOfOneDayAtOnce(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await buildHistory(t.store)
        let day = Self.d("2025-06-30")
        let statistics = t.store.statistics
        async let a: Void = statistics.keep([day])
        async let b: Void = statistics.keep([day])
        _ = try await (a, b)
        #expect(try await t.store.statistics.keptDays().filter { $0 == day }.count == 1)
        #expect(try await memberTotalsMismatches(t.store).isEmpty)
        let bySnapshot = try await t.store.statistics.annualReport(code: "HB", asOf: day, depth: nil, actor: system, method: .snapshot)
        #expect(bySnapshot.root.figures.members == 4)
        #expect(bySnapshot == (try await t.store.statistics.annualReport(code: "HB", asOf: day, depth: nil, actor: system, method: .scan)))
        }
    }

    /// Random trees and random histories against a model kept by the test: on every date asked,
    /// each node's members, unions and employees equal the model's, and each row's figures are its
    /// own part plus its children's.
    @Test(arguments: Engines.all)
    func randomHistoriesAgreeWithTheModel(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await SmallTree.build(t.store)
        // A year-end kept before the history is written (the triggers keep it) and one kept
        // after (computed from the periods, then kept through the attribute edits below).
        try await t.store.statistics.keep([Self.d("2022-12-31")])
        var rng = SplitMix64(seed: engine == .sqlite ? 20251231 : 20260101)
        let counties = ["JA", "XL"]
        // Unions: code -> (employees, parent timeline [(from date, county)]).
        var unions: [String: (employees: Int, parents: [(CivilDate, String)])] = [
            "JA01": (100, [(Self.d("2000-01-01"), "JA")]), "JA02": (50, [(Self.d("2000-01-01"), "JA")]),
            "XL01": (80, [(Self.d("2000-01-01"), "XL")]), "XL02": (40, [(Self.d("2000-01-01"), "XL")]),
        ]
        for i in 0..<6 {
            let code = "R\(i)", county = counties[rng.below(2)], employees = 10 + rng.below(90)
            _ = try await t.store.orgs.create(OrganizationDraft(code: code, name: "随机工会\(i)", parentCode: county, kind: .grassroots, employees: employees),
                                              on: Self.d("2020-01-01"), actor: system)
            unions[code] = (employees, [(Self.d("2000-01-01"), county)])
        }
        let codes = unions.keys.sorted()
        // Members: intervals [from, to) in a union while in good standing.
        var spans: [(org: String, from: CivilDate, to: CivilDate?)] = []
        var stillIn: [(member: Int64, span: Int)] = []
        var day = Self.d("2022-01-01")
        for i in 0..<30 {
            day = day.adding(days: 1 + rng.below(20))
            let org = codes[rng.below(codes.count)]
            let m = try await register(t.store, "420102199\(String(format: "%01d", i % 10))0101\(String(format: "%03d", i))", "会员\(i)", org, joined: day.iso)
            var at = org, since = day
            // Maybe a transfer, then maybe a withdrawal, in date order.
            if rng.below(3) == 0 {
                let to = codes.filter { $0 != at }[rng.below(codes.count - 1)]
                let req = since.adding(days: 1 + rng.below(30)), rel = req.adding(days: rng.below(3)), rec = rel.adding(days: rng.below(3))
                try await transfer(t.store, m, to: to, req.iso, rel.iso, rec.iso)
                spans.append((at, since, rel))
                at = to; since = rec
            }
            if rng.below(4) == 0 {
                let out = since.adding(days: 1 + rng.below(60))
                _ = try await t.store.members.changeStatus(id: m.id, to: .withdrawn, on: out, reason: "", actor: system)
                spans.append((at, since, out))
            } else {
                spans.append((at, since, nil))
                stillIn.append((m.id, spans.count - 1))
            }
        }
        // Two union moves between the counties.
        var moveDay = Self.d("2023-06-01")
        for code in codes.shuffled(using: &rng).prefix(2) {
            moveDay = moveDay.adding(days: 10 + rng.below(100))
            let current = unions[code]!.parents.last!.1
            let target = current == "JA" ? "XL" : "JA"
            _ = try await t.store.orgs.move(code: code, toParent: target, on: moveDay, actor: system)
            unions[code]!.parents.append((moveDay, target))
        }

        try await t.store.statistics.keep([Self.d("2023-12-31")])
        // Withdrawals recorded after the fact, across both kept year-ends.
        for (member, span) in stillIn.prefix(3) {
            let out = max(spans[span].from.adding(days: 1), Self.d("2022-11-30"))
            _ = try await t.store.members.changeStatus(id: member, to: .withdrawn, on: out, reason: "", actor: system)
            spans[span].to = out
        }

        // Editing members' attributes moves them between the roll-up's columns.
        #expect(try await memberTotalsMismatches(t.store).isEmpty)
        let someone = try await t.store.members.search(name: "会员1", orgCode: nil, status: nil, actor: system).items
        for (i, m) in someone.enumerated() {
            var patch = MemberPatch()
            patch.employmentType = i % 2 == 0 ? .newForms : .dispatched
            patch.isMigrant = !m.isMigrant
            _ = try await t.store.members.update(id: m.id, patch: patch, expectedVersion: nil, actor: system)
        }
        #expect(try await memberTotalsMismatches(t.store).isEmpty)

        let kept = try await t.store.database.read { try await MemberSnapshots.keptDays(on: $0) }
        #expect(kept == ["2022-12-31", "2023-12-31"].map(Self.d) + StatisticsService.yearEndsToKeep(today: today))
        for date in ["2021-12-31", "2022-03-15", "2022-09-30", "2022-12-31", "2023-06-30", "2023-12-31", "2024-06-30", "2024-12-31", today.iso].map(Self.d) {
            let report = try await t.store.statistics.annualReport(code: "HB", asOf: date, depth: nil, actor: system)
            // The kept snapshot, the roll-up corrected by the changes since the date, and the full
            // read agree.
            for code in ["HB", "JA", "XL01"] {
                let byRollUp = try await t.store.statistics.annualReport(code: code, asOf: date, depth: nil, actor: system, method: .rollUp)
                let byScan = try await t.store.statistics.annualReport(code: code, asOf: date, depth: nil, actor: system, method: .scan)
                #expect(byRollUp == byScan, "\(code) on \(date.iso): roll-up and full read")
                if kept.contains(date) {
                    let bySnapshot = try await t.store.statistics.annualReport(code: code, asOf: date, depth: nil, actor: system, method: .snapshot)
                    #expect(bySnapshot == byScan, "\(code) on \(date.iso): snapshot and full read")
                }
                if code == "HB" { #expect(byScan == report) }
            }
            var members: [String: Int] = [:]
            for s in spans where s.from <= date && (s.to.map { date < $0 } ?? true) { members[s.org, default: 0] += 1 }
            func county(_ code: String) -> String { unions[code]!.parents.last { $0.0 <= date }!.1 }
            var expected: [String: (members: Int, unions: Int, employees: Int)] = [:]
            for code in codes {
                let n = members[code] ?? 0, e = unions[code]!.employees
                expected[code] = (n, 1, e)
                for up in [county(code), county(code) == "JA" ? "WH" : "YC", "HB"] {
                    let x = expected[up] ?? (0, 0, 0)
                    expected[up] = (x.members + n, x.unions + 1, x.employees + e)
                }
            }
            let rows = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.orgCode, $0) })
            for (code, x) in expected {
                let f = rows[code]?.figures
                #expect(f?.members == x.members, "\(code) on \(date.iso): members")
                #expect(f?.grassrootsUnions == x.unions, "\(code) on \(date.iso): unions")
                #expect(f?.employees == x.employees, "\(code) on \(date.iso): employees")
            }
            for code in codes { #expect(rows[code]?.parentCode == county(code), "\(code) on \(date.iso): parent") }
            // Every row: own part plus the children's rows.
            for row in report.rows {
                let kids = report.rows.filter { $0.parentCode == row.orgCode }
                #expect(kids.map(\.figures).reduce(row.own, +) == row.figures, "\(row.orgCode) on \(date.iso): sum of children")
            }
        }
        }
    }
}
